/**
 * When and how long the client waits before trying again. The defaults follow the API's published
 * retry strategy (3 retries, exponential backoff from 1 s) with jitter and a cap added.
 */
import { ConfigurationError } from "../errors/configuration-error.js";

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. Default 3. */
  maxRetries?: number | undefined;
  /** Backoff before the first retry; it doubles on each retry after that. Default 1000 ms. */
  baseDelayMs?: number | undefined;
  /** Upper bound of one backoff delay. Default 8000 ms. */
  maxDelayMs?: number | undefined;
  /**
   * Longest delay a server may ask for (Retry-After) that the client will sleep through. A longer
   * one is not waited out: the call returns the response at once, with `retryAfterMs` on the error,
   * so the caller can schedule the work. Default 60000 ms.
   */
  maxRetryAfterMs?: number | undefined;
  /**
   * Share of each backoff delay removed at random (0 to 1), so that many clients failing together
   * do not retry in step. `true` means 0.25, `false` 0. Never applied to a server's Retry-After.
   * Default 0.25.
   */
  jitter?: boolean | number | undefined;
}

/** Every retry option, set; jitter as a share. */
export type ResolvedRetry = { [K in keyof RetryOptions]-?: number };

export const DEFAULT_RETRY: ResolvedRetry = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  jitter: 0.25,
};

/**
 * The options over `base` (the defaults, or for a call's own `retry` the client's policy), checked;
 * null when there is to be no retry at all.
 */
export function resolveRetry(options: RetryOptions | false | undefined, base = DEFAULT_RETRY): ResolvedRetry | null {
  if (options === false) return null;
  // An option given as undefined takes its default (exactOptionalPropertyTypes lets callers pass one).
  const retry = { ...base };
  for (const [name, value] of Object.entries(options ?? {}))
    if (value !== undefined) (retry as Record<string, unknown>)[name] = value;
  retry.jitter = options?.jitter === true ? DEFAULT_RETRY.jitter : options?.jitter === false ? 0 : retry.jitter;
  for (const [name, value] of Object.entries(retry)) {
    // Number.isFinite is false for anything that is not a number (strings included) and for NaN.
    if (!Number.isFinite(value) || value < 0)
      throw new ConfigurationError(`retry.${name} must be a finite number >= 0`);
  }
  if (retry.jitter > 1) throw new ConfigurationError("retry.jitter must be between 0 and 1");
  return retry.maxRetries === 0 ? null : retry;
}

/** Exponential backoff for the retry after failed attempt number `attempt` (1-based). */
export function backoffDelay(retry: ResolvedRetry, attempt: number): number {
  const nominal = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(nominal * (1 - retry.jitter * Math.random()));
}

/**
 * Statuses worth another try. A 429 always: the server refused before doing anything. Timeouts
 * (408) and server failures (5xx) only when the request may be repeated: the server may have acted
 * on it.
 */
export function isRetryableStatus(status: number, headers: Headers, repeatable: boolean): boolean {
  // A server that knows better says so (the convention of Stainless-generated APIs).
  const hint = headers.get("x-should-retry");
  if (hint === "true") return true;
  if (hint === "false") return false;
  return status === 429 || (repeatable && (status === 408 || status >= 500));
}
