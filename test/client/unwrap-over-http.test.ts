/**
 * Throw style: unwrap gives the data or throws ApiError; failures without a response reject the
 * call itself. All errors share one base class and none of them ever shows the API key.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  createOpenSyncClient,
  InvalidResponseError,
  OpenSyncError,
  TimeoutError,
  unwrap,
} from "../../src/index.js";
import { clientFor, EMPTY_PAGE, KEY, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, type Step, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("unwrap", () => {
  it("returns the data of a 2xx", async () => {
    server.script({ status: 200, body: { sessions: [], nextCursor: "abc" } });
    expect(await unwrap(clientFor(server).GET("/api/sessions"))).toEqual({ sessions: [], nextCursor: "abc" });
  });

  it("throws ApiError with status, code, message, headers, request id and attempts", async () => {
    server.script(
      { status: 503 },
      {
        status: 404,
        headers: { "x-request-id": "req_42" },
        body: { error: { code: "NOT_FOUND", message: "Session not found" } },
      },
    );
    const error = await rejectionOf(
      unwrap(clientFor(server).GET("/api/sessions/get", { params: { query: { id: "nope" } } })),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(OpenSyncError);
    expect(error).toBeInstanceOf(Error);
    const api = error as ApiError;
    expect(api).toMatchObject({
      name: "ApiError",
      status: 404,
      code: "NOT_FOUND",
      attempts: 2,
      requestId: "req_42",
      retryAfterMs: undefined,
    });
    expect(api).toMatchObject({ method: "GET", path: "/api/sessions/get" });
    expect(api.message).toBe("GET /api/sessions/get: 404 NOT_FOUND: Session not found");
    expect(api.headers.get("x-request-id")).toBe("req_42");
  });

  it("throws ApiError built from a legacy body", async () => {
    server.script({
      status: 401,
      headers: { "content-type": "application/json" },
      body: '{"error":"Invalid API key"}',
    });
    await expect(unwrap(clientFor(server).GET("/api/sessions"))).rejects.toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
      message: "GET /api/sessions: 401 UNAUTHORIZED: Invalid API key",
    });
  });

  it("accepts an already awaited result", async () => {
    const result = await clientFor(server).GET("/api/sessions");
    expect(await unwrap(result)).toEqual(EMPTY_PAGE);
  });

  it("a 2xx with broken JSON rejects with InvalidResponseError carrying the status", async () => {
    server.script({ status: 200, headers: { "content-type": "application/json" }, body: '{"sessions":[' });
    const error = await rejectionOf(clientFor(server).GET("/api/sessions"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
  });
});

describe("one family of errors", () => {
  it("ApiError, ConnectionError, TimeoutError, InvalidResponseError and ConfigurationError share OpenSyncError", () => {
    for (const type of [ApiError, ConnectionError, TimeoutError, InvalidResponseError, ConfigurationError]) {
      expect(type.prototype).toBeInstanceOf(OpenSyncError);
    }
  });

  it("serialise to JSON with their fields, without headers or stack", async () => {
    server.script({
      status: 429,
      headers: { "retry-after": "600" },
      body: { error: { code: "RATE_LIMITED", message: "slow down" } },
    });
    const error = await rejectionOf(unwrap(clientFor(server).GET("/api/sessions")));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "GET /api/sessions: 429 RATE_LIMITED: slow down",
      method: "GET",
      path: "/api/sessions",
      status: 429,
      code: "RATE_LIMITED",
      retryAfterMs: 600_000,
      attempts: 1,
    });
  });
});

describe("the API key is in no error", () => {
  const KEY_IN_URL = `osk_${"Z".repeat(32)}`;
  /** Every way an error can be shown: message, stack, JSON, util.inspect (hidden fields too), cause. */
  const renderings = (error: unknown) => [
    String(error),
    (error as Error).stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    inspect((error as Error).cause, { depth: 10, showHidden: true }),
  ];
  const expectNoKey = (error: unknown) => {
    expect(error).toBeInstanceOf(OpenSyncError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(Object.values(error as object).join(" ")).not.toContain(KEY);
  };

  it.each<[string, Step[]]>([
    [
      "ApiError from a legacy body echoing it",
      [
        {
          status: 401,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ error: `Invalid API key: ${KEY}` }),
        },
      ],
    ],
    ["ApiError from a text body echoing it", [{ status: 400, body: `bad header Authorization: Bearer ${KEY}` }]],
    ["ConnectionError", [{ reset: true }, { reset: true }]],
    ["TimeoutError", [{ hang: true }, { hang: true }]],
    [
      "InvalidResponseError from a 2xx echoing it",
      [{ status: 200, headers: { "content-type": "application/json" }, body: `{"key":"${KEY}"` }],
    ],
  ])("%s", async (_name, steps) => {
    server.script(...steps);
    const client = clientFor(server, { timeoutMs: 80, retry: { maxRetries: 1, baseDelayMs: 1 } });
    expectNoKey(await rejectionOf(unwrap(client.GET("/api/sessions"))));
  });

  it("ConfigurationError for a malformed key does not echo it", () => {
    let error: unknown;
    try {
      createOpenSyncClient({ baseUrl: server.url, apiKey: `${KEY} ` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoKey(error);
  });

  it("ConfigurationError for a key mistakenly put in the base URL does not echo it", () => {
    let error: unknown;
    try {
      createOpenSyncClient({ baseUrl: `http://127.0.0.1:1/?key=${KEY_IN_URL}`, apiKey: KEY });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY_IN_URL);
  });

  it("ConfigurationError for swapped arguments (the key given as baseUrl) does not echo it", () => {
    let error: unknown;
    try {
      createOpenSyncClient({ baseUrl: KEY, apiKey: server.url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoKey(error);
  });

  it("ConfigurationError for swapped arguments with an accessToken does not echo the token", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJlX3NlY3JldA";
    let error: unknown;
    try {
      createOpenSyncClient({ baseUrl: jwt, accessToken: jwt });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    for (const text of renderings(error)) expect(text).not.toContain(jwt);
  });

  it("the client holds the key in no property", () => {
    const client = clientFor(server);
    expect(JSON.stringify(client)).not.toContain(KEY);
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain(KEY);
  });
});
