import { neverSent } from "../transport/never-sent.js";
import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/**
 * Every attempt failed before a response arrived (refused, reset, DNS, TLS, ...). `neverSent` is the
 * client's verdict on the last attempt: true when that request certainly never reached the server
 * (connection refused, no route, DNS, connect timeout, TLS handshake failed), so sending it again
 * is harmless whatever it does; false when it may have been read (a reset, a cut body).
 */
export class ConnectionError extends OpenSyncError {
  static {
    brand(ConnectionError, "ConnectionError");
  }

  declare readonly attempts: number;
  declare readonly neverSent: boolean;

  constructor(attempts: number, cause: unknown, call?: CallInfo) {
    super(
      `connection failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${describeCause(cause)}`,
      { cause },
      call,
    );
    this.attempts = attempts;
    this.neverSent = neverSent(cause);
  }
}

/** undici wraps the useful reason (ECONNREFUSED, socket hang up) in `cause`. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause;
  if (!(inner instanceof Error)) return cause.message;
  return `${cause.message}: ${inner.message}${"code" in inner ? ` (${String(inner.code)})` : ""}`;
}
