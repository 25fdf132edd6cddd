import type { ErrorResponse as ErrorEnvelope } from "../../generated/schema.js";
import { ApiError } from "../errors/api-error.js";
import { BatchError } from "../errors/batch-error.js";
import type { OpenSyncError } from "../errors/opensync-error.js";
import { OutcomeUnknownError } from "../errors/outcome-unknown-error.js";
import { redact } from "../utils/redact.js";
import { codeForStatus } from "../utils/status-code.js";
import { callContextOf } from "./attached-context.js";
import { isPartialBatch } from "./partial-batch.js";

/** The shape every call resolves to: data on success, error otherwise. */
type CallResult = { data?: unknown; error?: unknown; response: Response };

/** The success data of a result union (the error branch's `data?: never` adds only undefined). */
export type DataOf<R extends CallResult> = Exclude<R["data"], undefined>;

/**
 * Throw style: the data of a successful call, or the error `errorOf` gives: an ApiError carrying
 * the envelope's code and message, the status, headers, attempts made and the server's
 * Retry-After; a BatchError for a batch stored in part; an OutcomeUnknownError for a 5xx of a
 * write the client may not repeat. Connection failures and timeouts already reject the call itself.
 */
export async function unwrap<R extends CallResult>(call: Promise<R> | R): Promise<DataOf<R>> {
  const result = await call;
  const failure = errorOf(result);
  if (failure) throw failure;
  return result.data as DataOf<R>;
}

/**
 * The error of a result, for result-style callers, or undefined when the call succeeded: what
 * `unwrap` would throw. `errorOf(result) instanceof OutcomeUnknownError` says that a failed write
 * may have happened and must not be resent blindly.
 */
export function errorOf(result: CallResult): OpenSyncError | undefined {
  const context = callContextOf(result);
  const { response } = result;
  if (response.ok) {
    if (!context || !isPartialBatch(context.method, context.path, result.data)) return undefined;
    const { errors, sessions, messages } = result.data;
    return new BatchError({
      errors: errors.map((e) => redact(String(e))),
      sessions,
      messages,
      status: response.status,
      headers: response.headers,
      attempts: context.attempts,
      call: context,
    });
  }
  // A result this client normalised always has the envelope; one from elsewhere may not.
  const envelope = (result.error as Partial<ErrorEnvelope> | undefined)?.error;
  const error = new ApiError({
    status: response.status,
    code: envelope?.code ?? codeForStatus(response.status),
    message: envelope?.message ?? response.statusText,
    headers: response.headers,
    retryAfterMs: context?.retryAfterMs,
    attempts: context?.attempts ?? 1,
    call: context,
  });
  return context?.outcomeUnknown ? new OutcomeUnknownError(error, context) : error;
}
