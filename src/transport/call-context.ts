/**
 * Everything one call knows about itself, in one object that lives as long as the call: what the
 * façade decided before sending (which request, whether it may be repeated), what the transport
 * learnt while sending (attempts, the server's Retry-After, whether the outcome is unknown), and
 * the final response. Errors are built from it; a failed result carries it (see ../client/attached-context.ts).
 */
import type { CallInfo } from "../errors/call.js";
import type { ResolvedRetry } from "./retry-options.js";
import type { TimeoutSignals } from "./timeouts.js";

export interface CallContext extends CallInfo {
  /** Upper case, e.g. `POST`. */
  readonly method: string;
  /** The spec's path, e.g. `/sync/batch`: no base path, no query. */
  readonly path: string;
  /**
   * The caller's own signal, or null when there is none. A Request always has a signal (one that
   * follows the caller's), so only this says whether there is a caller to join a timeout with.
   */
  readonly signal: AbortSignal | null;
  /** Whether sending this request twice is harmless (see repeatability.ts). */
  readonly repeatable: boolean;
  /** This call's retry policy (the client's, or the call's own `retry`); null for one attempt. */
  readonly retry: ResolvedRetry | null;
  /** This call's per-attempt timeouts (the client's, or the call's own `timeoutMs`); null for none. */
  readonly timeouts: TimeoutSignals | null;
  /** Attempts made so far. */
  attempts: number;
  /** The last response's Retry-After, in ms, when it gave a usable one. */
  retryAfterMs: number | undefined;
  /** The request could not be repeated and failed after it may have been acted on (a 5xx). */
  outcomeUnknown: boolean;
  /** The response the call ended with (a 2xx's body is read after the transport returned). */
  response: Response | undefined;
}
