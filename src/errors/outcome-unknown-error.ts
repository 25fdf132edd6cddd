import { ApiError } from "./api-error.js";
import { brand } from "./brand.js";
import { prefix, type CallInfo } from "./call.js";
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
    brand(this, "OutcomeUnknownError");
  }

  override name = "OutcomeUnknownError";
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;
  declare readonly status: number | undefined;
  declare readonly attempts: number;
  declare readonly cause: ApiError | TimeoutError | ConnectionError;

  constructor(cause: ApiError | TimeoutError | ConnectionError, call?: CallInfo) {
    const what = cause.message.slice(prefix(call).length);
    super(`${prefix(call)}the write may or may not have happened (${what}); not retried, because repeating this request can lose data: read the data back before sending it again`, { cause });
    this.method = call?.method;
    this.path = call?.path;
    this.status = cause instanceof ApiError ? cause.status : undefined;
    this.attempts = cause.attempts;
  }
}

