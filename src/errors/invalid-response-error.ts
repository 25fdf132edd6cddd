import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/**
 * A 2xx response whose body is not what the operation declares: broken JSON, an empty body, a
 * media type other than the one the request asked for (Markdown where JSON was due, say), or
 * newline-delimited JSON with a line that is not JSON.
 */
export class InvalidResponseError extends OpenSyncError {
  static {
    brand(InvalidResponseError, "InvalidResponseError");
  }

  declare readonly status: number;
  declare readonly headers: Headers;

  /** `problem` says what is wrong with the body; it must not quote the body (it may hold anything). */
  constructor(status: number, headers: Headers, problem: string, call?: CallInfo, cause?: unknown) {
    super(`response ${status} has an invalid body: ${problem}`, { cause }, call);
    this.status = status;
    // Non-enumerable (and read-only), as on ApiError.
    Object.defineProperty(this, "headers", { value: headers });
  }
}
