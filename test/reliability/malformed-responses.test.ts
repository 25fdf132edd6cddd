/**
 * A corpus of broken, hostile and odd responses from a scripted loopback server. Each must end,
 * within its deadline, in data or in a typed error of this package: never a hang, a crash, an
 * untyped throw or an `error` that is not the envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenSyncClient, type OpenSyncClient, OpenSyncError } from "../../src/index.js";
import { type FaultServer, type Step, startFaultServer } from "../support/fault-server.js";

const KEY = "osk_Malformed0123456789abcdefghijklmnop";
const TIMEOUT_MS = 200;
let server: FaultServer;
let client: OpenSyncClient;

/** Reading 8 MB can take longer than TIMEOUT_MS on a busy machine: the huge body gets its own client. */
const HUGE_BODY_TIMEOUT_MS = 5_000;
const clientWith = (timeoutMs: number) =>
  createOpenSyncClient({
    baseUrl: server.url,
    apiKey: KEY,
    timeoutMs,
    retry: { maxRetries: 1, baseDelayMs: 5, maxRetryAfterMs: 1000 },
  });

beforeAll(async () => {
  server = await startFaultServer();
  client = clientWith(TIMEOUT_MS);
});
afterAll(() => server.close());

const json = { "content-type": "application/json" };
const raw = (payload: string | Buffer, headers: Record<string, string> = {}): Step => ({
  handle: (_req, res) => {
    res.writeHead(200, headers);
    res.end(payload);
  },
});
const socketWrite = (bytes: string): Step => ({
  handle: (req) => {
    req.socket.write(bytes);
    req.socket.end();
  },
});

type Outcome = "data" | "envelope" | "typed-error";
const cases: [name: string, steps: Step[], expected: Outcome, check?: (r: any) => void, timeoutMs?: number][] = [
  [
    "HTML 502 from a proxy, twice",
    Array(2).fill({
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    }),
    "envelope",
    (r) => expect(r.error.error).toEqual({ code: "INTERNAL_ERROR", message: "502 Bad Gateway" }),
  ],
  [
    "truncated JSON on 200",
    [raw('{"sessions":[{"id":', json)],
    "typed-error",
    (e) => expect(e.name).toBe("InvalidResponseError"),
  ],
  ["wrong content type on valid JSON", [raw('{"sessions":[]}', { "content-type": "text/plain" })], "data"],
  [
    "empty 500, twice",
    [{ status: 500 }, { status: 500 }],
    "envelope",
    (r) => expect(r.error.error.code).toBe("INTERNAL_ERROR"),
  ],
  ["200 whose JSON is broken", [raw("{broken", json)], "typed-error"],
  [
    "a huge body (8 MB)",
    [raw(JSON.stringify({ sessions: [], padding: "x".repeat(8_000_000) }), json)],
    "data",
    undefined,
    HUGE_BODY_TIMEOUT_MS,
  ],
  [
    "a body that stalls midway",
    [{ stallAfter: '{"sessions":[' }, { stallAfter: '{"sessions":[' }],
    "typed-error",
    (e) => expect(e.name).toBe("TimeoutError"),
  ],
  [
    "headers then silence",
    [{ stallAfter: "" }, { stallAfter: "" }],
    "typed-error",
    (e) => expect(e.name).toBe("TimeoutError"),
  ],
  ["no answer at all", [{ hang: true }, { hang: true }], "typed-error", (e) => expect(e.attempts).toBe(2)],
  [
    "Retry-After negative",
    [
      { status: 503, headers: { "retry-after": "-5" } },
      { status: 200, body: { sessions: [] } },
    ],
    "data",
  ],
  [
    "Retry-After huge",
    [{ status: 429, headers: { "retry-after": "99999999999" } }],
    "envelope",
    (r) => expect(r.response.status).toBe(429),
  ],
  [
    "Retry-After fractional",
    [
      { status: 429, headers: { "retry-after": "0.05" } },
      { status: 200, body: { sessions: [] } },
    ],
    "data",
  ],
  [
    "Retry-After garbage",
    [
      { status: 503, headers: { "retry-after": "soon-ish" } },
      { status: 200, body: { sessions: [] } },
    ],
    "data",
  ],
  [
    "Retry-After a past date",
    [
      { status: 503, headers: { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" } },
      { status: 200, body: { sessions: [] } },
    ],
    "data",
  ],
  [
    "a redirect loop",
    Array(60).fill({ status: 302, headers: { location: "/api/sessions" } }),
    "typed-error",
    (e) => expect(e.name).toBe("ConnectionError"),
  ],
  [
    "connection reset, twice",
    [{ reset: true }, { reset: true }],
    "typed-error",
    (e) => expect(e.name).toBe("ConnectionError"),
  ],
  [
    "200 with an empty body",
    [raw("", { ...json, "content-length": "0" })],
    "typed-error",
    (e) => expect(e.name).toBe("InvalidResponseError"),
  ],
  ["HTML page on 200", [raw("<html><body>Login</body></html>", { "content-type": "text/html" })], "typed-error"],
  ["JSON null on 200", [raw("null", json)], "data"],
  [
    "an envelope with an unknown code",
    [{ status: 418, body: { error: { code: "TEAPOT", message: "short and stout" } } }],
    "envelope",
    (r) => expect(r.error.error.code).toBe("TEAPOT"),
  ],
  [
    "a legacy string error",
    [{ status: 401, body: { error: "Invalid API key" } }],
    "envelope",
    (r) => expect(r.error.error).toEqual({ code: "UNAUTHORIZED", message: "Invalid API key" }),
  ],
  [
    "Convex's text/plain 404",
    [{ status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "No matching routes found" }],
    "envelope",
    (r) => expect(r.error.error).toEqual({ code: "NOT_FOUND", message: "No matching routes found" }),
  ],
  [
    "a 500 whose gzip is corrupt",
    [
      raw("not gzip at all", { ...json, "content-encoding": "gzip" }),
      raw("not gzip at all", { ...json, "content-encoding": "gzip" }),
    ],
    "typed-error",
  ],
  [
    "Content-Length longer than the body",
    [
      socketWrite('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":1}'),
      socketWrite('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"a"'),
    ],
    "typed-error",
  ],
  [
    "broken chunked encoding",
    [
      socketWrite("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nZZZ\r\nnope\r\n"),
      socketWrite("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nZZZ\r\n"),
    ],
    "typed-error",
  ],
  ["not HTTP at all", [socketWrite("SSH-2.0-OpenSSH_9.6\r\n"), socketWrite("SSH-2.0-OpenSSH_9.6\r\n")], "typed-error"],
  [
    "invalid UTF-8 inside JSON",
    [raw(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), json)],
    "data",
  ],
  [
    "a trickle slower than the timeout",
    [{ handle: (_q, res) => trickle(res) }, { handle: (_q, res) => trickle(res) }],
    "typed-error",
    (e) => expect(e.name).toBe("TimeoutError"),
  ],
  [
    "429 without Retry-After",
    [
      { status: 429, body: { error: "slow down" } },
      { status: 200, body: { sessions: [] } },
    ],
    "data",
  ],
  [
    "status 599",
    [{ status: 599 }, { status: 599 }],
    "envelope",
    (r) => expect(r.error.error.code).toBe("INTERNAL_ERROR"),
  ],
  [
    "a 400 with a 100 kB text body",
    [{ status: 400, headers: { "content-type": "text/plain" }, body: "bad ".repeat(25_000) }],
    "envelope",
    (r) => expect(r.error.error.message.length).toBeLessThanOrEqual(300),
  ],
];

function trickle(res: import("node:http").ServerResponse) {
  res.writeHead(200, json);
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 50);
  res.on("close", () => clearInterval(timer));
}

describe("malformed responses", () => {
  it("has at least 25 kinds", () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)("%s", async (_name, steps, expected, check, timeoutMs = TIMEOUT_MS) => {
    server.script(...steps);
    const deadline = (timeoutMs + 50) * 2 + 500;
    const start = performance.now();
    let outcome: Outcome;
    let value: any;
    try {
      value = await (timeoutMs === TIMEOUT_MS ? client : clientWith(timeoutMs)).GET("/api/sessions");
      outcome = value.response.ok ? "data" : "envelope";
      if (!value.response.ok)
        expect(value.error).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    } catch (error) {
      value = error;
      outcome = "typed-error";
      expect(error).toBeInstanceOf(OpenSyncError);
    }
    expect(performance.now() - start).toBeLessThan(deadline);
    expect(outcome, value instanceof Error ? `${value.name}: ${value.message}` : "").toBe(expected);
    check?.(value);
    const text =
      value instanceof Error
        ? `${value.message} ${value.stack} ${JSON.stringify(value)}`
        : JSON.stringify(value.error ?? "");
    expect(text).not.toContain(KEY);
    server.clear(); // leftovers from a case that ended early must not leak into the next one
  });
});
