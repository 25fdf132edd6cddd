import type { ErrorCode } from "../../generated/schema.js";
import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

export interface ApiErrorInit {
  status: number;
  /** The envelope's code: one of ERROR_CODES, or a newer code, passed on unchanged. */
  code: ErrorCode;
  message: string;
  headers: Headers;
  /** How long the server asked to wait before retrying, when it said (Retry-After). */
  retryAfterMs?: number | undefined;
  /** How many attempts were made, retries included. */
  attempts: number;
  /** The call that failed; named in the message. */
  call?: CallInfo | undefined;
}

/** The server answered with a non-2xx status. Thrown by `unwrap`. */
export class ApiError extends OpenSyncError {
  static {
    brand(ApiError, "ApiError");
  }

  // `declare`: set in the constructor only (a plain declaration would also be emitted as a field).
  declare readonly status: number;
  declare readonly code: ApiErrorInit["code"];
  declare readonly retryAfterMs: number | undefined;
  declare readonly attempts: number;
  /** Response headers, kept off the serialised form (they can be long; they never hold the key). */
  declare readonly headers: Headers;
  /** The server's request id, when it sent one. */
  declare readonly requestId: string | undefined;

  constructor(init: ApiErrorInit) {
    super(`${init.status} ${init.code}: ${init.message}`, undefined, init.call);
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
    this.requestId = init.headers.get("x-request-id") ?? undefined;
    // Non-enumerable (and read-only): kept off toJSON and spreads.
    Object.defineProperty(this, "headers", { value: init.headers });
  }
}
