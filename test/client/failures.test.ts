/**
 * Failures without a response: connection resets and refusals, per-attempt timeouts, and the
 * caller's own abort of a request in flight (never retried). How an abort cuts a backoff or a
 * Retry-After wait short is tested in process, in unit/retrying-fetch.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, OpenSyncError, type RetryEvent, TimeoutError, unwrap } from "../../src/index.js";
import { clientFor, EMPTY_PAGE, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";
import { freePort } from "../support/free-port.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("connection failures", () => {
  it("a reset then a 200 gives the data", async () => {
    server.script({ reset: true }, { status: 200, body: { sessions: [], nextCursor: "n" } });
    const events: RetryEvent[] = [];
    const { data } = await clientFor(server, { onRetry: (e) => events.push(e) }).GET("/api/sessions");
    expect(data).toEqual({ sessions: [], nextCursor: "n" });
    expect(server.attempts).toHaveLength(2);
    expect(events[0]!.reason.type).toBe("connection");
  });

  it("resets on every attempt reject with ConnectionError, attempts counted and cause kept", async () => {
    server.script(...Array(4).fill({ reset: true }));
    const error = await rejectionOf(clientFor(server).GET("/api/sessions"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(OpenSyncError);
    expect(error).toMatchObject({ attempts: 4 });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.attempts).toHaveLength(4);
  });

  it("a refused connection is retried, then rejects with ConnectionError", async () => {
    const port = await freePort();
    const events: RetryEvent[] = [];
    const client = clientFor(server, { baseUrl: `http://127.0.0.1:${port}`, onRetry: (e) => events.push(e) });
    const error = await rejectionOf(client.GET("/api/sessions"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 4 });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(events.map((e) => e.reason.type)).toEqual(["connection", "connection", "connection"]);
  });

  it("neverSent tells a refused connection (nothing left) from one cut after the server read the request", async () => {
    const refused = clientFor(server, { baseUrl: `http://127.0.0.1:${await freePort()}`, retry: false });
    expect(await rejectionOf(refused.GET("/api/sessions"))).toMatchObject({ name: "ConnectionError", neverSent: true });
    // The fault server reads the whole request, then destroys the socket without answering.
    server.script({ reset: true });
    const error = await rejectionOf(clientFor(server, { retry: false }).GET("/api/sessions"));
    expect(error).toMatchObject({ name: "ConnectionError", neverSent: false });
    expect(server.attempts).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ neverSent: false, attempts: 1 });
  });

  it("with retry off, a reset is one attempt", async () => {
    server.script({ reset: true }, { status: 200, body: EMPTY_PAGE });
    await expect(clientFor(server, { retry: false }).GET("/api/sessions")).rejects.toMatchObject({
      name: "ConnectionError",
      attempts: 1,
    });
    expect(server.attempts).toHaveLength(1);
  });
});

describe("messages name the call, never the query", () => {
  it.each([
    ["ConnectionError", { reset: true as const }, /^GET \/api\/search: connection failed after 1 attempt: /],
    ["TimeoutError", { hang: true as const }, /^GET \/api\/search: timed out after 100 ms \(1 attempt\)$/],
  ])("%s", async (name, step, message) => {
    server.script(step);
    const error = await rejectionOf(
      clientFor(server, { retry: false, timeoutMs: 100 }).GET("/api/search", {
        params: { query: { q: "private words" } },
      }),
    );
    expect(error).toMatchObject({ name, method: "GET", path: "/api/search" });
    expect((error as Error).message).toMatch(message);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(/private/);
  });
});

describe("timeouts", () => {
  it("a hanging server hits the per-attempt timeout and the retry gets the data", async () => {
    server.script({ hang: true }, { status: 200, body: EMPTY_PAGE });
    const events: RetryEvent[] = [];
    const started = performance.now();
    const { data } = await clientFor(server, { timeoutMs: 100, onRetry: (e) => events.push(e) }).GET("/api/sessions");
    expect(data).toEqual(EMPTY_PAGE);
    expect(events.map((e) => e.reason)).toEqual([{ type: "timeout", timeoutMs: 100 }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(server.attempts).toHaveLength(2);
  });

  it("hanging on every attempt rejects with TimeoutError, attempts counted", async () => {
    server.script({ hang: true }, { hang: true });
    // 150 ms, not less: under a loaded CI machine an attempt must at least reach the server.
    const error = await rejectionOf(
      clientFor(server, { timeoutMs: 150, retry: { maxRetries: 1, baseDelayMs: 1 } }).GET("/api/sessions"),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(OpenSyncError);
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 150 });
    expect(server.attempts).toHaveLength(2);
  });

  it("the timeout is per attempt, not for the whole call", async () => {
    // Two slow 503s and a slow 200: the call takes longer than one timeoutMs, yet succeeds.
    server.script(
      { status: 503, delayMs: 70 },
      { status: 503, delayMs: 70 },
      { status: 200, body: EMPTY_PAGE, delayMs: 70 },
    );
    const started = performance.now();
    const { response } = await clientFor(server, { timeoutMs: 150 }).GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThan(150);
  });

  it("a 2xx body that stalls midway is a TimeoutError, not a hang", async () => {
    server.script({ stallAfter: '{"sessions":[' });
    const started = performance.now();
    const error = await rejectionOf(clientFor(server, { timeoutMs: 100, retry: false }).GET("/api/sessions"));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("timeouts alongside the caller's signal and middleware", () => {
  it("a caller's signal that never fires does not replace the attempt timeout", async () => {
    server.script({ hang: true });
    const caller = new AbortController();
    const error = await rejectionOf(
      clientFor(server, { timeoutMs: 80, retry: false }).GET("/api/sessions", { signal: caller.signal }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(caller.signal.aborted).toBe(false);
  });

  it("the caller's abort still cuts a 2xx body short while attempt timeouts are on", async () => {
    server.script({ stallAfter: '{"sessions":[' });
    const reason = new Error("caller gave up");
    const caller = new AbortController();
    // The caller aborts once the headers are in and the body is being read (openapi-fetch starts
    // reading it in the promise callbacks that follow; the abort waits for the next turn of the loop).
    const abortWhileReading: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      setImmediate(() => caller.abort(reason));
      return response;
    };
    const started = performance.now();
    const error = await rejectionOf(
      clientFor(server, { timeoutMs: 5_000, fetch: abortWhileReading }).GET("/api/sessions", { signal: caller.signal }),
    );
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("a request rebuilt by a middleware keeps its attempt timeout and the caller's abort", async () => {
    const traced = (timeoutMs: number) => {
      const client = clientFor(server, { timeoutMs, retry: false });
      client.use({
        onRequest: ({ request }) => new Request(request, { headers: [...request.headers, ["x-trace", "1"]] }),
      });
      return client;
    };
    server.script({ hang: true });
    expect(await rejectionOf(traced(80).GET("/api/sessions"))).toBeInstanceOf(TimeoutError);
    // The caller aborts once the server holds the request, long before this attempt's timeout.
    const reason = new Error("stop");
    const caller = new AbortController();
    server.script({ handle: () => caller.abort(reason) });
    expect(await rejectionOf(traced(5_000).GET("/api/sessions", { signal: caller.signal }))).toBe(reason);
    expect(server.attempts.map((a) => a.headers["x-trace"])).toEqual(["1", "1"]);
  });
});

describe("timeoutMs: false", () => {
  it("sets no attempt timeout: a slow answer is waited for", async () => {
    server.script({ status: 200, body: EMPTY_PAGE, delayMs: 150 });
    const { response } = await clientFor(server, { timeoutMs: false }).GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(server.attempts).toHaveLength(1);
  });

  it("leaves a hang to the caller's signal", async () => {
    // The caller's own timeout, started once the server holds the request (which it never answers).
    const caller = new AbortController();
    server.script({
      handle: () => {
        const timeout = AbortSignal.timeout(80);
        timeout.onabort = () => caller.abort(timeout.reason);
      },
    });
    const error = await rejectionOf(
      clientFor(server, { timeoutMs: false }).GET("/api/sessions", { signal: caller.signal }),
    );
    expect((error as Error).name).toBe("TimeoutError"); // the DOMException of AbortSignal.timeout
    expect(error).not.toBeInstanceOf(OpenSyncError);
    expect(server.attempts).toHaveLength(1);
  });
});

describe("the caller's abort", () => {
  it("in flight rejects with the caller's reason and is never retried", async () => {
    const reason = new Error("user navigated away");
    const controller = new AbortController();
    // Aborted once the server holds the request, which it never answers.
    server.script({ handle: () => controller.abort(reason) }, { status: 200, body: EMPTY_PAGE });
    const events: RetryEvent[] = [];
    const client = clientFor(server, { onRetry: (e) => events.push(e) });
    const error = await rejectionOf(client.GET("/api/sessions", { signal: controller.signal }));
    expect(error).toBe(reason);
    // A retry is announced before its backoff starts: none was.
    expect(events).toEqual([]);
    expect(server.attempts).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const error = await rejectionOf(clientFor(server).GET("/api/sessions", { signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe("AbortError");
    expect(server.attempts).toHaveLength(0);
  });

  it("unwrap passes the abort through, not as an ApiError", async () => {
    const error = await rejectionOf(unwrap(clientFor(server).GET("/api/sessions", { signal: AbortSignal.abort() })));
    expect((error as Error).name).toBe("AbortError");
  });
});
