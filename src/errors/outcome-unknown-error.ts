import { ApiError } from "./api-error.js";
import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import type { ConnectionError } from "./connection-error.js";
import { OpenSyncError } from "./opensync-error.js";
import type { TimeoutError } from "./timeout-error.js";

/**
 * A write that may or may not have happened, and that the client did not repeat because repeating
 * it could lose data (the spec's `x-idempotent: false`, e.g. `POST /sync/batch` carrying message
 * parts). It failed after the request may have reached the server: a 5xx, a timeout or a cut
 * connection. Read the data back before sending it again. `cause` is the failure itself (an
 * ApiError, TimeoutError or ConnectionError); `status` is the 5xx, when there was one.
 */
export class OutcomeUnknownError extends OpenSyncError {
  static {
    brand(OutcomeUnknownError, "OutcomeUnknownError");
  }

  declare readonly status: number | undefined;
  declare readonly attempts: number;
  declare readonly cause: ApiError | TimeoutError | ConnectionError;

  constructor(cause: ApiError | TimeoutError | ConnectionError, call?: CallInfo) {
    // The cause's own message, without the call it also starts with.
    const head = call ? `${call.method} ${call.path}: ` : "";
    const what = cause.message.startsWith(head) ? cause.message.slice(head.length) : cause.message;
    super(`may or may not have been written; not retried, as repeating it can lose data: ${what}`, { cause }, call);
    this.status = cause instanceof ApiError ? cause.status : undefined;
    this.attempts = cause.attempts;
  }
}
