/**
 * What one request's result means for the records it carried. Every decision about a response
 * or a client error is made here, so that a change in the client's errors is one file's change.
 *
 *   ok            2xx with a body: read it (a batch's body says what it stored)
 *   refused       400, 413, 422: the server refused the request before writing; its content must change
 *                 (and a value deployed servers cannot store, refused by the client before sending)
 *   rate-limited  429: refused before writing; wait as long as it says
 *   not-sent      the connection was never made (refused, no such host): nothing reached the server
 *   unknown       it may or may not have been written: a 5xx, a timeout, a connection cut after
 *                 sending, a 2xx whose body cannot be read, an abort mid-request
 *   fatal         the configuration is wrong (401, 403, 404 and other 4xx): nothing can succeed, stop
 */
import {
  ApiError,
  BatchError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  OutcomeUnknownError,
  TimeoutError,
  UnstorableValueError,
  unwrap,
} from "opensync-api";
import { type FlushFailure, failureOf } from "../failure.js";

/** What failed, for people (../failure.ts): set by outcomeOf on every outcome but "ok". */
type Said = { failure?: FlushFailure };

export type Outcome<T> =
  | { kind: "ok"; data: T }
  | ({ kind: "refused"; status: number | undefined; message: string } & Said)
  | ({ kind: "rate-limited"; retryAfterMs: number | undefined; message: string } & Said)
  | ({ kind: "not-sent"; message: string } & Said)
  | ({
      kind: "unknown";
      message: string /** A 500 answered with a message: the server looked at the request and failed on it. */;
      serverError: boolean;
    } & Said)
  | ({ kind: "fatal"; message: string; error: unknown; status?: number } & Said);

export async function outcomeOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Outcome<T>> {
  try {
    const data = (await unwrap(call as Promise<{ data?: unknown; error?: unknown; response: Response }>)) as T;
    return { kind: "ok", data };
  } catch (error) {
    // A batch stored in part is an answer to read, not a failure: its counts and `errors` say
    // which records the server stored (the planner bisects the refused ones).
    if (error instanceof BatchError)
      return {
        kind: "ok",
        data: { ok: true, sessions: error.sessions, messages: error.messages, errors: error.errors } as T,
      };
    return { ...classifyError(error), failure: failureOf(error) };
  }
}

export function classifyError(error: unknown): Exclude<Outcome<never>, { kind: "ok" }> {
  const message = error instanceof Error ? error.message : String(error);
  // The client's verdict on a write it may not repeat: a 5xx, a timeout or a cut connection after
  // the request may have reached the server.
  if (error instanceof OutcomeUnknownError) return { kind: "unknown", message, serverError: error.status === 500 };
  if (error instanceof ApiError) {
    const { status } = error;
    if (status === 400 || status === 413 || status === 422) return { kind: "refused", status, message };
    if (status === 429) return { kind: "rate-limited", retryAfterMs: error.retryAfterMs, message };
    if (status === 408 || status === 425 || status >= 500)
      return { kind: "unknown", message, serverError: status === 500 };
    return { kind: "fatal", message, error, status };
  }
  // The client's own verdict on whether this request ever left (ConnectionError#neverSent).
  if (error instanceof ConnectionError)
    return error.neverSent ? { kind: "not-sent", message } : { kind: "unknown", message, serverError: false };
  if (error instanceof TimeoutError || error instanceof InvalidResponseError)
    return { kind: "unknown", message, serverError: false };
  if (error instanceof ConfigurationError) return { kind: "fatal", message, error };
  // A record enqueued before its values were checked (an older spool): that record, not the
  // flush, is refused, so it is dead-lettered and the rest is delivered.
  if (error instanceof UnstorableValueError) return { kind: "refused", status: undefined, message };
  // An abort mid-request (the caller's signal): whether it was written is unknown.
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError"))
    return { kind: "unknown", message, serverError: false };
  return { kind: "fatal", message, error };
}
