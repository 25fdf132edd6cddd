import { ApiError } from "../errors/api-error.js";
import { attemptRecords } from "../core/retrying-fetch.js";
import type { ErrorResponse as ErrorEnvelope } from "../../generated/schema.js";

/** The shape every openapi-fetch call resolves to: data on success, error otherwise. */
type FetchResult = { data?: unknown; error?: unknown; response: Response };

/** The success data of a result union (the error branch's `data?: never` adds only undefined). */
export type DataOf<R extends FetchResult> = Exclude<R["data"], undefined>;

/**
 * Throw style: the data of a successful call, or an ApiError carrying the envelope's code and
 * message, the status, headers, attempts made and the server's Retry-After.
 * Connection failures and timeouts already reject the call itself.
 */
export async function unwrap<R extends FetchResult>(call: Promise<R> | R): Promise<DataOf<R>> {
  const result = await call;
  if (result.response.ok) return result.data as DataOf<R>;
  throw toApiError(result.error as ErrorEnvelope, result.response);
}

export function toApiError(envelope: ErrorEnvelope, response: Response): ApiError {
  const record = attemptRecords.get(response);
  return new ApiError({
    status: response.status,
    code: envelope.error.code,
    message: envelope.error.message,
    headers: response.headers,
    retryAfterMs: record?.retryAfterMs,
    attempts: record?.attempts ?? 1,
  });
}
