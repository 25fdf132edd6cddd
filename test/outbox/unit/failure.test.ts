/** Why a request failed, in words a person can act on. */
import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, OutcomeUnknownError, TimeoutError } from "../../../src/index.js";
import { describeFailure, failureOf } from "../../../src/outbox/failure.js";

const coded = (code: string) =>
  new ConnectionError(1, new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }));
const apiError = (status: number) =>
  new ApiError({ status, code: "X", message: "m", headers: new Headers(), attempts: 1 });

describe("failureOf", () => {
  it.each([
    [coded("ECONNREFUSED"), "connection-refused"],
    [coded("ENOTFOUND"), "dns"],
    [coded("EAI_AGAIN"), "dns"],
    [coded("ERR_SSL_WRONG_VERSION_NUMBER"), "tls"],
    [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "tls"],
    [coded("UND_ERR_CONNECT_TIMEOUT"), "timeout"],
    [new TimeoutError(1, 1000), "timeout"],
    [coded("ECONNRESET"), "connection"],
    [new Error("something else"), "other"],
  ] as const)("%s: %s", (error, kind) => {
    expect(failureOf(error).kind).toBe(kind);
  });

  it("an HTTP status, also behind a write of unknown outcome", () => {
    expect(failureOf(apiError(503))).toMatchObject({ kind: "http", status: 503 });
    expect(failureOf(new OutcomeUnknownError(apiError(500)))).toMatchObject({ kind: "http", status: 500 });
  });

  it("says when, and reads as one line", () => {
    const failure = failureOf(coded("ECONNREFUSED"), Date.UTC(2026, 0, 1));
    expect(failure.at).toBe("2026-01-01T00:00:00.000Z");
    expect(describeFailure(failure)).toMatch(/^connection-refused: .*ECONNREFUSED/);
    expect(describeFailure(failureOf(apiError(502)))).toMatch(/^http 502: /);
  });
});
