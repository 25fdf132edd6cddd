/**
 * A server's Retry-After (seconds, HTTP date, or retry-after-ms) wins over backoff; one longer than
 * maxRetryAfterMs is not slept but reported; unusable values fall back to backoff.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, unwrap, type RetryEvent } from "../../src/index.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { clientFor, EMPTY_PAGE, rejectionOf, reset } from "../support/client-harness.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

const rateLimited = (headers: Record<string, string>) => ({
  status: 429,
  headers,
  body: { error: { code: "RATE_LIMITED", message: "Rate limit exceeded." } },
});

async function delaysFor(headers: Record<string, string>, retry = {}) {
  server.script(rateLimited(headers));
  const events: RetryEvent[] = [];
  const started = performance.now();
  const { response } = await clientFor(server, { retry: { baseDelayMs: 5, jitter: 0, ...retry }, onRetry: (e) => events.push(e) }).GET("/api/sessions");
  return { status: response.status, delays: events.map((e) => e.delayMs), elapsed: performance.now() - started };
}

describe("with retrying off", () => {
  it.each([
    ["retry: false", false as const],
    ["retry: { maxRetries: 0 }", { maxRetries: 0 }],
  ])("%s returns a 429 carrying Retry-After as it is, with retryAfterMs", async (_name, retry) => {
    server.script(rateLimited({ "retry-after": "1" }));
    const client = clientFor(server, { retry });
    const { response, error } = await client.GET("/api/stats");
    expect(response.status).toBe(429);
    expect(error).toEqual({ error: { code: "RATE_LIMITED", message: "Rate limit exceeded." } });
    server.script(rateLimited({ "retry-after": "1" }));
    await expect(unwrap(client.GET("/api/stats"))).rejects.toMatchObject({ name: "ApiError", status: 429, retryAfterMs: 1000, attempts: 1 });
    expect(server.attempts).toHaveLength(2);
  });
});

describe("honoured", () => {
  it("Retry-After in seconds is slept, instead of the backoff", async () => {
    const { status, delays, elapsed } = await delaysFor({ "retry-after": "1" });
    expect(status).toBe(200);
    expect(delays).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(server.attempts[1]!.at - server.attempts[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it("Retry-After as an HTTP date is slept until that time", async () => {
    // HTTP dates have whole seconds: aim 2 s ahead, so the wait is between 1 and 2 s.
    const date = new Date(Date.now() + 2000).toUTCString();
    const { status, delays } = await delaysFor({ "retry-after": date });
    expect(status).toBe(200);
    expect(delays[0]).toBeGreaterThan(900);
    expect(delays[0]).toBeLessThanOrEqual(2000);
    expect(server.attempts[1]!.at - server.attempts[0]!.at).toBeGreaterThanOrEqual(delays[0]! - 10);
  });

  it("retry-after-ms is honoured and wins over Retry-After", async () => {
    const { delays } = await delaysFor({ "retry-after-ms": "25", "retry-after": "30" });
    expect(delays).toEqual([25]);
  });

  it("a server's delay gets no jitter, even with jitter: 1", async () => {
    const { delays } = await delaysFor({ "retry-after-ms": "30" }, { jitter: 1 });
    expect(delays).toEqual([30]);
  });

  it("also applies to a 503 with Retry-After", async () => {
    server.script({ status: 503, headers: { "retry-after-ms": "15" } });
    const events: RetryEvent[] = [];
    await clientFor(server, { onRetry: (e) => events.push(e) }).GET("/api/sessions");
    expect(events.map((e) => e.delayMs)).toEqual([15]);
  });
});

describe("over maxRetryAfterMs", () => {
  it("returns the 429 at once, and the error says how long the server asked to wait", async () => {
    server.script(rateLimited({ "retry-after": "120" }));
    const started = performance.now();
    const error = await rejectionOf(unwrap(clientFor(server).GET("/api/sessions")));
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.attempts).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterMs: 120_000, attempts: 1 });
  });

  it("follows a maxRetryAfterMs the caller set", async () => {
    server.script(rateLimited({ "retry-after-ms": "300" }));
    const error = await rejectionOf(unwrap(clientFor(server, { retry: { maxRetryAfterMs: 100 } }).GET("/api/sessions")));
    expect(server.attempts).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 300 });
  });

  it("keeps retryAfterMs on an error after the last attempt too", async () => {
    server.script(rateLimited({ "retry-after-ms": "5" }), rateLimited({ "retry-after-ms": "6" }));
    const error = await rejectionOf(unwrap(clientFor(server, { retry: { maxRetries: 1 } }).GET("/api/sessions")));
    expect(error).toMatchObject({ status: 429, attempts: 2, retryAfterMs: 6 });
  });
});

describe("without retrying", () => {
  it.each([
    ["retry: false", false],
    ["maxRetries: 0", { maxRetries: 0 }],
  ] as const)("%s: a 429 with Retry-After is an ApiError carrying the delay, not a connection failure", async (_, retry) => {
    server.script(rateLimited({ "retry-after": "3" }));
    const error = await rejectionOf(unwrap(clientFor(server, { retry }).GET("/api/sessions")));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 3000 });
    expect(server.attempts).toHaveLength(1);
  });
});

describe("unusable values fall back to backoff", () => {
  it.each([
    ["malformed", "soon"],
    ["negative", "-5"],
    ["a past date", "Wed, 21 Oct 2015 07:28:00 GMT"],
    ["empty", ""],
    ["hexadecimal", "0x10"],
  ])("%s Retry-After", async (_name, value) => {
    const { status, delays } = await delaysFor({ "retry-after": value }, { baseDelayMs: 7 });
    expect(status).toBe(200);
    expect(delays).toEqual([7]);
  });
});
