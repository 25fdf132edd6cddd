/**
 * The client's options, and their checks: everything that can be wrong with a URL, a key, a retry
 * policy or a timeout is reported here (resolveClientOptions), before any network call, without ever
 * echoing the key.
 */

import { ConfigurationError } from "../errors/configuration-error.js";
import type { RetryEvent } from "../transport/create-transport.js";
import { consoleLogger, createLog, type Log, type Logger, type LogLevel } from "../transport/log.js";
import { type ResolvedRetry, type RetryOptions, resolveRetry } from "../transport/retry-options.js";
import { TimeoutSignals } from "../transport/timeouts.js";
import { isLoopback } from "../utils/loopback.js";
import { redact } from "../utils/redact.js";

export interface OpenSyncClientOptions {
  /**
   * The server, e.g. `https://<deployment>.convex.site` or the sandbox's URL. Falls back to
   * `OPENSYNC_BASE_URL`. A `.convex.cloud` URL (the Convex client URL people copy by mistake) is
   * turned into the matching `.convex.site` URL, where the HTTP API lives.
   */
  baseUrl?: string | undefined;
  /** An OpenSync API key (`osk_...`). Falls back to `OPENSYNC_API_KEY`. */
  apiKey?: string | undefined;
  /** A WorkOS access token (JWT) instead of an API key; `GET /api/export/evals` needs one. */
  accessToken?: string | undefined;
  /** Retry policy, or `false` for a single attempt per call. */
  retry?: RetryOptions | false | undefined;
  /**
   * Time limit of one attempt, headers and body included. Default 30000 ms. `false` turns attempt
   * timeouts off (a hanging server then hangs the call until your own signal aborts it).
   */
  timeoutMs?: number | false | undefined;
  /** The fetch to send with. Default: the global fetch, as it is when the client is created. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Called before each retry; for metrics (the `logger` logs retries already). */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * Where the client logs: any object with `debug`, `info`, `warn` and `error` taking
   * `(fields, message)`, as pino does. Without one, `OPENSYNC_LOG` (where there is a process
   * environment) turns on a logger that writes one line per event to stderr. Lines carry the
   * method, the spec's path, status, attempt and milliseconds: never the key, a token, a query or a body.
   */
  logger?: Logger | undefined;
  /**
   * The least severe level logged: `debug` (one line per call), `info` (retries, the default),
   * `warn` (give-ups: retries used up or a Retry-After too long), `silent`. Falls back to `OPENSYNC_LOG`.
   */
  logLevel?: LogLevel | undefined;
  /**
   * Allow an `apiKey` in a browser page. Off: a key in a page can be read by anyone who opens it,
   * and it reads every session of its account. An `accessToken` (a user's own) is always allowed.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Allow `http://` to a host other than loopback. Off: the key would cross the network in clear. */
  allowInsecureHttp?: boolean | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Every option a client runs with, checked, with its defaults and environment fallbacks applied. */
export interface ResolvedClientOptions {
  baseUrl: string;
  credential: string;
  timeouts: TimeoutSignals | null;
  retry: ResolvedRetry | null;
  fetch: typeof globalThis.fetch;
  onRetry: ((event: RetryEvent) => void) | undefined;
  log: Log | undefined;
}

/** The one place the client's options are checked and completed; throws a ConfigurationError. */
export function resolveClientOptions(options: OpenSyncClientOptions): ResolvedClientOptions {
  const { baseUrl } = resolveBaseUrl(options);
  const credential = resolveCredential(options);
  const timeouts = resolveTimeouts(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const retry = resolveRetry(options.retry);
  const fetch = options.fetch ?? globalThis.fetch;
  if (typeof fetch !== "function") throw new ConfigurationError("no fetch available: pass { fetch }");
  return { baseUrl, credential, timeouts, retry, fetch, onRetry: options.onRetry, log: resolveLog(options) };
}

/** Per-attempt timeouts for a `timeoutMs` option (the client's or a call's), checked; null when it is `false`. */
export function resolveTimeouts(timeoutMs: number | false): TimeoutSignals | null {
  if (timeoutMs !== false && (!Number.isFinite(timeoutMs) || timeoutMs <= 0))
    throw new ConfigurationError("timeoutMs must be a positive number, or false");
  return timeoutMs === false ? null : new TimeoutSignals(timeoutMs);
}

// \w is [A-Za-z0-9_]: with -, the base64url alphabet.
const API_KEY = /^osk_[\w-]{8,}$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * `process.env` where there is one (Node, Bun, Deno's compat); nothing in browsers and workers,
 * nor in Deno without `--allow-env` (where reading it throws NotCapable).
 */
function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  try {
    return proc?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server's URL, checked, and `basePath`: the path it adds in front of the API's paths ("" for
 * most deployments).
 */
export function resolveBaseUrl(options: OpenSyncClientOptions): { baseUrl: string; basePath: string } {
  const raw = options.baseUrl ?? env("OPENSYNC_BASE_URL");
  if (!raw) throw new ConfigurationError("baseUrl is required: pass { baseUrl } or set OPENSYNC_BASE_URL");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Echo the value to help, but not when it is the credential given in the wrong place (redact
    // removes anything shaped like an API key; a JWT is only known by value).
    throw new ConfigurationError(
      `baseUrl is not a valid URL: ${JSON.stringify(redact(raw.slice(0, 200), options.accessToken))}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`baseUrl must be http(s), not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError("baseUrl must not carry credentials, a query or a fragment");
  }
  // A .convex.cloud URL is the Convex client's; the HTTP API is on the matching .convex.site.
  url.hostname = url.hostname.replace(/\.convex\.cloud$/, ".convex.site");
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
    throw new ConfigurationError(
      `baseUrl ${url.origin}: plain http to a non-loopback host would send the key unencrypted. Use https, or pass ` +
        `allowInsecureHttp: true`,
    );
  }
  const basePath = url.pathname.replace(/\/+$/, "");
  return { baseUrl: url.origin + basePath, basePath };
}

/** The log the options ask for; undefined when nothing is to be logged. */
export function resolveLog(options: OpenSyncClientOptions): Log | undefined {
  const fromEnv = env("OPENSYNC_LOG");
  return createLog(options.logger ?? (fromEnv ? consoleLogger : undefined), options.logLevel ?? fromEnv ?? "info");
}

/** The API key or access token, checked. */
export function resolveCredential(options: OpenSyncClientOptions): string {
  if (options.apiKey !== undefined && options.accessToken !== undefined) {
    throw new ConfigurationError("pass apiKey or accessToken, not both");
  }
  if (options.accessToken !== undefined) {
    if (typeof options.accessToken !== "string" || !JWT.test(options.accessToken)) {
      throw new ConfigurationError("accessToken is not a JWT (three base64url parts separated by dots)");
    }
    return options.accessToken;
  }
  // A page's globals: a window with a document (not Deno, Bun, workers or Node).
  if (options.apiKey !== undefined && !options.dangerouslyAllowBrowser && typeof document === "object") {
    throw new ConfigurationError(
      "apiKey in a browser page: anyone who opens it can read the key. Pass dangerouslyAllowBrowser: true to allow",
    );
  }
  const key = options.apiKey ?? env("OPENSYNC_API_KEY");
  if (key === undefined || key === "") {
    throw new ConfigurationError("apiKey is required: pass { apiKey } or set OPENSYNC_API_KEY");
  }
  if (typeof key !== "string" || !API_KEY.test(key)) {
    // Never echo the value: it may be a real key with a typo.
    throw new ConfigurationError(
      "apiKey is malformed: expected osk_ followed by letters, digits, _ or - (36 characters in all)",
    );
  }
  return key;
}
