import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/** Every attempt ran past `timeoutMs` (headers and body included). */
export class TimeoutError extends OpenSyncError {
  static {
    brand(TimeoutError, "TimeoutError");
  }

  declare readonly attempts: number;
  declare readonly timeoutMs: number;

  constructor(attempts: number, timeoutMs: number, cause?: unknown, call?: CallInfo) {
    super(`timed out after ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"})`, { cause }, call);
    this.attempts = attempts;
    this.timeoutMs = timeoutMs;
  }
}
