/**
 * createOpenSyncClient: a small façade whose methods call an untouched openapi-fetch client typed
 * by the spec's `paths`. Per call, the façade creates one CallContext (see ../transport/call-context.ts) and
 * hands it to the transport through openapi-fetch's per-request `fetch`; the transport adds
 * authentication, retries, timeouts and error envelopes. The façade then reads a 2xx body by its
 * media type (response-body.ts) and turns every failure into an error of this package that names
 * the call.
 */
import createClient from "openapi-fetch";
import { HTTP_METHODS } from "../../generated/contract.js";
import type { paths } from "../../generated/schema.js";
import { ConnectionError } from "../errors/connection-error.js";
import { InvalidResponseError } from "../errors/invalid-response-error.js";
import { OpenSyncError } from "../errors/opensync-error.js";
import { OutcomeUnknownError } from "../errors/outcome-unknown-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { UnstorableValueError } from "../errors/unstorable-value-error.js";
import type { CallContext } from "../transport/call-context.js";
import { storedValueProblem } from "../transport/convex-values.js";
import { createTransport, type Transport } from "../transport/create-transport.js";
import type { Log } from "../transport/log.js";
import { isRepeatable } from "../transport/repeatability.js";
import { type ResolvedRetry, type RetryOptions, resolveRetry } from "../transport/retry-options.js";
import { AttemptTimeout, type TimeoutSignals } from "../transport/timeouts.js";
import { redact } from "../utils/redact.js";
import { attachCallContext } from "./attached-context.js";
import { type OpenSyncClientOptions, resolveClientOptions, resolveTimeouts } from "./options.js";
import { isPartialBatch } from "./partial-batch.js";
import { expectedMediaType, readBody } from "./response-body.js";
import type { OpenSyncClient } from "./types.js";

export function createOpenSyncClient(options: OpenSyncClientOptions = {}): OpenSyncClient {
  const { baseUrl, credential, timeouts, retry, fetch: baseFetch, onRetry, log } = resolveClientOptions(options);

  const transport = createTransport({ fetch: baseFetch, onRetry, log, secret: credential });
  const inner = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${credential}` } });
  const call = caller(transport, { retry, timeouts, log, secret: credential });
  const methods = inner as unknown as Record<string, Send>;

  const client = {
    request: (method: string, url: string, init?: Init) => {
      const verb = method.toUpperCase();
      const send: Send = (HTTP_METHODS as readonly string[]).includes(verb)
        ? methods[verb]!
        : (path, options) => inner.request(method as never, path as never, options as never) as Promise<Result>;
      return call(send, verb, url, init);
    },
    use: inner.use,
    eject: inner.eject,
  } as Record<string, unknown>;
  for (const verb of HTTP_METHODS) {
    const send = methods[verb]!;
    client[verb] = (url: string, init?: Init) => call(send, verb, url, init);
  }
  return client as unknown as OpenSyncClient;
}

/** The call options the façade reads; the rest goes to openapi-fetch as given. */
type Init = {
  retry?: RetryOptions | false | undefined;
  timeoutMs?: number | false | undefined;
  body?: unknown;
  params?: { query?: Record<string, unknown> };
  signal?: AbortSignal | null;
  parseAs?: string;
  fetch?: typeof globalThis.fetch;
};
type Result = { data?: unknown; error?: unknown; response: Response };

/** One of openapi-fetch's methods: a verb's (`GET(url, init)`), or `request` with the method bound. */
type Send = (url: string, init: object) => Promise<Result>;

/** What every call of one client shares. */
interface Defaults {
  retry: ResolvedRetry | null;
  timeouts: TimeoutSignals | null;
  log: Log | undefined;
  secret: string;
}

function caller(transport: Transport, defaults: Defaults) {
  const { log, secret } = defaults;
  return async (send: Send, method: string, path: string, given: Init | undefined): Promise<Result> => {
    // A call's own retry and timeoutMs replace the client's (openapi-fetch hands them to Request,
    // which ignores them).
    const init = given ?? {};
    const { retry, timeoutMs, parseAs, fetch: ownFetch } = init;
    // A value deployed servers cannot store fails here, naming its key, instead of on the server.
    const problem = method === "POST" ? storedValueProblem(path, init.body) : undefined;
    if (problem) throw new UnstorableValueError(problem.keyPath, problem.rule, problem.reason, { method, path });
    const context: CallContext = {
      method,
      path,
      signal: init.signal ?? null,
      repeatable: isRepeatable(method, path, init.body),
      retry: retry === undefined ? defaults.retry : resolveRetry(retry, defaults.retry ?? undefined),
      timeouts: timeoutMs === undefined ? defaults.timeouts : resolveTimeouts(timeoutMs),
      attempts: 0,
      retryAfterMs: undefined,
      outcomeUnknown: false,
      response: undefined,
    };
    // Only a logged call is timed: without a logger the hot path reads no clock.
    const started = log && Date.now();
    let result: Result;
    try {
      // openapi-fetch reads the body as text; response-body.ts parses it by media type.
      result = await send(path, {
        ...init,
        parseAs: parseAs ?? "text",
        fetch: (request: Request) => transport(request, context, ownFetch),
      });
    } catch (error) {
      const failure = typed(error, context, secret);
      if (log) logCall(log, context, started!, context.response?.status, failure);
      throw failure;
    }
    // openapi-fetch gives `error` (possibly undefined) exactly for a non-2xx: cheaper than Response#ok.
    if ("error" in result) attachCallContext(result, context);
    // An explicit parseAs is the caller's choice of reader: the data is openapi-fetch's.
    else if (!parseAs) {
      try {
        result.data = readBody(
          result.data as string | undefined,
          expectedMediaType(method, path, init),
          context,
          secret,
        );
      } catch (error) {
        if (log) logCall(log, context, started!, result.response.status, error);
        throw error;
      }
      if (isPartialBatch(method, path, result.data)) attachCallContext(result, context);
    }
    if (log) logCall(log, context, started!, result.response.status);
    return result;
  };
}

/** A call's one debug line: never its query, headers or body. */
function logCall(log: Log, context: CallContext, started: number, status?: number, error?: unknown): void {
  const { method, path, attempts: attempt } = context;
  const name = (error as Error | undefined)?.name;
  log("debug", { method, path, status, error: name, attempt, ms: Date.now() - started }, "call");
}

/**
 * Failures that surface in openapi-fetch, after the transport returned a 2xx, become ours: a body
 * that stalls or is cut while being read (TimeoutError, ConnectionError, counting the attempts
 * made), and broken JSON read with an explicit `parseAs: "json"`. The server did act on a request
 * it answered with a 2xx, so for one that may not be repeated the lost body is an unknown outcome:
 * sending it again is what must not happen.
 *
 * A caller's abort rejects with the caller's own reason, whenever it came: here is the one place
 * that says so. What threw depends on the moment: fetch, or the body's stream mid-read, reject with
 * the reason, but a body not yet read when the abort came rejects with a DOMException `AbortError`.
 */
function typed(error: unknown, context: CallContext, secret: string): unknown {
  if (error instanceof OpenSyncError) return error;
  if (context.signal?.aborted) return context.signal.reason;
  const response = context.response;
  if (error instanceof SyntaxError && response)
    return new InvalidResponseError(
      response.status,
      response.headers,
      redact(`not JSON: ${error.message}`, secret),
      context,
    );
  let failure: TimeoutError | ConnectionError;
  if (error instanceof AttemptTimeout || (error instanceof Error && error.cause instanceof AttemptTimeout))
    failure = new TimeoutError(context.attempts, context.timeouts?.timeoutMs ?? 0, error, context);
  // The connection failed while openapi-fetch was reading a 2xx body (undici: "terminated").
  else if (error instanceof TypeError && response) failure = new ConnectionError(context.attempts, error, context);
  else return error;
  return context.repeatable ? failure : new OutcomeUnknownError(failure, context);
}
