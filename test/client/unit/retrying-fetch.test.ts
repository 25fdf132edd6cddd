/**
 * The retry policy as the transport applies it, in process: a scripted fetch given to the client
 * and a fake clock, so every wait is asserted to the millisecond (an attempt is not sent one
 * millisecond early, and is sent on time). What is retried for which kind of operation, how many
 * times, how long the client waits (backoff, its cap and jitter, the server's Retry-After in each
 * form), what `onRetry` is told, and how the caller's abort ends a wait. What only real sockets
 * show (resets, refusals, stalls, hangs) is tested over loopback in test/client/.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadSpec } from "#spec/document.js";
import { OPERATIONS, type OperationKey } from "../../../generated/contract.js";
import {
  ApiError,
  ConnectionError,
  createOpenSyncClient,
  errorOf,
  type OpenSyncClientOptions,
  OutcomeUnknownError,
  type RetryEvent,
  TimeoutError,
  unwrap,
} from "../../../src/index.js";
import { KEY, rejectionOf } from "../../support/client-harness.js";
import { connectionFailure, type FetchStep, type ScriptedFetch, scriptedFetch } from "../../support/scripted-fetch.js";

const BASE_URL = "https://opensync.example";
const START = Date.parse("2026-01-01T00:00:00Z");
const EMPTY_PAGE = { sessions: [] };
const BATCH_OK = { ok: true, sessions: 0, messages: 1, errors: [] };
const part = { type: "text" as const, content: "The refresh handler drops the new token." };
const message = { sessionExternalId: "s", externalId: "s:1", role: "assistant" as const, textContent: "t" };

let fake: ScriptedFetch;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  fake = scriptedFetch();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The client with its defaults (3 retries from 1 s, 25 % jitter), talking to the scripted fetch. */
const client = (options: OpenSyncClientOptions = {}) =>
  createOpenSyncClient({ baseUrl: BASE_URL, apiKey: KEY, fetch: fake.fetch, ...options });
/** No jitter, so that delays are the nominal backoff. */
const NO_JITTER = { jitter: 0 } as const;

/** Runs the clock until the call settles; the call's promise, settled. */
async function settle<T>(call: Promise<T>): Promise<T> {
  let done = false;
  call.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 1000 && !done; i++) await vi.advanceTimersToNextTimerAsync();
  if (!done) throw new Error("the call did not settle");
  return call;
}

/** How many attempts have been sent once the clock reads `ms` after the start. */
async function attemptsBy(ms: number): Promise<number> {
  await vi.advanceTimersByTimeAsync(START + ms - Date.now());
  return fake.attempts.length;
}

/** Attempt times, in ms from the start. */
const times = () => fake.attempts.map((a) => a.at - START);

const envelope = (code: string, text: string) => ({ error: { code, message: text } });

type Client = ReturnType<typeof client>;
/** What any call resolves to; `errorOf` and `unwrap` take it. */
type CallResult = { data?: unknown; error?: unknown; response: Response };

/** One call of each kind the retry rules tell apart. */
const CALLS: Record<string, (c: Client) => Promise<CallResult>> = {
  "a GET": (c) => c.GET("/api/sessions"),
  "an idempotent write (POST /sync/session)": (c) => c.POST("/sync/session", { body: { externalId: "s" } }),
  "a batch without message parts": (c) => c.POST("/sync/batch", { body: { messages: [message] } }),
  "a batch carrying message parts": (c) =>
    c.POST("/sync/batch", { body: { messages: [{ ...message, parts: [part] }] } }),
};
type Kind = string;
const REPEATABLE: Kind[] = ["a GET", "an idempotent write (POST /sync/session)", "a batch without message parts"];
const KINDS = Object.keys(CALLS);
const repeatable = (kind: Kind) => REPEATABLE.includes(kind);

describe("what is retried, per kind of operation", () => {
  describe.each(KINDS)("%s", (kind) => {
    const call = () => CALLS[kind]!(client({ retry: NO_JITTER }));

    it("a 429 is retried: the server refused before acting", async () => {
      fake.script({ status: 429, body: envelope("RATE_LIMITED", "slow down") }, { status: 200, body: BATCH_OK });
      const { response } = await settle(call());
      expect(response.status).toBe(200);
      expect(fake.attempts).toHaveLength(2);
      // The body sent again is the same bytes.
      expect(fake.attempts[1]!.body).toBe(fake.attempts[0]!.body);
    });

    it.each([500, 502, 503, 504, 599])(
      `a %i is ${repeatable(kind) ? "retried" : "not retried, its outcome unknown"}`,
      async (status) => {
        fake.script({ status, body: envelope("INTERNAL_ERROR", "busy") }, { status: 200, body: BATCH_OK });
        const result = await settle(call());
        if (repeatable(kind)) {
          expect(result.response.status).toBe(200);
          expect(fake.attempts).toHaveLength(2);
          return;
        }
        expect(fake.attempts).toHaveLength(1);
        expect(result.response.status).toBe(status);
        expect(result.error).toEqual(envelope("INTERNAL_ERROR", "busy"));
        const failure = errorOf(result);
        expect(failure).toBeInstanceOf(OutcomeUnknownError);
        expect(failure).toMatchObject({
          status,
          attempts: 1,
          method: "POST",
          path: "/sync/batch",
          cause: expect.any(ApiError),
        });
        expect(failure!.message).toBe(
          `POST /sync/batch: may or may not have been written; not retried, as repeating it can lose data: ` +
            `${status} INTERNAL_ERROR: busy`,
        );
        await expect(unwrap(result)).rejects.toBeInstanceOf(OutcomeUnknownError);
      },
    );

    it(`a 408 is ${repeatable(kind) ? "retried" : "final, and not ambiguous: an ApiError"}`, async () => {
      fake.script({ status: 408 }, { status: 200, body: BATCH_OK });
      const result = await settle(call());
      expect(fake.attempts).toHaveLength(repeatable(kind) ? 2 : 1);
      if (repeatable(kind)) return;
      const failure = errorOf(result);
      expect(failure).toBeInstanceOf(ApiError);
      expect(failure).not.toBeInstanceOf(OutcomeUnknownError);
    });

    it.each([400, 401, 403, 404, 409, 413, 422])(
      "a %i is final: one attempt, its envelope returned",
      async (status) => {
        fake.script({ status, body: envelope("INVALID_REQUEST", "no") }, { status: 200, body: BATCH_OK });
        const { response, error } = await settle(call());
        expect(response.status).toBe(status);
        expect(error).toEqual(envelope("INVALID_REQUEST", "no"));
        expect(fake.attempts).toHaveLength(1);
      },
    );

    it("a connection that was never made is retried, and ends as a plain ConnectionError", async () => {
      fake.script(...Array(4).fill({ reject: connectionFailure("ECONNREFUSED") }));
      const error = await rejectionOf(settle(call()));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).not.toBeInstanceOf(OutcomeUnknownError);
      expect(error).toMatchObject({ attempts: 4 });
      expect(fake.attempts).toHaveLength(4);
    });

    it(`a connection cut after sending is ${repeatable(kind) ? "retried" : "not retried: OutcomeUnknownError caused by a ConnectionError"}`, async () => {
      fake.script({ reject: connectionFailure("ECONNRESET") }, { status: 200, body: BATCH_OK });
      const outcome = settle(call());
      if (repeatable(kind)) {
        expect((await outcome).response.status).toBe(200);
        expect(fake.attempts).toHaveLength(2);
        return;
      }
      const error = await rejectionOf(outcome);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error).toMatchObject({ attempts: 1, status: undefined, cause: expect.any(ConnectionError) });
      expect(fake.attempts).toHaveLength(1);
    });

    it(`an attempt that times out is ${repeatable(kind) ? "retried" : "not retried: OutcomeUnknownError caused by a TimeoutError"}`, async () => {
      fake.script({ hang: true }, { status: 200, body: BATCH_OK });
      const outcome = CALLS[kind]!(client({ retry: NO_JITTER, timeoutMs: 2000 }));
      outcome.catch(() => {});
      expect(await attemptsBy(1999)).toBe(1);
      if (repeatable(kind)) {
        // Timed out at 2000 ms, then the first backoff (1000 ms).
        expect(await attemptsBy(2999)).toBe(1);
        expect(await attemptsBy(3000)).toBe(2);
        expect((await outcome).response.status).toBe(200);
        return;
      }
      await vi.advanceTimersByTimeAsync(1);
      const error = await rejectionOf(outcome);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).cause).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ attempts: 1, cause: { timeoutMs: 2000, attempts: 1 } });
      expect(fake.attempts).toHaveLength(1);
    });

    it("a server's x-should-retry wins over the status, either way", async () => {
      fake.script({ status: 503, headers: { "x-should-retry": "true" } }, { status: 200, body: BATCH_OK });
      expect((await settle(call())).response.status).toBe(200);
      expect(fake.attempts).toHaveLength(2);
      fake.script({ status: 503, headers: { "x-should-retry": "false" } }, { status: 200, body: BATCH_OK });
      expect((await settle(call())).response.status).toBe(503);
      expect(fake.attempts).toHaveLength(3);
    });
  });

  it("with retry off, a 5xx of a batch carrying message parts is still an unknown outcome", async () => {
    fake.script({ status: 502 });
    const result = await settle(CALLS["a batch carrying message parts"]!(client({ retry: false })));
    expect(errorOf(result)).toBeInstanceOf(OutcomeUnknownError);
  });

  describe("a 429 is retried for every operation of the contract", () => {
    const spec = loadSpec();
    it.each(Object.keys(OPERATIONS) as OperationKey[])("%s", async (key) => {
      const [method, path] = key.split(" ") as [string, string];
      // The spec's example body (the batch example carries parts: not repeatable, still retried on 429).
      const body = spec.paths[path]![method.toLowerCase()].requestBody?.content["application/json"]?.example;
      fake.script({ status: 429, headers: { "retry-after-ms": "1" } }, { status: 200, body: {} });
      const call = client().request as (m: string, p: string, i: unknown) => Promise<{ response: Response }>;
      const { response } = await settle(
        call(method.toLowerCase(), path, { body, params: { query: { id: "x", q: "x" } }, parseAs: "text" }),
      );
      expect(response.status).toBe(200);
      expect(fake.attempts).toHaveLength(2);
      expect(fake.attempts[1]!.body).toBe(fake.attempts[0]!.body);
    });
  });
});

describe("how many times", () => {
  it("gives up after maxRetries (3 by default) and returns the last response's envelope, attempts counted", async () => {
    fake.script(...Array(4).fill({ status: 503, body: "busy" }));
    const c = client();
    const { data, error, response } = await settle(c.GET("/api/sessions"));
    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error).toEqual(envelope("INTERNAL_ERROR", "busy"));
    expect(fake.attempts).toHaveLength(4);
    fake.script(...Array(4).fill({ status: 503 }));
    await expect(settle(unwrap(c.GET("/api/sessions")))).rejects.toMatchObject({
      name: "ApiError",
      status: 503,
      attempts: 4,
    });
    expect(fake.attempts).toHaveLength(8);
  });

  it.each([
    ["maxRetries: 1", { maxRetries: 1 }, 2],
    ["maxRetries: 5", { maxRetries: 5 }, 6],
    ["maxRetries: 0", { maxRetries: 0 }, 1],
    ["retry: false", false, 1],
  ] as const)("%s makes %i attempts at most", async (_name, retry, attempts) => {
    fake.script(...Array(attempts).fill({ status: 500 }), { status: 200, body: EMPTY_PAGE });
    const { response } = await settle(client({ retry }).GET("/api/sessions"));
    expect(response.status).toBe(500);
    expect(fake.attempts).toHaveLength(attempts);
  });

  it("client.request(method, path) retries like the method shorthands", async () => {
    fake.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    const { data } = await settle(client().request("get", "/api/sessions"));
    expect(data).toEqual(EMPTY_PAGE);
    expect(fake.attempts).toHaveLength(2);
  });
});

describe("how long: backoff", () => {
  it("by default waits 1, 2, then 4 s without jitter (the published strategy), each attempt exactly on time", async () => {
    fake.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: EMPTY_PAGE });
    const call = client({ retry: NO_JITTER }).GET("/api/sessions");
    expect([await attemptsBy(0), await attemptsBy(999), await attemptsBy(1000)]).toEqual([1, 1, 2]);
    expect([await attemptsBy(2999), await attemptsBy(3000)]).toEqual([2, 3]);
    expect([await attemptsBy(6999), await attemptsBy(7000)]).toEqual([3, 4]);
    expect((await call).response.status).toBe(200);
    expect(times()).toEqual([0, 1000, 3000, 7000]);
  });

  it("doubles from baseDelayMs and is capped by maxDelayMs", async () => {
    fake.script(...Array(5).fill({ status: 503 }));
    const events: RetryEvent[] = [];
    await settle(
      client({
        retry: { maxRetries: 5, baseDelayMs: 4, maxDelayMs: 10, jitter: 0 },
        onRetry: (e) => events.push(e),
      }).GET("/api/sessions"),
    );
    expect(events.map((e) => e.delayMs)).toEqual([4, 8, 10, 10, 10]);
    expect(times()).toEqual([0, 4, 12, 22, 32, 42]);
  });

  it("the default cap is 8 s: the fourth and later retries wait 8 s", async () => {
    fake.script(...Array(6).fill({ status: 503 }));
    const events: RetryEvent[] = [];
    await settle(client({ retry: { maxRetries: 6, jitter: 0 }, onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events.map((e) => e.delayMs)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("jitter removes nothing on a draw of 0 and all of its share (25 % by default) as the draw nears 1", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    await settle(client().GET("/api/sessions"));
    expect(times()).toEqual([0, 1000, 3000, 7000]);

    vi.setSystemTime(START);
    fake = scriptedFetch();
    vi.spyOn(Math, "random").mockReturnValue(1 - Number.EPSILON);
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    await settle(client().GET("/api/sessions"));
    expect(times()).toEqual([0, 750, 2250, 5250]);
  });

  it("jitter scales with the draw: a share of 0.5 and a draw of 0.5 take a quarter off", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    fake.script({ status: 503 });
    const events: RetryEvent[] = [];
    await settle(
      client({ retry: { baseDelayMs: 20, jitter: 0.5 }, onRetry: (e) => events.push(e) }).GET("/api/sessions"),
    );
    expect(events.map((e) => e.delayMs)).toEqual([15]);
    expect(times()).toEqual([0, 15]);
  });

  it("jitter: true is the default share, false none", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const events: RetryEvent[] = [];
    fake.script({ status: 503 });
    await settle(client({ retry: { jitter: true }, onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    fake.script({ status: 503 });
    await settle(client({ retry: { jitter: false }, onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events.map((e) => e.delayMs)).toEqual([875, 1000]);
  });
});

describe("how long: the server's Retry-After", () => {
  const rateLimited = (headers: Record<string, string>): FetchStep => ({
    status: 429,
    headers,
    body: envelope("RATE_LIMITED", "Rate limit exceeded."),
  });

  it.each([
    ["delay-seconds", { "retry-after": "2" }, 2000],
    ["decimal seconds", { "retry-after": "1.5" }, 1500],
    ["an IMF-fixdate", { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, 5000],
    ["an RFC 850 date", { "retry-after": "Thursday, 01-Jan-26 00:00:04 GMT" }, 4000],
    ["an asctime date", { "retry-after": "Thu Jan  1 00:00:03 2026" }, 3000],
    ["retry-after-ms", { "retry-after-ms": "25" }, 25],
    ["retry-after-ms over Retry-After", { "retry-after-ms": "25", "retry-after": "30" }, 25],
  ])("%s is waited exactly, instead of the backoff", async (_form, headers, delayMs) => {
    fake.script(rateLimited(headers));
    const events: RetryEvent[] = [];
    const call = client({ onRetry: (e) => events.push(e) }).GET("/api/sessions");
    expect([await attemptsBy(delayMs - 1), await attemptsBy(delayMs)]).toEqual([1, 2]);
    expect((await call).response.status).toBe(200);
    expect(events.map((e) => e.delayMs)).toEqual([delayMs]);
  });

  it("gets no jitter, even with jitter: 1 and a draw near 1", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1 - Number.EPSILON);
    fake.script(rateLimited({ "retry-after-ms": "30" }));
    const events: RetryEvent[] = [];
    await settle(client({ retry: { jitter: 1 }, onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events.map((e) => e.delayMs)).toEqual([30]);
    expect(times()).toEqual([0, 30]);
  });

  it("applies to a retried 503 too", async () => {
    fake.script({ status: 503, headers: { "retry-after-ms": "15" } });
    const events: RetryEvent[] = [];
    await settle(client({ onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events.map((e) => e.delayMs)).toEqual([15]);
  });

  it.each([
    ["malformed", "soon"],
    ["negative", "-5"],
    ["a past date", "Wed, 21 Oct 2015 07:28:00 GMT"],
    ["the present second", "Thu, 01 Jan 2026 00:00:00 GMT"],
    ["empty", ""],
    ["hexadecimal", "0x10"],
  ])("an unusable one (%s) falls back to the backoff", async (_name, value) => {
    fake.script(rateLimited({ "retry-after": value }));
    const events: RetryEvent[] = [];
    const { response } = await settle(
      client({ retry: { baseDelayMs: 7, jitter: 0 }, onRetry: (e) => events.push(e) }).GET("/api/sessions"),
    );
    expect(response.status).toBe(200);
    expect(events.map((e) => e.delayMs)).toEqual([7]);
  });

  it("one longer than maxRetryAfterMs (60 s by default) is not waited: the 429 comes back at once, with the delay", async () => {
    fake.script(rateLimited({ "retry-after": "120" }));
    let settled = false;
    const call = unwrap(client().GET("/api/sessions")).finally(() => (settled = true));
    call.catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterMs: 120_000, attempts: 1 });
    expect(fake.attempts).toHaveLength(1);
  });

  it("one of exactly maxRetryAfterMs is waited", async () => {
    fake.script(rateLimited({ "retry-after": "60" }));
    const call = client().GET("/api/sessions");
    expect([await attemptsBy(59_999), await attemptsBy(60_000)]).toEqual([1, 2]);
    expect((await call).response.status).toBe(200);
  });

  it("follows a maxRetryAfterMs the caller set", async () => {
    fake.script(rateLimited({ "retry-after-ms": "101" }));
    const error = await rejectionOf(settle(unwrap(client({ retry: { maxRetryAfterMs: 100 } }).GET("/api/sessions"))));
    expect(fake.attempts).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 101 });
  });

  it("stays on the error after the last attempt", async () => {
    fake.script(rateLimited({ "retry-after-ms": "5" }), rateLimited({ "retry-after-ms": "6" }));
    const error = await rejectionOf(settle(unwrap(client({ retry: { maxRetries: 1 } }).GET("/api/sessions"))));
    expect(error).toMatchObject({ status: 429, attempts: 2, retryAfterMs: 6 });
  });

  it.each([
    ["retry: false", false],
    ["maxRetries: 0", { maxRetries: 0 }],
  ] as const)("with %s, a 429 comes back as it is, its delay on the error", async (_name, retry) => {
    fake.script(rateLimited({ "retry-after": "3" }), rateLimited({ "retry-after": "3" }));
    const c = client({ retry });
    const { response, error } = await settle(c.GET("/api/stats"));
    expect(response.status).toBe(429);
    expect(error).toEqual(envelope("RATE_LIMITED", "Rate limit exceeded."));
    const thrown = await rejectionOf(settle(unwrap(c.GET("/api/stats"))));
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ name: "ApiError", status: 429, retryAfterMs: 3000, attempts: 1 });
    expect(fake.attempts).toHaveLength(2);
  });
});

describe("onRetry", () => {
  it("is told the failed attempt, the delay, the reason, the method, the query-free URL and the path", async () => {
    fake.script({ status: 503 }, { status: 429, headers: { "retry-after-ms": "7" } });
    const events: RetryEvent[] = [];
    await settle(
      client({ retry: NO_JITTER, onRetry: (e) => events.push(e) }).GET("/api/sessions", {
        params: { query: { limit: 3 } },
      }),
    );
    const request = { method: "GET", url: `${BASE_URL}/api/sessions`, path: "/api/sessions" };
    expect(events).toEqual([
      { attempt: 1, delayMs: 1000, reason: { type: "status", status: 503 }, request },
      { attempt: 2, delayMs: 7, reason: { type: "status", status: 429 }, request },
    ]);
    expect(Object.keys(events[0]!.request)).toEqual(["method", "url", "path"]);
  });

  it("is called before the wait, not after it", async () => {
    fake.script({ status: 503 });
    const calledAt: number[] = [];
    await settle(client({ retry: NO_JITTER, onRetry: () => calledAt.push(Date.now() - START) }).GET("/api/sessions"));
    expect(calledAt).toEqual([0]);
  });

  it("reports a timeout with the attempt's timeoutMs", async () => {
    fake.script({ hang: true });
    const events: RetryEvent[] = [];
    await settle(client({ retry: NO_JITTER, timeoutMs: 500, onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events).toEqual([
      {
        attempt: 1,
        delayMs: 1000,
        reason: { type: "timeout", timeoutMs: 500 },
        request: { method: "GET", url: `${BASE_URL}/api/sessions`, path: "/api/sessions" },
      },
    ]);
    expect(times()).toEqual([0, 1500]);
  });

  it("reports a connection failure with the error, which serialises to its name and message, never the key", async () => {
    fake.script({ reject: connectionFailure("ECONNRESET") });
    const events: RetryEvent[] = [];
    await settle(client({ onRetry: (e) => events.push(e) }).GET("/api/sessions"));
    expect(events[0]!.reason).toEqual({ type: "connection", error: expect.any(ConnectionError) });
    expect(JSON.parse(JSON.stringify(events[0]!.reason))).toEqual({
      type: "connection",
      error: {
        name: "ConnectionError",
        message:
          "GET /api/sessions: connection failed after 1 attempt: fetch failed: connect ECONNRESET 203.0.113.1:443 " +
          "(ECONNRESET)",
        method: "GET",
        path: "/api/sessions",
        attempts: 1,
        neverSent: false,
      },
    });
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  it("is not called for an attempt that is not retried", async () => {
    fake.script({ status: 404 });
    const onRetry = vi.fn();
    await settle(client({ onRetry }).GET("/api/sessions"));
    expect(onRetry).not.toHaveBeenCalled();
  });
});

describe("the caller's abort", () => {
  it("during a backoff wait rejects at once, and no further attempt is made", async () => {
    fake.script({ status: 503 });
    const controller = new AbortController();
    const call = client({ retry: { baseDelayMs: 10_000, jitter: 0 } }).GET("/api/sessions", {
      signal: controller.signal,
    });
    call.catch(() => {});
    await vi.advanceTimersByTimeAsync(20);
    controller.abort();
    const error = await rejectionOf(call);
    expect((error as Error).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(Date.now() - START).toBe(20);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.attempts).toHaveLength(1);
  });

  it("during a Retry-After wait rejects at once too", async () => {
    fake.script({ status: 429, headers: { "retry-after": "30" } });
    const controller = new AbortController();
    const call = client({ onRetry: () => controller.abort() }).GET("/api/sessions", { signal: controller.signal });
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - START).toBe(0);
    expect(fake.attempts).toHaveLength(1);
  });
});

describe("beneath openapi-fetch's middleware", () => {
  it("onRequest runs once per call and onResponse sees only the final response", async () => {
    fake.script({ status: 503 }, { status: 503 }, { status: 200, body: EMPTY_PAGE });
    const c = client();
    const seen: string[] = [];
    c.use({
      onRequest: ({ request }) => void seen.push(`request ${request.method}`),
      onResponse: ({ response }) => void seen.push(`response ${response.status}`),
    });
    await settle(c.GET("/api/sessions"));
    expect(fake.attempts).toHaveLength(3);
    expect(seen).toEqual(["request GET", "response 200"]);
  });

  it("every attempt carries what a middleware set, and the same body", async () => {
    fake.script({ status: 503 }, { status: 503 }, { status: 200, body: BATCH_OK });
    const c = client();
    c.use({ onRequest: ({ request }) => void request.headers.set("x-trace", "t1") });
    await settle(c.POST("/sync/batch", { body: { messages: [message] } }));
    expect(fake.attempts.map((a) => a.headers.get("x-trace"))).toEqual(["t1", "t1", "t1"]);
    expect(fake.attempts.map((a) => a.headers.get("authorization"))).toEqual(Array(3).fill(`Bearer ${KEY}`));
    expect(new Set(fake.attempts.map((a) => a.body))).toEqual(new Set([JSON.stringify({ messages: [message] })]));
  });
});
