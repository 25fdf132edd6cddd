import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/** Every attempt failed before a response arrived (refused, reset, DNS, TLS, ...). */
export class ConnectionError extends OpenSyncError {
  static {
    brand(ConnectionError, "ConnectionError");
  }

  declare readonly attempts: number;

  constructor(attempts: number, cause: unknown, call?: CallInfo) {
    super(
      `connection failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${describeCause(cause)}`,
      { cause },
      call,
    );
    this.attempts = attempts;
  }
}

/** undici wraps the useful reason (ECONNREFUSED, socket hang up) in `cause`. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause;
  if (!(inner instanceof Error)) return cause.message;
  return `${cause.message}: ${inner.message}${"code" in inner ? ` (${String(inner.code)})` : ""}`;
}
