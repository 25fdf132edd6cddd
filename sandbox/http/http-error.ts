/**
 * The one way the sandbox fails a request: throw an HttpError from a pipeline step, a handler or
 * a static route. It is answered in one place (error-renderer.ts), in the error shape the
 * sandbox was started with, so no code that refuses a request decides how the refusal looks.
 */
import type { ErrorCode } from "opensync-api/schema";

/** The statuses of the spec's error responses, and 503 for a request held while the sandbox closes. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503;

export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    /** Headers the answer carries (Retry-After on a 429, Connection: close on a 413). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new HttpError(400, "INVALID_REQUEST", message);
export const notFound = (message: string) => new HttpError(404, "NOT_FOUND", message);
export const rateLimited = (retryAfterSeconds: number, headers: Record<string, string> = {}) =>
  new HttpError(429, "RATE_LIMITED", `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`, {
    "Retry-After": String(retryAfterSeconds),
    ...headers,
  });
