/**
 * opensync-api/outbox: a durable on-disk outbox for sessions and messages (Node only).
 *
 * ```ts
 * const outbox = createOutbox({ dir, baseUrl, apiKey });
 * await outbox.session({ externalId, title });          // resolves once on disk
 * await outbox.message({ sessionExternalId, externalId, role, parts });
 * const { sent, pending, rejected } = await outbox.flush({ deadlineMs: 30_000 });
 * await outbox.close();
 * ```
 *
 * Producers append records to the spool and return in milliseconds; a flusher (this process, or
 * `opensync-outbox flush` spawned by a hook) delivers them in batches, paced by the rate limits,
 * across crashes and restarts. A record is acknowledged only once the server stored it; one the
 * server refuses ends in dead-letter.jsonl with the server's message.
 */
import { createOpenSyncClient, type OpenSyncClient, type UndefinedWhereOptional } from "opensync-api";
import { destinationOf } from "./destination.js";
import { OutboxClosedError } from "./errors.js";
import { spawnDetachedFlush } from "./flush/background-flush.js";
import { type FlushOptions, type FlushReport, flushOutbox } from "./flush/flusher.js";
import { layoutOf } from "./layout.js";
import { encodeJsonLine } from "./line-codec.js";
import { type OutboxOptions, resolveOutboxOptions } from "./options.js";
import {
  type MessageUpsert,
  type Prepared,
  prepareMessage,
  prepareSession,
  type RecordLine,
  recordLineJson,
  type SessionUpsert,
} from "./records.js";
import { SegmentWriter } from "./spool/segment-writer.js";
import { type OutboxStatus, readOutboxStatus } from "./state/status.js";

export { OutboxClosedError, OutboxFullError, OutboxRecordError } from "./errors.js";
export type { FlushFailure } from "./failure.js";
export { describeFailure } from "./failure.js";
export { appendFlushLog } from "./flush/flush-log.js";
export type { FlushOptions, FlushReport } from "./flush/flusher.js";
export type { OutboxOptions } from "./options.js";
export { defaultOutboxDir } from "./options.js";
export type { MessageUpsert, SessionUpsert } from "./records.js";
export type { QuarantinedLine } from "./spool/quarantine.js";
export type { DeadLetter } from "./state/dead-letter.js";
export { readDeadLetters } from "./state/dead-letter.js";
export { type RequeueResult, requeueDeadLetters } from "./state/requeue.js";
export type { OutboxStatus, PendingForDestination } from "./state/status.js";
export { OutboxMissingError, readOutboxStatus } from "./state/status.js";

export interface Outbox {
  /** The outbox directory (absolute). */
  readonly dir: string;
  /**
   * Enqueues a session upsert; resolves once it is on disk. An optional field may be `undefined`
   * (`title: text || undefined`): it is left out, as JSON would.
   */
  session(session: UndefinedWhereOptional<SessionUpsert>): Promise<void>;
  /** Enqueues a message upsert; resolves once it is on disk. Optional fields as for `session()`. */
  message(message: UndefinedWhereOptional<MessageUpsert>): Promise<void>;
  /**
   * Delivers what is pending for this outbox's server and account, as the only flusher of the
   * directory (waiting for another process's flush to finish, up to the deadline, unless
   * `wait: false`). Rejects only when nothing can succeed (a bad key or URL).
   */
  flush(options?: FlushOptions): Promise<FlushReport>;
  /**
   * Starts `opensync-outbox flush` for this directory in a detached process and returns its pid at
   * once: a hook calls it, then exits. It flushes with the baseUrl and apiKey given here, else the
   * environment's (a `client` cannot be handed to another process).
   */
  flushInBackground(options?: { deadlineMs?: number }): number | undefined;
  /** Pending (per destination), rejected and damaged counts, the oldest pending record's age, the last error. */
  status(): Promise<OutboxStatus>;
  /** Waits for pending appends, stops a flush in progress, releases the files. */
  close(): Promise<void>;
}

export function createOutbox(options: OutboxOptions = {}): Outbox {
  const config = resolveOutboxOptions(options);
  const layout = layoutOf(config.dir);
  const writer = new SegmentWriter({
    spoolDir: layout.spool,
    measuredDirs: [layout.spool, layout.journal],
    maxSpoolBytes: config.maxSpoolBytes,
    minFreeBytes: config.minFreeBytes,
    segmentBytes: config.segmentBytes,
    segmentAgeMs: config.segmentAgeMs,
  });
  // Where records go: the server and account given, else the environment's (unless a `client` was
  // given: its server and key cannot be read from it). Records of no destination go with any flush.
  const fromEnv = options.client === undefined;
  const destination = destinationOf(
    options.baseUrl ?? (fromEnv ? process.env.OPENSYNC_BASE_URL : undefined),
    options.apiKey ?? (fromEnv ? process.env.OPENSYNC_API_KEY : undefined),
  );
  // Enqueueing needs no server: the client is made when a flush needs it, unless its options were
  // given (then a mistake in them is reported here, at once).
  let client: OpenSyncClient | undefined = options.client;
  const makeClient = () =>
    (client ??= createOpenSyncClient({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      retry: false,
      timeoutMs: config.timeoutMs,
      logger: options.logger,
      logLevel: options.logLevel,
    }));
  if (options.baseUrl !== undefined || options.apiKey !== undefined) makeClient();

  const stop = new AbortController();
  let flushing: Promise<FlushReport> | undefined;
  let closed = false;

  const append = (kind: RecordLine["k"], record: Prepared<SessionUpsert | MessageUpsert>) => {
    if (closed) return Promise.reject(new OutboxClosedError("the outbox is closed"));
    return writer.append(encodeJsonLine(recordLineJson(kind, Date.now(), record.json, destination?.key)));
  };

  return {
    dir: config.dir,
    async session(session) {
      return append("s", prepareSession(session));
    },
    async message(message) {
      return append("m", prepareMessage(message));
    },
    flush(flushOptions = {}) {
      if (closed) return Promise.reject(new OutboxClosedError("the outbox is closed"));
      if (flushing) return flushing;
      const signal = flushOptions.signal ? AbortSignal.any([flushOptions.signal, stop.signal]) : stop.signal;
      flushing = flushOutbox(layout, config, makeClient, destination, { ...flushOptions, signal }).finally(
        () => (flushing = undefined),
      );
      return flushing;
    },
    flushInBackground(backgroundOptions = {}) {
      return spawnDetachedFlush({
        dir: config.dir,
        baseUrl: options.baseUrl,
        apiKey: options.apiKey,
        deadlineMs: backgroundOptions.deadlineMs,
      });
    },
    status() {
      return readOutboxStatus(config.dir, { missingOk: true });
    },
    async close() {
      if (closed) return;
      closed = true;
      stop.abort(new OutboxClosedError("the outbox was closed during the flush"));
      await flushing?.catch(() => {});
      await writer.close();
    },
  };
}
