/**
 * The `fetch` given to openapi-fetch: it runs once per call, after every onRequest middleware and
 * before any onResponse, and makes the attempts. Per attempt it applies the timeout (to headers
 * and body alike: the body is read here, so a server that stalls mid-body is a timeout, not a
 * hang), and between attempts it sleeps the backoff or the server's Retry-After, abortably.
 * Final error responses leave here with their body normalised to the error envelope.
 */
import { ConnectionError } from "../errors/connection-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { parseRetryAfter } from "../utils/retry-after.js";
import { sleep } from "../utils/sleep.js";
import { toErrorEnvelope } from "./error-envelope.js";
import { backoffDelay, isRetryableStatus, type ResolvedRetry } from "./retry-options.js";

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
  timeoutMs: number;
  /** Whether this request may be sent more than once (derived from the spec's x-idempotent). */
  isRepeatable: (request: Request) => boolean;
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** The credential, scrubbed from anything built from a response body. */
  secret: string | undefined;
}

/** The init key under which a caller may pass a ResponseSink (see create-client.ts). */
export const RESPONSE_SINK = "opensyncResponseSink";
export interface ResponseSink {
  response?: Response;
}

/** Marks our own per-attempt timeout apart from any other abort. */
class AttemptTimeout extends Error {}

export function createRetryingFetch(config: RetryingFetchConfig): (request: Request) => Promise<Response> {
  const { retry, timeoutMs } = config;

  return async function retryingFetch(request: Request): Promise<Response> {
    const userSignal = request.signal;
    const maxAttempts = retry && config.isRepeatable(request) ? retry.maxRetries + 1 : 1;
    // Only a request with a body must be cloned, and only while another attempt may follow.
    const mustClone = maxAttempts > 1 && request.body !== null;

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= maxAttempts;
      const controller = new AbortController();
      const onUserAbort = () => controller.abort(userSignal.reason);
      userSignal.addEventListener("abort", onUserAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
      let failure: RetryReason;
      let serverDelay: number | undefined;
      try {
        const response = await config.fetch(mustClone && !isLast ? request.clone() : request, { signal: controller.signal });
        if (response.ok) {
          const ok = withBody(response, await readBody(response));
          const sink = (request as Request & { [RESPONSE_SINK]?: ResponseSink })[RESPONSE_SINK];
          if (sink) sink.response = ok;
          return ok;
        }
        serverDelay = parseRetryAfter(response.headers);
        const tooLong = serverDelay !== undefined && serverDelay > retry!.maxRetryAfterMs;
        if (isLast || tooLong || !isRetryableStatus(response.status, response.headers)) {
          return finalError(config, response, await response.text(), { attempts: attempt, retryAfterMs: serverDelay });
        }
        // This body will never be read: release the connection now.
        await response.body?.cancel().catch(() => {});
        failure = { type: "status", status: response.status };
      } catch (error) {
        if (userSignal.aborted) throw userSignal.reason;
        const timedOut = controller.signal.reason instanceof AttemptTimeout;
        if (isLast) throw timedOut ? new TimeoutError(attempt, timeoutMs, error) : new ConnectionError(attempt, error);
        failure = timedOut ? { type: "timeout", timeoutMs } : { type: "connection", error };
      } finally {
        clearTimeout(timer);
        userSignal.removeEventListener("abort", onUserAbort);
      }
      // Jitter is for our own backoff only: a server's Retry-After is honoured exactly.
      const delayMs = serverDelay ?? backoffDelay(retry!, attempt);
      config.onRetry?.({ attempt, delayMs, reason: failure, request: { method: request.method, url: request.url } });
      await sleep(delayMs, userSignal);
    }
  };
}

async function readBody(response: Response): Promise<ArrayBuffer | null> {
  return response.body === null ? null : response.arrayBuffer();
}

function withBody(response: Response, body: ArrayBuffer | null): Response {
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function finalError(config: RetryingFetchConfig, response: Response, body: string, record: AttemptRecord): Response {
  const { envelope, valid } = toErrorEnvelope(response.status, response.statusText, body, config.secret);
  const headers = new Headers(response.headers);
  // The body changes length (and is no longer encoded); a stale Content-Length of 0 would also
  // make openapi-fetch report `error: undefined`.
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.set("content-type", "application/json");
  const normalised = new Response(valid ? body : JSON.stringify(envelope), { status: response.status, statusText: response.statusText, headers });
  attemptRecords.set(normalised, record);
  return normalised;
}
