/**
 * Which failures are retried, how many times, and what the caller sees after the last attempt.
 * Every test talks HTTP to a scripted loopback server that answers attempt by attempt.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unwrap, type RetryEvent } from "../../src/index.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { clientFor, EMPTY_PAGE, KEY, reset } from "../support/client-harness.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("retried statuses", () => {
  it("503, 503, 200 gives the data after 3 attempts", async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 200, body: { sessions: [], nextCursor: "c2" } });
    const { data, error, response } = await clientFor(server).GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ sessions: [], nextCursor: "c2" });
    expect(server.attempts).toHaveLength(3);
  });

  it.each([500, 502, 504, 599, 408, 429])("%i is retried", async (status) => {
    server.script({ status, body: { error: { code: "INTERNAL_ERROR", message: "x" } } });
    const { response } = await clientFor(server).GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(server.attempts).toHaveLength(2);
  });

  it("gives up after maxRetries and returns the last response's envelope, with attempts counted", async () => {
    server.script(...Array(4).fill({ status: 503, body: "busy" }));
    const client = clientFor(server);
    const { data, error, response } = await client.GET("/api/sessions");
    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error).toEqual({ error: { code: "INTERNAL_ERROR", message: "busy" } });
    expect(server.attempts).toHaveLength(4);
    server.script(...Array(4).fill({ status: 503 }));
    await expect(unwrap(client.GET("/api/sessions"))).rejects.toMatchObject({ name: "ApiError", status: 503, attempts: 4 });
  });

  it("honours maxRetries: 1", async () => {
    server.script({ status: 500 }, { status: 500 }, { status: 200, body: EMPTY_PAGE });
    const { response } = await clientFor(server, { retry: { maxRetries: 1, baseDelayMs: 1 } }).GET("/api/sessions");
    expect(response.status).toBe(500);
    expect(server.attempts).toHaveLength(2);
  });

  it("client.request(method, path) retries like the method shorthands", async () => {
    server.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    const { data } = await clientFor(server).request("get", "/api/sessions");
    expect(data).toEqual(EMPTY_PAGE);
    expect(server.attempts).toHaveLength(2);
  });

  it("retry: false makes one attempt", async () => {
    server.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    const { response } = await clientFor(server, { retry: false }).GET("/api/sessions");
    expect(response.status).toBe(503);
    expect(server.attempts).toHaveLength(1);
  });
});

describe("never retried", () => {
  it.each([400, 401, 403, 404, 409, 413, 422])("%i is one attempt", async (status) => {
    server.script({ status, body: { error: { code: "INVALID_REQUEST", message: "no" } } }, { status: 200, body: EMPTY_PAGE });
    const { response, error } = await clientFor(server).GET("/api/sessions");
    expect(response.status).toBe(status);
    expect(error).toBeDefined();
    expect(server.attempts).toHaveLength(1);
  });

  it("a server's x-should-retry: false overrides a retryable status", async () => {
    server.script({ status: 503, headers: { "x-should-retry": "false" } }, { status: 200, body: EMPTY_PAGE });
    const { response } = await clientFor(server).GET("/api/sessions");
    expect(response.status).toBe(503);
    expect(server.attempts).toHaveLength(1);
  });
});

describe("backoff", () => {
  it("doubles from baseDelayMs and is capped by maxDelayMs", async () => {
    server.script(...Array(4).fill({ status: 503 }));
    const events: RetryEvent[] = [];
    await clientFor(server, { retry: { maxRetries: 4, baseDelayMs: 4, maxDelayMs: 10, jitter: 0 }, onRetry: (e) => events.push(e) }).GET("/api/sessions");
    expect(events.map((e) => e.delayMs)).toEqual([4, 8, 10, 10]);
  });

  it("waits at least the backoff between attempts", async () => {
    server.script({ status: 503 }, { status: 503 });
    await clientFor(server, { retry: { baseDelayMs: 40, jitter: 0 } }).GET("/api/sessions");
    const [a, b, c] = server.attempts.map((x) => x.at);
    expect(b! - a!).toBeGreaterThanOrEqual(38);
    expect(c! - b!).toBeGreaterThanOrEqual(78);
  });

  it("jitter removes at most its share of each delay, and does vary it", async () => {
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      server.script({ status: 503 });
      await clientFor(server, { retry: { baseDelayMs: 20, jitter: 0.5 }, onRetry: (e) => delays.push(e.delayMs) }).GET("/api/sessions");
    }
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(10), expect(d).toBeLessThanOrEqual(20);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it("defaults follow the published strategy: 3 retries from 1 s, doubling, with jitter", async () => {
    const { DEFAULT_RETRY } = await import("../../src/index.js");
    expect(DEFAULT_RETRY).toMatchObject({ maxRetries: 3, baseDelayMs: 1000, maxRetryAfterMs: 60_000 });
    expect(DEFAULT_RETRY.maxDelayMs).toBeGreaterThanOrEqual(4000);
    expect(DEFAULT_RETRY.jitter).toBeGreaterThan(0);
  });
});

describe("onRetry", () => {
  it("is told the failed attempt, the delay, the reason and a redacted request", async () => {
    server.script({ status: 503 }, { status: 429, headers: { "retry-after-ms": "7" } });
    const events: RetryEvent[] = [];
    await clientFor(server, { onRetry: (e) => events.push(e) }).GET("/api/sessions", { params: { query: { limit: 3 } } });
    expect(events).toEqual([
      { attempt: 1, delayMs: 5, reason: { type: "status", status: 503 }, request: { method: "GET", url: `${server.url}/api/sessions?limit=3` } },
      { attempt: 2, delayMs: 7, reason: { type: "status", status: 429 }, request: { method: "GET", url: `${server.url}/api/sessions?limit=3` } },
    ]);
  });
});

describe("onRetry serialises usefully", () => {
  it("a connection failure's reason shows the error's name and message, never the key", async () => {
    server.script({ reset: true }, { status: 200, body: EMPTY_PAGE });
    const events: RetryEvent[] = [];
    await clientFor(server, { onRetry: (e) => events.push(e) }).GET("/api/sessions");
    const json = JSON.parse(JSON.stringify(events[0]));
    expect(json.reason).toEqual({
      type: "connection",
      error: { name: "ConnectionError", message: expect.stringMatching(/^GET \/api\/sessions: connection failed after 1 attempt: /), method: "GET", path: "/api/sessions", attempts: 1 },
    });
    expect(JSON.stringify(events)).not.toContain(KEY);
  });
});

describe("beneath openapi-fetch's middleware", () => {
  it("onRequest runs once per call and onResponse sees only the final response", async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 200, body: EMPTY_PAGE });
    const client = clientFor(server);
    const seen: string[] = [];
    client.use({
      onRequest: ({ request }) => void seen.push(`request ${request.method}`),
      onResponse: ({ response }) => void seen.push(`response ${response.status}`),
    });
    await client.GET("/api/sessions");
    expect(server.attempts).toHaveLength(3);
    expect(seen).toEqual(["request GET", "response 200"]);
  });

  it("sends a header a middleware added on every attempt, unknown headers included", async () => {
    server.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    const client = clientFor(server);
    client.use({ onRequest: ({ request }) => void request.headers.set("x-sandbox-fault", "503; count=1") });
    await client.GET("/api/sessions");
    expect(server.attempts.map((a) => a.headers["x-sandbox-fault"])).toEqual(["503; count=1", "503; count=1"]);
  });
});
