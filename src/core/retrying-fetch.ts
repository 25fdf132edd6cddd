/**
 * The `fetch` given to openapi-fetch: it runs once per call, after every onRequest middleware and
 * before any onResponse, and makes the attempts. Each attempt carries a timeout signal (see
 * timeouts.ts) that bounds headers and body alike, so a server that stalls mid-body is a timeout,
 * not a hang; between attempts it sleeps the backoff or the server's Retry-After, abortably.
 * Final error responses leave here with their body normalised to the error envelope.
 */
import { ConnectionError } from "../errors/connection-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { parseRetryAfter } from "../utils/retry-after.js";
import { sleep } from "../utils/sleep.js";
import { normaliseErrorBody } from "./error-envelope.js";
import { backoffDelay, isRetryableStatus, type ResolvedRetry } from "./retry-options.js";
import { AttemptTimeout, type TimeoutSignals } from "./timeouts.js";

export type RetryReason =
  | { type: "status"; status: number }
  | { type: "connection"; error: unknown }
  | { type: "timeout"; timeoutMs: number };

/** What `onRetry` is told. `request` is a redacted view: method and URL, never headers. */
export interface RetryEvent {
  /** The attempt that just failed, 1-based. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  reason: RetryReason;
  request: { method: string; url: string };
}

export interface AttemptRecord {
  attempts: number;
  retryAfterMs: number | undefined;
}

/** Facts about how a final error response came to be, for `unwrap` and ApiError. */
export const attemptRecords = new WeakMap<Response, AttemptRecord>();

export interface RetryingFetchConfig {
  fetch: typeof globalThis.fetch;
  retry: ResolvedRetry | null;
  /** Per-attempt timeouts, or null when the caller turned them off. */
  timeouts: TimeoutSignals | null;
  /** Whether this request may be sent more than once (derived from the spec's x-idempotent). */
  isRepeatable: (request: Request) => boolean;
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** The credential, scrubbed from anything built from a response body. */
  secret: string | undefined;
}

/**
 * The init key under which create-client.ts passes a CallContext. openapi-fetch copies unknown init
 * keys onto the Request it builds, so the context reaches this transport without a middleware.
 */
export const CALL_CONTEXT = "opensyncCallContext";
export interface CallContext {
  /**
   * The caller's own signal, or null when there is none. A Request always has a signal (one that
   * follows the caller's), so only this says whether there is a caller to join a timeout with.
   */
  callerSignal: AbortSignal | null;
  /** Set on success: the 2xx response and the attempts it took (openapi-fetch reads its body later). */
  response?: Response;
  attempts?: number;
}

export function createRetryingFetch(config: RetryingFetchConfig): (request: Request) => Promise<Response> {
  const { retry, timeouts } = config;
  // Called as a plain function: browsers throw "Illegal invocation" when fetch's `this` is
  // anything but the global object (here it would have been `config`).
  const send = config.fetch;

  return async function retryingFetch(request: Request): Promise<Response> {
    const context = (request as Request & { [CALL_CONTEXT]?: CallContext })[CALL_CONTEXT];
    // A request a middleware built itself carries no context: its own signal is the caller's.
    const caller = context ? context.callerSignal : request.signal;
    const maxAttempts = retry && config.isRepeatable(request) ? retry.maxRetries + 1 : 1;
    // Only a request with a body must be cloned, and only while another attempt may follow.
    const mustClone = maxAttempts > 1 && request.body !== null;

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= maxAttempts;
      const toSend = mustClone && !isLast ? request.clone() : request;
      // The attempt's timeout goes to fetch in its init, never into a Request of ours: undici's
      // fetch builds its own Request from (input, init) anyway and follows the init's signal in
      // place of the input's, so a signal on our Request would be followed twice. Joined with the
      // caller's signal, since the init's signal replaces the one the Request follows.
      const signal = timeouts ? timeouts.joined(caller) : null;
      let failure: RetryReason;
      let serverDelay: number | undefined;
      try {
        const response = await (signal ? send(toSend, { signal }) : send(toSend));
        if (response.ok) {
          if (context) (context.response = response), (context.attempts = attempt);
          return response;
        }
        serverDelay = parseRetryAfter(response.headers);
        // Without a retry policy (retry: false) every attempt is the last: nothing is too long.
        const tooLong = retry !== null && serverDelay !== undefined && serverDelay > retry.maxRetryAfterMs;
        if (isLast || tooLong || !isRetryableStatus(response.status, response.headers)) {
          return finalError(config, response, await response.text(), { attempts: attempt, retryAfterMs: serverDelay });
        }
        // This body will never be read: release the connection now.
        await response.body?.cancel().catch(() => {});
        failure = { type: "status", status: response.status };
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        const timedOut = signal?.reason instanceof AttemptTimeout;
        if (isLast) throw timedOut ? new TimeoutError(attempt, timeouts!.timeoutMs, error) : new ConnectionError(attempt, error);
        failure = timedOut ? { type: "timeout", timeoutMs: timeouts!.timeoutMs } : { type: "connection", error };
      }
      // Jitter is for our own backoff only: a server's Retry-After is honoured exactly.
      const delayMs = serverDelay ?? backoffDelay(retry!, attempt);
      config.onRetry?.({ attempt, delayMs, reason: failure, request: { method: request.method, url: request.url } });
      await sleep(delayMs, caller);
    }
  };
}

function finalError(config: RetryingFetchConfig, response: Response, body: string, record: AttemptRecord): Response {
  const headers = new Headers(response.headers);
  // The body changes length (and is no longer encoded); a stale Content-Length of 0 would also
  // make openapi-fetch report `error: undefined`.
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.set("content-type", "application/json");
  const normalised = new Response(normaliseErrorBody(response.status, response.statusText, body, config.secret), { status: response.status, statusText: response.statusText, headers });
  attemptRecords.set(normalised, record);
  return normalised;
}
