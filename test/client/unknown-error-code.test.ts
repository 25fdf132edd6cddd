/**
 * The set of error codes is open (the spec's ErrorCode): a code newer than this package, sent by
 * a server over loopback, reaches the caller unchanged in both styles, is valid against the spec,
 * is accepted by the types, and is handled by its HTTP status (a 503 is retried, a 402 is not).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { pointer } from "#spec/document.js";
import { createSpecValidator } from "#spec/validator.js";
import { ERROR_CODES } from "../../src/contract.js";
import { ApiError, type ErrorCode, type KnownErrorCode, unwrap } from "../../src/index.js";
import { clientFor, EMPTY_PAGE, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

const QUOTA = { error: { code: "QUOTA_EXCEEDED", message: "Monthly quota used up" } };
const isEnvelope = createSpecValidator().at(pointer("components", "schemas", "ErrorResponse"));

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

/** What a caller that handles the known codes and falls back to the status would write. */
function describeFailure(code: ErrorCode, status: number): string {
  switch (code) {
    case "RATE_LIMITED":
      return "slow down";
    case "UNAUTHORIZED":
      return "check the key";
    default:
      return `${code.toLowerCase()} (HTTP ${status})`;
  }
}

describe("an error code this package does not know", () => {
  it("is a valid envelope by the spec, and not one of the known codes", () => {
    expect(isEnvelope(QUOTA)).toBe(true);
    expect(ERROR_CODES).not.toContain(QUOTA.error.code);
  });

  it("comes through result style unchanged", async () => {
    server.script({ status: 402, body: QUOTA });
    const { data, error, response } = await clientFor(server).GET("/api/sessions");
    expect(data).toBeUndefined();
    expect(response.status).toBe(402);
    expect(error).toEqual(QUOTA);
    const code: ErrorCode = error!.error.code;
    expect(describeFailure(code, response.status)).toBe("quota_exceeded (HTTP 402)");
    expect(server.attempts).toHaveLength(1);
  });

  it("comes through unwrap as ApiError.code unchanged", async () => {
    server.script({ status: 402, body: QUOTA });
    const error = await rejectionOf(unwrap(clientFor(server).GET("/api/sessions")));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 402,
      code: "QUOTA_EXCEEDED",
      message: "GET /api/sessions: 402 QUOTA_EXCEEDED: Monthly quota used up",
      attempts: 1,
    });
  });

  it("is handled by its status: a 503 with a new code is retried like any 503", async () => {
    const overloaded = { error: { code: "OVERLOADED", message: "Try again shortly" } };
    server.script({ status: 503, body: overloaded }, { status: 503, body: overloaded });
    const page = await unwrap(clientFor(server).GET("/api/sessions"));
    expect(page).toEqual(EMPTY_PAGE);
    expect(server.attempts).toHaveLength(3);
    server.script(
      { status: 503, body: overloaded },
      { status: 503, body: overloaded },
      { status: 503, body: overloaded },
      { status: 503, body: overloaded },
    );
    const error = await rejectionOf(unwrap(clientFor(server).GET("/api/sessions")));
    expect(error).toMatchObject({ status: 503, code: "OVERLOADED", attempts: 4 });
  });

  it("is accepted by the types, which still name the known codes", () => {
    expectTypeOf<"QUOTA_EXCEEDED">().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"QUOTA_EXCEEDED">().toMatchTypeOf<ApiError["code"]>();
    expectTypeOf<KnownErrorCode>().toMatchTypeOf<ErrorCode>();
    expectTypeOf<"QUOTA_EXCEEDED">().not.toMatchTypeOf<KnownErrorCode>();
  });
});
