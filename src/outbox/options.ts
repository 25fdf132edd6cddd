/**
 * The outbox's options, their defaults and environment fallbacks (the same variables as the
 * client's, plus OPENSYNC_OUTBOX_DIR).
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigurationError, type Logger, type LogLevel, type OpenSyncClient } from "opensync-api";
import { RATE_LIMITS, type RateLimitGroup, REQUEST_LIMITS } from "opensync-api/contract";
import { type OutboxClock, SYSTEM_CLOCK } from "./flush/clock.js";
import type { RateLimit } from "./flush/rate-budget.js";

/** When a spool segment is closed and the next one started: at this size, or this age. */
export const SEGMENT_BYTES = 4 * 2 ** 20;
export const SEGMENT_AGE_MS = 10 * 60_000;

export interface OutboxOptions {
  /**
   * The outbox directory, shared by every process that writes to or flushes it. Default:
   * `OPENSYNC_OUTBOX_DIR`, else a per-user state directory (`$XDG_STATE_HOME/opensync/outbox`,
   * `~/.local/state/opensync/outbox`; `~/Library/Application Support/opensync/outbox` on macOS;
   * `%LOCALAPPDATA%\opensync\outbox` on Windows).
   */
  dir?: string;
  /** The server (for flushing). Falls back to `OPENSYNC_BASE_URL`. Not needed to enqueue. */
  baseUrl?: string;
  /** An API key (for flushing). Falls back to `OPENSYNC_API_KEY`. Not needed to enqueue. */
  apiKey?: string;
  /**
   * A client to flush with, instead of baseUrl and apiKey. Create it with `retry: false`: the
   * outbox retries across processes itself, and a client that repeats a `/sync/batch` by itself
   * after a timeout can delete parts of messages on deployed servers.
   */
  client?: OpenSyncClient;
  /** Time limit of one request, in ms. Default 10000. */
  timeoutMs?: number;
  /**
   * Where the requests a flush sends are logged, as the client logs them (one debug line per
   * request, give-ups at warn; never a key, a query value or a body). `OPENSYNC_LOG` turns on a
   * stderr logger, as for the client. Not used with `client`, which logs as it was created to.
   */
  logger?: Logger;
  /** The least severe level logged (default "info", or `OPENSYNC_LOG`'s). */
  logLevel?: LogLevel;
  /**
   * A record carrying `createdAt` (a session's or a message's): "preserve" (default) sends it
   * alone through `/sync/session` or `/sync/message` while it may still be an insert, since only
   * those honour it and batches refuse it, at one request per record; "drop" leaves it out and
   * batches the record (the server then stores its own time).
   */
  createdAt?: "preserve" | "drop";
  /**
   * The rate limits to keep to, per group. Default: the spec's `x-rate-limits`. Lower them when
   * other programs share the API key.
   */
  rateLimits?: Partial<Record<RateLimitGroup, RateLimit>>;
  /** Batch limits, if the server's are lower than the spec's (REQUEST_LIMITS). */
  batchLimits?: { maxBodyBytes?: number; sessions?: number; messages?: number };
  /**
   * How long after a request with an unknown outcome (timeout, cut connection, 5xx, crash) it may
   * still land on the server; its records wait that long before being sent again or read back.
   * Default 15000 ms (longer than `timeoutMs` by default).
   */
  settleMs?: number;
  /** Largest the spool (and the flusher's journal) may grow, in bytes. Default 256 MiB. */
  maxSpoolBytes?: number;
  /** Space to leave free on the disk, in bytes. Default 64 MiB. */
  minFreeBytes?: number;
  /** A flush lock whose holder has not shown life for this long is taken over. Default 20000 ms. */
  lockStaleMs?: number;
  /** After this many 500 answers in a row to a record sent alone, it is dead-lettered. Default 5. */
  maxServerErrors?: number;
  /** How long delivered sessions and messages are remembered (to send later updates safely). Default 7 days. */
  retainMs?: number;
  /** Backoff between failed requests: first delay and cap, in ms. Default 500 and 30000. */
  backoff?: { baseMs?: number; maxMs?: number };
  /**
   * The flusher's clock (what it reads, how it waits). Default: the system's. For tests of code that
   * flushes, so that settle times, quiet windows and backoff need not be waited out in real time.
   */
  clock?: OutboxClock;
}

export interface ResolvedOutboxOptions {
  dir: string;
  timeoutMs: number;
  createdAt: "preserve" | "drop";
  rateLimits: Record<string, RateLimit>;
  batchLimits: { maxBodyBytes: number; sessions: number; messages: number };
  settleMs: number;
  maxSpoolBytes: number;
  minFreeBytes: number;
  lockStaleMs: number;
  maxServerErrors: number;
  retainMs: number;
  backoff: { baseMs: number; maxMs: number };
  clock: OutboxClock;
  /** Segments roll over past this size or age. */
  segmentBytes: number;
  segmentAgeMs: number;
}

/** The outbox directory when none is given: OPENSYNC_OUTBOX_DIR, else the per-user default of this platform. */
export function defaultOutboxDir(
  env: Record<string, string | undefined> = process.env,
  platform: string = process.platform,
): string {
  if (env.OPENSYNC_OUTBOX_DIR) return resolve(env.OPENSYNC_OUTBOX_DIR);
  if (platform === "win32") return join(env.LOCALAPPDATA || join(homedir(), "AppData", "Local"), "opensync", "outbox");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "opensync", "outbox");
  return join(env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "opensync", "outbox");
}

export function resolveOutboxOptions(options: OutboxOptions): ResolvedOutboxOptions {
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new ConfigurationError(`${name} must be a positive number`);
    return value;
  };
  if (options.createdAt !== undefined && options.createdAt !== "preserve" && options.createdAt !== "drop") {
    throw new ConfigurationError('createdAt must be "preserve" or "drop"');
  }
  const rateLimits: Record<string, RateLimit> = { ...RATE_LIMITS };
  for (const [group, limit] of Object.entries(options.rateLimits ?? {})) {
    if (!limit) continue;
    positive(`rateLimits.${group}.limit`, limit.limit, 1);
    positive(`rateLimits.${group}.windowSeconds`, limit.windowSeconds, 1);
    rateLimits[group] = { limit: limit.limit, windowSeconds: limit.windowSeconds };
  }
  return {
    dir: options.dir ? resolve(options.dir) : defaultOutboxDir(),
    timeoutMs: positive("timeoutMs", options.timeoutMs, 10_000),
    createdAt: options.createdAt ?? "preserve",
    rateLimits,
    batchLimits: {
      maxBodyBytes: positive(
        "batchLimits.maxBodyBytes",
        options.batchLimits?.maxBodyBytes,
        REQUEST_LIMITS.maxBodyBytes,
      ),
      sessions: positive("batchLimits.sessions", options.batchLimits?.sessions, REQUEST_LIMITS.batchSessions),
      messages: positive("batchLimits.messages", options.batchLimits?.messages, REQUEST_LIMITS.batchMessages),
    },
    settleMs: positive("settleMs", options.settleMs, 15_000),
    maxSpoolBytes: positive("maxSpoolBytes", options.maxSpoolBytes, 256 * 2 ** 20),
    minFreeBytes: options.minFreeBytes === 0 ? 0 : positive("minFreeBytes", options.minFreeBytes, 64 * 2 ** 20),
    lockStaleMs: positive("lockStaleMs", options.lockStaleMs, 20_000),
    maxServerErrors: positive("maxServerErrors", options.maxServerErrors, 5),
    retainMs: positive("retainMs", options.retainMs, 7 * 24 * 3_600_000),
    backoff: {
      baseMs: positive("backoff.baseMs", options.backoff?.baseMs, 500),
      maxMs: positive("backoff.maxMs", options.backoff?.maxMs, 30_000),
    },
    clock: options.clock ?? SYSTEM_CLOCK,
    segmentBytes: SEGMENT_BYTES,
    segmentAgeMs: SEGMENT_AGE_MS,
  };
}
