/**
 * Type tests: the client is typed by the spec's `paths`; `error` is the envelope, `data` the
 * operation's success schema; unwrap gives that data; wrong paths, parameters and bodies do not
 * compile. Checked by `vitest` (typecheck) and `tsc`.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  SessionDetail,
  SessionList,
  SessionUpsertResult,
  ErrorResponse as SpecError,
  Stats,
} from "../../generated/schema.js";
import {
  type ApiError,
  type BatchError,
  type ConnectionError,
  type components,
  createOpenSyncClient,
  type ErrorCode,
  type ErrorEnvelope,
  type ErrorResponse,
  errorOf,
  isOpenSyncError,
  type KnownErrorCode,
  type OpenSyncClient,
  type OpenSyncError,
  type OutcomeUnknownError,
  paginateSessions,
  type RetryEvent,
  type TimeoutError,
  unwrap,
} from "../../src/index.js";

declare const client: OpenSyncClient;
type Envelope = components["schemas"]["ErrorResponse"];

describe("results", () => {
  it("GET /api/sessions: data is SessionList, error is the envelope", async () => {
    const result = await client.GET("/api/sessions", { params: { query: { limit: 10 } } });
    expectTypeOf(result.data).toEqualTypeOf<SessionList | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<Envelope | undefined>();
    expectTypeOf(result.response).toEqualTypeOf<Response>();
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<Envelope>();
      expectTypeOf(result.error.error.code).toEqualTypeOf<components["schemas"]["ErrorCode"]>();
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<SessionList>();
    }
  });

  it("the envelope type is the spec's ErrorResponse, exported under both names", () => {
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<SpecError>();
    expectTypeOf<ErrorResponse>().toEqualTypeOf<SpecError>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<Envelope>();
  });

  it("error codes are open: the known ones, or any newer string", () => {
    expectTypeOf<KnownErrorCode>().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"QUOTA_EXCEEDED">().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"QUOTA_EXCEEDED">().toMatchTypeOf<ApiError["code"]>();
    expectTypeOf<ApiError["code"]>().toEqualTypeOf<ErrorCode>();
  });

  it("POST /sync/session: body is checked, data is SessionUpsertResult", async () => {
    const { data, error } = await client.POST("/sync/session", { body: { externalId: "ses_1", title: "t" } });
    expectTypeOf(data).toEqualTypeOf<SessionUpsertResult | undefined>();
    expectTypeOf(error).toEqualTypeOf<Envelope | undefined>();
  });

  it("other operations carry their own data types", async () => {
    expectTypeOf((await client.GET("/api/sessions/get", { params: { query: { id: "x" } } })).data).toEqualTypeOf<
      SessionDetail | undefined
    >();
    expectTypeOf((await client.GET("/api/stats")).data).toEqualTypeOf<Stats | undefined>();
  });
});

describe("throw style", () => {
  it("unwrap gives the data type, without undefined", async () => {
    expectTypeOf(await unwrap(client.GET("/api/sessions"))).toEqualTypeOf<SessionList>();
    expectTypeOf(
      await unwrap(client.POST("/sync/session", { body: { externalId: "x" } })),
    ).toEqualTypeOf<SessionUpsertResult>();
  });

  it("BatchError, ConnectionError and OutcomeUnknownError carry what they report", () => {
    expectTypeOf<BatchError["errors"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<BatchError["sessions"]>().toEqualTypeOf<number>();
    expectTypeOf<OutcomeUnknownError["cause"]>().toEqualTypeOf<ApiError | TimeoutError | ConnectionError>();
    expectTypeOf<OutcomeUnknownError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ConnectionError["neverSent"]>().toEqualTypeOf<boolean>();
    expectTypeOf(errorOf).returns.toEqualTypeOf<OpenSyncError | undefined>();
  });

  it("isOpenSyncError narrows", () => {
    const value: unknown = null;
    if (isOpenSyncError(value)) expectTypeOf(value).toEqualTypeOf<OpenSyncError>();
  });

  it("ApiError carries status, code, retryAfterMs, attempts and headers", () => {
    expectTypeOf<ApiError>().toMatchTypeOf<OpenSyncError>();
    expectTypeOf<ApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<ApiError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ApiError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<ApiError["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<"NOT_FOUND">().toMatchTypeOf<ApiError["code"]>();
  });

  it("paginateSessions yields SessionList pages", () => {
    expectTypeOf(paginateSessions(client, { limit: 5 })).toMatchTypeOf<AsyncIterable<SessionList>>();
  });
});

describe("options", () => {
  it("onRetry receives a RetryEvent", () => {
    createOpenSyncClient({ onRetry: (event) => expectTypeOf(event).toEqualTypeOf<RetryEvent>() });
    expectTypeOf<RetryEvent["request"]>().toEqualTypeOf<{ method: string; url: string; path: string }>();
  });

  it("every option takes an explicit undefined (exactOptionalPropertyTypes)", () => {
    const env: Record<string, string | undefined> = {};
    createOpenSyncClient({
      baseUrl: env.URL,
      apiKey: env.KEY,
      accessToken: undefined,
      retry: undefined,
      timeoutMs: undefined,
      fetch: undefined,
      onRetry: undefined,
      allowInsecureHttp: undefined,
    });
    createOpenSyncClient({
      retry: {
        maxRetries: undefined,
        baseDelayMs: undefined,
        maxDelayMs: undefined,
        maxRetryAfterMs: undefined,
        jitter: undefined,
      },
    });
  });

  it("retry takes options or false", () => {
    createOpenSyncClient({ retry: false });
    createOpenSyncClient({
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, jitter: 0.2 },
    });
    // @ts-expect-error retry is not a number
    createOpenSyncClient({ retry: 3 });
  });
});

describe("exact bodies keep inference", () => {
  it("literal types are inferred without `as const`, and any part content passes", async () => {
    const { data } = await client.POST("/sync/message", {
      body: {
        sessionExternalId: "s",
        externalId: "m",
        role: "assistant",
        parts: [{ type: "tool-call", content: { name: "read", args: { path: "a" } } }],
      },
    });
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["MessageUpsertResult"] | undefined>();
  });

  it("a body built beforehand, typed by the schema, passes", async () => {
    const body: components["schemas"]["BatchUpsert"] = { sessions: [{ externalId: "s" }] };
    expectTypeOf(await unwrap(client.POST("/sync/batch", { body }))).toEqualTypeOf<
      components["schemas"]["SyncBatchResult"]
    >();
  });

  it("RequestInit options (signal, headers) and no init at all still pass", async () => {
    await client.POST("/sync/session", {
      body: { externalId: "s" },
      signal: AbortSignal.timeout(10),
      headers: { "x-trace": "1" },
    });
    expectTypeOf((await client.GET("/api/stats")).data).toEqualTypeOf<Stats | undefined>();
  });
});

describe("mistakes that do not compile", () => {
  it("a path the spec does not have", () => {
    // @ts-expect-error no such path
    void client.GET("/api/session");
    // @ts-expect-error /sync/session has no GET
    void client.GET("/sync/session");
  });

  it("a wrongly typed or unknown query parameter", () => {
    // @ts-expect-error limit is a number
    void client.GET("/api/sessions", { params: { query: { limit: "10" } } });
    // @ts-expect-error no such parameter
    void client.GET("/api/sessions", { params: { query: { page: 2 } } });
    // @ts-expect-error source is a string
    void client.GET("/api/sessions", { params: { query: { source: 7 } } });
  });

  it("a missing required parameter", () => {
    // @ts-expect-error id is required
    void client.GET("/api/sessions/get", { params: { query: {} } });
  });

  it("a misspelt or unknown body property, even beside every required one", () => {
    // @ts-expect-error titel is not a property of SessionUpsert
    void client.POST("/sync/session", { body: { externalId: "s", titel: "x" } });
    // @ts-expect-error inside arrays too: a batch session with an unknown field
    void client.POST("/sync/batch", { body: { sessions: [{ externalId: "s", titel: "x" }] } });
    void client.POST("/sync/message", {
      body: {
        sessionExternalId: "s",
        externalId: "m",
        role: "user",
        // @ts-expect-error and inside a message part (parts are exactly { type, content })
        parts: [{ type: "text", content: "x", extra: 1 }],
      },
    });
    void client.POST("/sync/batch", {
      // @ts-expect-error createdAt is refused in batch messages
      body: { messages: [{ sessionExternalId: "s", externalId: "m", role: "user", createdAt: 1 }] },
    });
    // @ts-expect-error an unknown query parameter beside a known one
    void client.GET("/api/sessions", { params: { query: { limit: 10, page: 2 } } });
  });

  it("a body missing a required field or with a wrong type", () => {
    // @ts-expect-error externalId is required
    void client.POST("/sync/session", { body: { title: "t" } });
    // @ts-expect-error promptTokens is a number
    void client.POST("/sync/session", { body: { externalId: "x", promptTokens: "12" } });
  });

  it("reading data without narrowing", async () => {
    const { data } = await client.GET("/api/sessions");
    // @ts-expect-error data may be undefined
    void data.sessions;
  });
});
