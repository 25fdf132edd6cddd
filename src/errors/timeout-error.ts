import { OpenSyncError } from "./opensync-error.js";

/** Every attempt ran past `timeoutMs` (headers and body included). */
export class TimeoutError extends OpenSyncError {
  override name = "TimeoutError";
  declare readonly attempts: number;
  declare readonly timeoutMs: number;

  constructor(attempts: number, timeoutMs: number, cause?: unknown) {
    super(`Request timed out after ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"})`, { cause });
    this.attempts = attempts;
    this.timeoutMs = timeoutMs;
  }
}
