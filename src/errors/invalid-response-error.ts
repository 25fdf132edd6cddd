import { OpenSyncError } from "./opensync-error.js";

/** A 2xx response whose body is not what the content type promised (e.g. broken JSON). */
export class InvalidResponseError extends OpenSyncError {
  override name = "InvalidResponseError";
  declare readonly status: number;
  declare readonly headers: Headers;

  constructor(status: number, headers: Headers, cause: unknown) {
    super(`Response ${status} has a body that could not be parsed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.status = status;
    // Non-enumerable (and read-only), as on ApiError.
    Object.defineProperty(this, "headers", { value: headers });
  }
}
