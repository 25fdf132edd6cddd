/**
 * createOpenSyncClient: an openapi-fetch client typed by the spec's `paths`, whose transport adds
 * authentication, retries, timeouts and error envelopes. Everything is checked by TypeScript
 * against openapi.yaml: paths, parameters, bodies and both sides of every response.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { REPEATABLE_WRITES } from "../../generated/contract.js";
import { resolveRetry } from "../core/retry-options.js";
import { createRetryingFetch, CALL_CONTEXT, type CallContext } from "../core/retrying-fetch.js";
import { AttemptTimeout, TimeoutSignals } from "../core/timeouts.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { ConnectionError } from "../errors/connection-error.js";
import { OpenSyncError } from "../errors/opensync-error.js";
import { InvalidResponseError } from "../errors/invalid-response-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { resolveBaseUrl, resolveCredential, type OpenSyncClientOptions } from "./options.js";

export type OpenSyncClient = Client<paths>;

const DEFAULT_TIMEOUT_MS = 30_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createOpenSyncClient(options: OpenSyncClientOptions = {}): OpenSyncClient {
  const { baseUrl, basePath } = resolveBaseUrl(options);
  const credential = resolveCredential(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (timeoutMs !== false && (!Number.isFinite(timeoutMs) || timeoutMs <= 0)) throw new ConfigurationError("timeoutMs must be a positive number, or false");
  const retry = resolveRetry(options.retry);
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (typeof baseFetch !== "function") throw new ConfigurationError("no fetch available: pass { fetch }");

  const timeouts = timeoutMs === false ? null : new TimeoutSignals(timeoutMs);
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${credential}` },
    fetch: createRetryingFetch({
      fetch: baseFetch,
      retry,
      timeouts,
      onRetry: options.onRetry,
      secret: credential,
      isRepeatable: (request) => SAFE_METHODS.has(request.method) || isIdempotent(request, basePath),
    }),
  });
  return withTypedFailures(client, timeoutMs || 0);
}

const REPEATABLE = new Set<string>(REPEATABLE_WRITES);

/** POSTs are repeatable only where the spec says so (x-idempotent), never by a hand-kept list. */
function isIdempotent(request: Request, basePath: string): boolean {
  return REPEATABLE.has(`${request.method} ${new URL(request.url).pathname.slice(basePath.length)}`);
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"] as const;

/**
 * openapi-fetch reads a 2xx body itself, after our transport returned. Two failures can surface
 * there and become ours, so every failure of a call is an OpenSyncError: a body that is not the
 * JSON it claims (InvalidResponseError, with status and headers), and a body that stalls or is cut
 * (TimeoutError, ConnectionError, counting the attempts made). The transport learns of the
 * caller's signal and reports back through a CallContext that openapi-fetch carries on the Request
 * (it copies unknown init keys onto it): no middleware, which would cost every call an id and a
 * frozen options object.
 */
function withTypedFailures(client: OpenSyncClient, timeoutMs: number): OpenSyncClient {
  type Init = { signal?: AbortSignal | null } | undefined;
  const target = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  // Hot path: a fixed arity and a named key (a spread with a computed key is a slower V8 path).
  const guarded = (init: Init, send: (init: unknown) => Promise<unknown>) => {
    const context: CallContext = { callerSignal: init?.signal ?? null };
    return send({ ...init, opensyncCallContext: context } satisfies { [CALL_CONTEXT]: CallContext }).catch((error: unknown) => {
      if (error instanceof OpenSyncError || context.callerSignal?.aborted) throw error;
      const attempts = context.attempts ?? 1;
      if (error instanceof SyntaxError) throw new InvalidResponseError(context.response?.status ?? 200, context.response?.headers ?? new Headers(), error);
      if (error instanceof AttemptTimeout || (error instanceof Error && error.cause instanceof AttemptTimeout)) throw new TimeoutError(attempts, timeoutMs, error);
      // The connection failed while openapi-fetch was reading a 2xx body (undici: "terminated").
      if (error instanceof TypeError && context.response) throw new ConnectionError(attempts, error);
      throw error;
    });
  };
  for (const method of METHODS) {
    const call = target[method]!;
    // `request(method, url, init)` takes one argument more than the verb methods.
    target[method] =
      method === "request" ? (verb, url, init) => guarded(init as Init, (i) => call(verb, url, i)) : (url, init) => guarded(init as Init, (i) => call(url, i));
  }
  return client;
}
