/**
 * errorOf and unwrap on results as the client returns them: what error a failed result gives,
 * built from the envelope and the call facts the result carries (or without them, for a result
 * made elsewhere).
 */
import { describe, expect, it } from "vitest";
import { attachCallContext } from "../../../src/client/attached-context.js";
import { errorOf, unwrap } from "../../../src/client/unwrap.js";
import { ApiError, BatchError, OutcomeUnknownError } from "../../../src/errors/index.js";
import type { CallContext } from "../../../src/transport/call-context.js";

const facts = (overrides: Partial<CallContext> = {}): CallContext => ({
  method: "GET",
  path: "/api/sessions",
  signal: null,
  repeatable: true,
  retry: null,
  timeouts: null,
  attempts: 3,
  retryAfterMs: 2000,
  outcomeUnknown: false,
  response: undefined,
  ...overrides,
});
const failed = (status: number, error: unknown, headers: Record<string, string> = {}) => ({
  error,
  response: new Response(null, { status, statusText: "Status Text", headers }),
});

describe("errorOf", () => {
  it("is undefined for a 2xx", () => {
    expect(errorOf({ data: { sessions: [] }, response: new Response(null, { status: 200 }) })).toBeUndefined();
  });

  it("builds an ApiError from the envelope and the call's facts", () => {
    const result = attachCallContext(
      failed(429, { error: { code: "RATE_LIMITED", message: "Slow down" } }, { "x-request-id": "req_7" }),
      facts(),
    );
    const error = errorOf(result);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      attempts: 3,
      retryAfterMs: 2000,
      requestId: "req_7",
      method: "GET",
      path: "/api/sessions",
    });
    expect(error!.message).toBe("GET /api/sessions: 429 RATE_LIMITED: Slow down");
  });

  it("without call facts (a result made elsewhere), counts one attempt and names no call", () => {
    const error = errorOf(failed(404, { error: { code: "NOT_FOUND", message: "gone" } }));
    expect(error).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
      attempts: 1,
      retryAfterMs: undefined,
      method: undefined,
    });
    expect(error!.message).toBe("404 NOT_FOUND: gone");
  });

  it("without an envelope, takes the code from the status and the message from the status text", () => {
    expect(errorOf(failed(503, undefined))).toMatchObject({
      code: "INTERNAL_ERROR",
      message: "503 INTERNAL_ERROR: Status Text",
    });
  });

  it("wraps the ApiError of a write whose outcome is unknown", () => {
    const result = attachCallContext(
      failed(502, { error: { code: "INTERNAL_ERROR", message: "bad gateway" } }),
      facts({ method: "POST", path: "/sync/batch", outcomeUnknown: true, attempts: 1 }),
    );
    const error = errorOf(result);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ status: 502, attempts: 1, cause: expect.any(ApiError) });
  });

  it("gives a BatchError for a batch stored in part, its errors scrubbed of key-shaped text", () => {
    const data = { ok: true, sessions: 1, messages: 2, errors: ["messages[2]: no user for osk_someoneElse_1234"] };
    const result = attachCallContext(
      { data, response: new Response(null, { status: 200 }) },
      facts({ method: "POST", path: "/sync/batch", attempts: 1 }),
    );
    const error = errorOf(result);
    expect(error).toBeInstanceOf(BatchError);
    expect(error).toMatchObject({
      errors: ["messages[2]: no user for osk_[redacted]"],
      sessions: 1,
      messages: 2,
      status: 200,
      attempts: 1,
    });
    expect(error!.message).toBe(
      "POST /sync/batch: stored in part (1 sessions, 2 messages); 1 error: messages[2]: no user for osk_[redacted]",
    );
  });

  it("leaves a batch answer alone when the result carries no facts (nothing says which call it was)", () => {
    const data = { ok: true, sessions: 0, messages: 0, errors: ["x"] };
    expect(errorOf({ data, response: new Response(null, { status: 200 }) })).toBeUndefined();
  });
});

describe("unwrap", () => {
  it("gives the data of a success, from a promise or a settled result", async () => {
    const result = { data: { sessions: [] }, response: new Response(null, { status: 200 }) };
    expect(await unwrap(Promise.resolve(result))).toEqual({ sessions: [] });
    expect(await unwrap(result)).toEqual({ sessions: [] });
  });

  it("throws what errorOf gives", async () => {
    const result = attachCallContext(
      failed(401, { error: { code: "UNAUTHORIZED", message: "Invalid API key" } }),
      facts(),
    );
    await expect(unwrap(result)).rejects.toMatchObject({
      name: "ApiError",
      status: 401,
      message: "GET /api/sessions: 401 UNAUTHORIZED: Invalid API key",
    });
  });

  it("passes a rejected call's error through", async () => {
    const reason = new Error("aborted");
    await expect(unwrap(Promise.reject(reason))).rejects.toBe(reason);
  });
});
