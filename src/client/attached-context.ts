/**
 * A failed call's result (a non-2xx, or a batch the server stored in part) carries its
 * CallContext, so `unwrap` and `errorOf` can build the error with the attempts, Retry-After and
 * call it belongs to. The key is a `Symbol.for`, shared by every copy of this package (ESM and
 * CJS), and the property is non-enumerable: results print and compare as `{ data, error, response }`.
 * Successful calls carry nothing: the hot path stays as lean as openapi-fetch's.
 */
import type { CallContext } from "../transport/call-context.js";

const CALL_CONTEXT = Symbol.for("opensync-api.call");

export function attachCallContext<R extends object>(result: R, context: CallContext): R {
  return Object.defineProperty(result, CALL_CONTEXT, { value: context });
}

export function callContextOf(result: object): CallContext | undefined {
  return (result as { [CALL_CONTEXT]?: CallContext })[CALL_CONTEXT];
}
