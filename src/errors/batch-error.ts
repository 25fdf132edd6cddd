import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

export interface BatchErrorInit {
  /** The server's `errors`, one string per refused array or message. */
  errors: readonly string[];
  /** Sessions the server did store (inserted or updated). */
  sessions: number;
  /** Messages the server did store (inserted or updated). */
  messages: number;
  status: number;
  headers: Headers;
  attempts: number;
  call?: CallInfo | undefined;
}

/**
 * `POST /sync/batch` answered 2xx but refused part of the batch: servers report it in `errors` of
 * a 200 whose `ok` is true, and a refused array is dropped whole (one unknown field in one session
 * drops every session of the batch). Thrown by `unwrap`; result style returns the body as is.
 */
export class BatchError extends OpenSyncError {
  static {
    brand(BatchError, "BatchError");
  }

  declare readonly errors: readonly string[];
  declare readonly sessions: number;
  declare readonly messages: number;
  declare readonly status: number;
  declare readonly attempts: number;
  /** Response headers, kept off the serialised form, as on ApiError. */
  declare readonly headers: Headers;

  constructor(init: BatchErrorInit) {
    const count = init.errors.length;
    super(
      `stored in part (${init.sessions} sessions, ${init.messages} messages); ${count} ` +
        `error${count === 1 ? "" : "s"}: ${init.errors.join("; ")}`,
      undefined,
      init.call,
    );
    this.errors = init.errors;
    this.sessions = init.sessions;
    this.messages = init.messages;
    this.status = init.status;
    this.attempts = init.attempts;
    Object.defineProperty(this, "headers", { value: init.headers });
  }
}
