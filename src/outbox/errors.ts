/**
 * The outbox's own failures. Each is an OpenSyncError (from the client this package ships), so one
 * `instanceof OpenSyncError` catches every error of the package.
 */
import { OpenSyncError } from "opensync-api";

/** The spool would pass its size cap, or the disk under it is (nearly) full: nothing was written. */
export class OutboxFullError extends OpenSyncError {
  override name = "OutboxFullError";
}

/** A record the outbox cannot take: not the shape the spec requires, not JSON, or too large for any request. */
export class OutboxRecordError extends OpenSyncError {
  override name = "OutboxRecordError";
}

/** `session()` or `message()` after `close()`. */
export class OutboxClosedError extends OpenSyncError {
  override name = "OutboxClosedError";
}
