/**
 * The attached call context: a failed result carries its CallContext under a `Symbol.for` key, out of sight of
 * printing, spreading and comparing, and readable by any copy of the package.
 */
import { describe, expect, it } from "vitest";
import { attachCallContext, callContextOf } from "../../../src/client/attached-context.js";
import type { CallContext } from "../../../src/transport/call-context.js";

const context = (): CallContext => ({
  method: "POST",
  path: "/sync/batch",
  signal: null,
  repeatable: false,
  retry: null,
  timeouts: null,
  attempts: 2,
  retryAfterMs: 1500,
  outcomeUnknown: true,
  response: undefined,
});

describe("the attached call context", () => {
  it("attaches the context to the result itself and reads it back", () => {
    const facts = context();
    const result = {
      error: { error: { code: "INTERNAL_ERROR", message: "busy" } },
      response: new Response(null, { status: 503 }),
    };
    expect(attachCallContext(result, facts)).toBe(result);
    expect(callContextOf(result)).toBe(facts);
  });

  it("keeps them out of keys, JSON, spreads and equality", () => {
    const result = attachCallContext({ data: undefined, error: "e" }, context());
    expect(Object.keys(result)).toEqual(["data", "error"]);
    expect(JSON.stringify(result)).toBe('{"error":"e"}');
    expect(callContextOf({ ...result })).toBeUndefined();
    expect(result).toEqual({ data: undefined, error: "e" });
  });

  it("are found by another copy of the package, through the registered symbol", () => {
    const result = attachCallContext({}, context());
    expect((result as Record<symbol, unknown>)[Symbol.for("opensync-api.call")]).toMatchObject({
      attempts: 2,
      path: "/sync/batch",
    });
  });

  it("are absent from a result nobody attached them to", () => {
    expect(callContextOf({ data: 1 })).toBeUndefined();
  });
});
