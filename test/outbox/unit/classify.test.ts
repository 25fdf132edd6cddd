/** What a failure the client reports means for a record: refused, rate-limited, unknown, not sent or fatal. */
import { describe, expect, it } from "vitest";
import {
  ApiError,
  BatchError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  OutcomeUnknownError,
  TimeoutError,
  UnstorableValueError,
} from "../../../src/index.js";
import { classifyError, outcomeOf } from "../../../src/outbox/flush/classify.js";

describe("failures", () => {
  const apiError = (status: number, retryAfterMs?: number) =>
    new ApiError({ status, code: "X", message: "m", headers: new Headers(), attempts: 1, retryAfterMs });
  const connection = (code: string) =>
    new ConnectionError(1, new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }));
  it.each([
    [apiError(400), "refused"],
    [apiError(413), "refused"],
    [apiError(422), "refused"],
    [apiError(429, 2000), "rate-limited"],
    [apiError(500), "unknown"],
    [apiError(502), "unknown"],
    [apiError(503), "unknown"],
    [apiError(408), "unknown"],
    [apiError(401), "fatal"],
    [apiError(403), "fatal"],
    [apiError(404), "fatal"],
    [connection("ECONNREFUSED"), "not-sent"],
    [connection("ENOTFOUND"), "not-sent"],
    [connection("ECONNRESET"), "unknown"],
    [connection("UND_ERR_SOCKET"), "unknown"],
    [new ConnectionError(1, new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" })])), "not-sent"],
    [new TimeoutError(1, 1000), "unknown"],
    [new InvalidResponseError(200, new Headers(), "x", undefined, new SyntaxError("x")), "unknown"],
    [new DOMException("aborted", "AbortError"), "unknown"],
    [new ConfigurationError("no key"), "fatal"],
    [new UnstorableValueError("parts[0].content.$schema", "field-name", "reserved"), "refused"],
    [new OutcomeUnknownError(apiError(503)), "unknown"],
    [new OutcomeUnknownError(new TimeoutError(1, 1000)), "unknown"],
    [new OutcomeUnknownError(connection("ECONNRESET")), "unknown"],
  ] as const)("%s is %s", (error, kind) => {
    expect(classifyError(error).kind).toBe(kind);
  });

  // The client's own verdict (ConnectionError#neverSent): the outbox and the client used to disagree on these.
  it("a name that does not resolve (EAI_NONAME) and a failed TLS handshake were never sent", () => {
    expect(classifyError(connection("EAI_NONAME")).kind).toBe("not-sent");
    expect(classifyError(connection("ERR_SSL_WRONG_VERSION_NUMBER")).kind).toBe("not-sent");
  });

  it("goes by the error's own neverSent, as the client that threw it decided, not a second reading of its cause", () => {
    const saying = (error: ConnectionError, neverSent: boolean) =>
      Object.defineProperty(error, "neverSent", { value: neverSent });
    expect(classifyError(saying(connection("ECONNRESET"), true)).kind).toBe("not-sent");
    expect(classifyError(saying(connection("ECONNREFUSED"), false)).kind).toBe("unknown");
  });

  it("an AggregateError is never sent only if every address failed to connect: one reset may have been read", () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    const aggregate = (...codes: string[]) =>
      new ConnectionError(1, new TypeError("fetch failed", { cause: new AggregateError(codes.map(coded)) }));
    expect(classifyError(aggregate("ECONNREFUSED", "EHOSTUNREACH")).kind).toBe("not-sent");
    expect(classifyError(aggregate("ECONNREFUSED", "ECONNRESET")).kind).toBe("unknown");
  });

  it("keeps a 429's Retry-After, and marks a 500 (the server failing on the request) apart from other 5xx", () => {
    expect(classifyError(apiError(429, 2000))).toMatchObject({ retryAfterMs: 2000 });
    expect(classifyError(apiError(500))).toMatchObject({ serverError: true });
    expect(classifyError(apiError(503))).toMatchObject({ serverError: false });
    expect(classifyError(new OutcomeUnknownError(apiError(500)))).toMatchObject({ kind: "unknown", serverError: true });
    expect(classifyError(new OutcomeUnknownError(apiError(502)))).toMatchObject({
      kind: "unknown",
      serverError: false,
    });
  });

  it("reads a batch stored in part (the client's BatchError) as the answer it is", async () => {
    const partial = new BatchError({
      errors: ["Messages batch error: messages[1]: Unknown field: createdAt"],
      sessions: 2,
      messages: 0,
      status: 200,
      headers: new Headers(),
      attempts: 1,
    });
    const failing = Promise.reject(partial);
    failing.catch(() => {});
    expect(await outcomeOf(failing)).toEqual({
      kind: "ok",
      data: {
        ok: true,
        sessions: 2,
        messages: 0,
        errors: ["Messages batch error: messages[1]: Unknown field: createdAt"],
      },
    });
  });
});
