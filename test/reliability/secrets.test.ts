/**
 * Secret hygiene: the API key never appears in an error (message, stack, JSON, util.inspect), in
 * an onRetry payload or in a URL; it is not forwarded to another origin on a redirect; and it is
 * not sent over plain http to a host off this machine unless the caller insists.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, createOpenSyncClient, OpenSyncError, unwrap } from "../../src/index.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

const KEY = "osk_SecretKey_0123456789abcdefghijkl";
let a: FaultServer;
let b: FaultServer;

beforeAll(async () => {
  a = await startFaultServer();
  b = await startFaultServer({ status: 200, body: { sessions: [] } });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const everywhere = (error: unknown) => [
  String((error as Error).message),
  String((error as Error).stack),
  JSON.stringify(error),
  inspect(error, { depth: 10, showHidden: true }),
  String((error as Error).cause ?? ""),
];

async function failure(
  steps: Parameters<FaultServer["script"]>,
  options: Parameters<typeof createOpenSyncClient>[0] = {},
) {
  a.clear();
  a.script(...steps);
  const events: unknown[] = [];
  const client = createOpenSyncClient({
    baseUrl: a.url,
    apiKey: KEY,
    timeoutMs: 100,
    retry: { maxRetries: 1, baseDelayMs: 1 },
    onRetry: (e) => events.push(e),
    ...options,
  });
  const error = await unwrap(client.GET("/api/sessions")).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, events };
}

describe("the key never leaks", () => {
  it.each([
    [
      "ApiError (server echoes the key in its message)",
      [{ status: 401, body: { error: `Invalid API key ${KEY}` } }],
      "ApiError",
    ],
    [
      "ApiError (envelope echoing the key)",
      [{ status: 403, body: { error: { code: "FORBIDDEN", message: `key ${KEY} may not` } } }],
      "ApiError",
    ],
    ["ConnectionError", [{ reset: true }, { reset: true }], "ConnectionError"],
    ["TimeoutError", [{ hang: true }, { hang: true }], "TimeoutError"],
    [
      "InvalidResponseError",
      [
        {
          handle: (_q: unknown, res: any) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(`{"k":"${KEY}"`);
          },
        },
      ],
      "InvalidResponseError",
    ],
  ] as const)("%s", async (_name, steps, type) => {
    // Only the timeout case needs the short timeout: elsewhere, on a busy machine, it would turn the
    // scripted answer into a timeout and its retry into the fault server's default success.
    const { error, events } = await failure(steps as never, type === "TimeoutError" ? {} : { timeoutMs: 10_000 });
    expect(error).toBeInstanceOf(OpenSyncError);
    expect((error as Error).name).toBe(type);
    for (const text of everywhere(error)) expect(text).not.toContain(KEY);
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  it("is not in a ConfigurationError about a malformed key", () => {
    const almost = `${KEY} `;
    let error: unknown;
    try {
      createOpenSyncClient({ baseUrl: a.url, apiKey: almost });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    for (const text of everywhere(error)) expect(text).not.toContain(KEY);
  });

  it("is sent as a header only, never in a URL", async () => {
    a.clear();
    const client = createOpenSyncClient({ baseUrl: a.url, apiKey: KEY });
    await client.GET("/api/search", { params: { query: { q: "anything", limit: 5 } } });
    const seen = a.attempts.at(-1)!;
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.path).not.toContain(KEY);
  });

  it("onRetry gets method and URL only", async () => {
    const { events } = await failure([{ status: 503 }, { status: 200, body: { sessions: [] } }]);
    expect(events).toEqual([
      {
        attempt: 1,
        delayMs: expect.any(Number),
        reason: { type: "status", status: 503 },
        request: { method: "GET", url: `${a.url}/api/sessions`, path: "/api/sessions" },
      },
    ]);
  });
});

describe("query values never leave the call", () => {
  it("onRetry is told the URL without its query, and the path template", async () => {
    a.clear();
    a.script({ status: 503 }, { status: 200, body: { results: [], total: 0 } });
    const events: unknown[] = [];
    const client = createOpenSyncClient({
      baseUrl: a.url,
      apiKey: KEY,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      onRetry: (e) => events.push(e),
    });
    await client.GET("/api/search", { params: { query: { q: "my private query", limit: 5 } } });
    expect(a.attempts.at(-1)!.path).toContain("private");
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toMatch(/private|limit/);
    expect((events[0] as { request: unknown }).request).toEqual({
      method: "GET",
      url: `${a.url}/api/search`,
      path: "/api/search",
    });
  });
});

describe("redirects", () => {
  it("does not forward Authorization to another origin", async () => {
    a.clear();
    // b is on localhost, a on 127.0.0.1: the same machine, two origins.
    const other = b.url.replace("127.0.0.1", "localhost");
    a.script({ status: 302, headers: { location: `${other}/api/sessions` } });
    const client = createOpenSyncClient({ baseUrl: a.url, apiKey: KEY });
    const result = await client.GET("/api/sessions");
    expect(result.response.status).toBe(200);
    const landed = b.attempts.at(-1)!;
    expect(landed.path).toBe("/api/sessions");
    expect(landed.headers.authorization).toBeUndefined();
  });

  it("keeps Authorization on a same-origin redirect", async () => {
    a.clear();
    a.script({ status: 307, headers: { location: "/api/sessions?moved=1" } }, { status: 200, body: { sessions: [] } });
    const client = createOpenSyncClient({ baseUrl: a.url, apiKey: KEY });
    expect((await client.GET("/api/sessions")).response.status).toBe(200);
    expect(a.attempts.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe("plain http", () => {
  it("is refused to a host off this machine", () => {
    for (const baseUrl of ["http://example.com", "http://10.0.0.5:8787", "http://opensync.internal"]) {
      expect(() => createOpenSyncClient({ baseUrl, apiKey: KEY })).toThrow(/allowInsecureHttp/);
    }
  });

  it("is allowed on loopback, and off it only with allowInsecureHttp", () => {
    for (const baseUrl of ["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787", "http://127.9.9.9"]) {
      expect(() => createOpenSyncClient({ baseUrl, apiKey: KEY })).not.toThrow();
    }
    expect(() =>
      createOpenSyncClient({ baseUrl: "http://example.com", apiKey: KEY, allowInsecureHttp: true }),
    ).not.toThrow();
  });
});
