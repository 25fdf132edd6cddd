import { brand } from "./brand.js";
import { prefix, type CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/** Every attempt ran past `timeoutMs` (headers and body included). */
export class TimeoutError extends OpenSyncError {
  static {
    brand(this, "TimeoutError");
  }

  override name = "TimeoutError";
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;
  declare readonly attempts: number;
  declare readonly timeoutMs: number;

  constructor(attempts: number, timeoutMs: number, cause?: unknown, call?: CallInfo) {
    super(`${prefix(call)}timed out after ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"})`, { cause });
    this.method = call?.method;
    this.path = call?.path;
    this.attempts = attempts;
    this.timeoutMs = timeoutMs;
  }
}
