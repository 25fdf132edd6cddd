/**
 * The transport: the `fetch` openapi-fetch calls for one call (after every onRequest middleware
 * and before any onResponse), given that call's CallContext. It makes the attempts. Each attempt
 * carries a timeout signal (see timeouts.ts) that bounds headers and body alike, so a server that
 * stalls mid-body is a timeout, not a hang; between attempts it sleeps the backoff or the server's
 * Retry-After, abortably. Final error responses leave here with their body normalised to the error
 * envelope.
 *
 * What is retried depends on whether the request may be repeated (context.repeatable):
 *   - a 429, and a connection that was never made: always (nothing reached the server);
 *   - 408, 5xx, timeouts and other connection failures: only a repeatable request. For any other,
 *     a timeout or a cut connection rejects with OutcomeUnknownError, and a 5xx is returned with
 *     context.outcomeUnknown set (result style keeps the envelope; `unwrap` throws).
 */
import { ConnectionError } from "../errors/connection-error.js";
import { OutcomeUnknownError } from "../errors/outcome-unknown-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import type { CallContext } from "./call-context.js";
import { normaliseErrorBody } from "./error-envelope.js";
import type { Log } from "./log.js";
import { parseRetryAfter } from "./retry-after.js";
import { backoffDelay, isRetryableStatus } from "./retry-options.js";
import { sleep } from "./sleep.js";
import { AttemptTimeout } from "./timeouts.js";

export type RetryReason =
  | { type: "status"; status: number }
  /** `error` serialises to its name and message (`JSON.stringify(event)`), never the key. */
  | { type: "connection"; error: ConnectionError }
  | { type: "timeout"; timeoutMs: number };

/**
 * What `onRetry` is told. `request` is a redacted view: the method, the URL without its query
 * (query values are what users searched for) and the spec's path; never headers or the body.
 */
export interface RetryEvent {
  /** The attempt that just failed, 1-based. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  reason: RetryReason;
  request: { method: string; url: string; path: string };
}

export interface TransportConfig {
  fetch: typeof globalThis.fetch;
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** Retries at info, give-ups at warn; undefined without a logger. */
  log: Log | undefined;
  /** The credential, scrubbed from anything built from a response body. */
  secret: string | undefined;
}

export type Transport = (request: Request, context: CallContext, send?: typeof globalThis.fetch) => Promise<Response>;

export function createTransport(config: TransportConfig): Transport {
  const { log } = config;
  // `send` is called as a plain function: browsers throw "Illegal invocation" when fetch's `this`
  // is anything but the global object (here it would have been `config`).
  return async function transport(request, context, send = config.fetch) {
    const { signal: caller, retry, timeouts, method, path } = context;
    const maxAttempts = retry ? retry.maxRetries + 1 : 1;
    // Only a request with a body must be cloned, and only while another attempt may follow.
    const mustClone = maxAttempts > 1 && request.body !== null;

    for (let attempt = 1; ; attempt++) {
      context.attempts = attempt;
      const isLast = attempt >= maxAttempts;
      const toSend = mustClone && !isLast ? request.clone() : request;
      // The attempt's timeout goes to fetch in its init, never into a Request of ours: undici's
      // fetch builds its own Request from (input, init) anyway and follows the init's signal in
      // place of the input's, so a signal on our Request would be followed twice. Joined with the
      // caller's signal, since the init's signal replaces the one the Request follows.
      const signal = timeouts ? timeouts.joined(caller) : null;
      let reason: RetryReason;
      let serverDelay: number | undefined;
      let failureName: string | undefined;
      try {
        const response = await (signal ? send(toSend, { signal }) : send(toSend));
        if (response.ok) {
          context.response = response;
          return response;
        }
        const status = response.status;
        serverDelay = parseRetryAfter(response.headers);
        const retryable = isRetryableStatus(status, response.headers, context.repeatable);
        if (isLast || !retryable || (serverDelay !== undefined && serverDelay > retry!.maxRetryAfterMs)) {
          if (retryable) log?.("warn", { method, path, attempt, status, retryAfterMs: serverDelay }, "giving up");
          context.retryAfterMs = serverDelay;
          context.outcomeUnknown = status >= 500 && !context.repeatable;
          context.response = finalError(config, response, await response.text());
          return context.response;
        }
        // This body will never be read: release the connection now.
        await response.body?.cancel().catch(() => {});
        reason = { type: "status", status };
      } catch (error) {
        // The caller's abort ends the attempts; the call rejects with its reason (../client/create-client.ts).
        if (caller?.aborted) throw error;
        const timedOut = signal?.reason instanceof AttemptTimeout;
        const failure = timedOut
          ? new TimeoutError(attempt, timeouts!.timeoutMs, error, context)
          : new ConnectionError(attempt, error, context);
        // Only a connection that was never made cannot have reached the server.
        if (!context.repeatable && !(failure instanceof ConnectionError && failure.neverSent))
          throw new OutcomeUnknownError(failure, context);
        failureName = failure.name;
        if (isLast) {
          log?.("warn", { method, path, attempt, error: failureName }, "giving up");
          throw failure;
        }
        reason = timedOut
          ? { type: "timeout", timeoutMs: timeouts!.timeoutMs }
          : { type: "connection", error: failure as ConnectionError };
      }
      // Jitter is for our own backoff only: a server's Retry-After is honoured exactly.
      const delayMs = serverDelay ?? backoffDelay(retry!, attempt);
      const url = request.url.split("?")[0]!;
      config.onRetry?.({ attempt, delayMs, reason, request: { method: request.method, url, path } });
      // The reason's type and status or timeoutMs; a connection failure's error by name only.
      log?.("info", { method, path, attempt, delayMs, ...reason, error: failureName }, "retrying");
      await sleep(delayMs, caller);
    }
  };
}

function finalError(config: TransportConfig, response: Response, body: string): Response {
  const headers = new Headers(response.headers);
  // The body changes length (and is no longer encoded); a stale Content-Length of 0 would also
  // make openapi-fetch report `error: undefined`.
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.set("content-type", "application/json");
  return new Response(normaliseErrorBody(response.status, response.statusText, body, config.secret), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
