/**
 * A flush: take the lock, then deliver this destination's records (flush-run.ts) until none is
 * pending, the deadline comes or the signal aborts. Records are done only once the server said it
 * stored them (send-decision.ts). Records bound to another destination (another server or account)
 * are left for a flush of theirs and counted as `elsewhere`.
 *
 * One flusher at a time per directory: with `wait: false`, a flush that finds a live holder of its
 * own destination returns at once (`busy`), and the holder, before it lets go, looks once more for
 * records enqueued while it ran. An outage therefore never piles up waiting processes.
 */
import { rm } from "node:fs/promises";
import type { OpenSyncClient } from "opensync-api";
import type { Destination } from "../destination.js";
import { ensureDirectory, replaceFile } from "../durable-fs.js";
import { type FlushFailure, failureOf } from "../failure.js";
import type { OutboxLayout } from "../layout.js";
import type { ResolvedOutboxOptions } from "../options.js";
import { Quarantine } from "../spool/quarantine.js";
import { Spool, type SpoolRecord } from "../spool/spool.js";
import { Journal } from "../state/journal.js";
import { pendingCount } from "../state/pending.js";
import { acquireFlushLock, lockHolderDestination } from "./flush-lock.js";
import { FlushRun } from "./flush-run.js";

export interface FlushOptions {
  /** Stops the flush at once (a request in progress is cut; its records count as in flight). */
  signal?: AbortSignal;
  /** Stop starting requests after this many ms (default: until nothing is pending). */
  deadlineMs?: number;
  /**
   * When another process is flushing the directory: wait for it until the deadline (true, the
   * default), or, when it flushes the same destination (and so delivers these records), return at
   * once with `busy` (false).
   */
  wait?: boolean;
}

export interface FlushReport {
  /** Records the server confirmed storing during this flush (each enqueued version counts). */
  sent: number;
  /** Records identical to what this destination last stored: done without a request. */
  unchanged: number;
  /** Records of this flush's destination still to deliver. */
  pending: number;
  /** Records pending for other destinations (another server or account): not this flush's to send. */
  elsewhere: number;
  /** Records dead-lettered during this flush. */
  rejected: number;
  /** Damaged spool lines moved to quarantine.jsonl during this flush. */
  damaged: number;
  /** Requests this flush sent. */
  requests: number;
  /** Another process held the flush lock (until the deadline, or at once with `wait: false`); this one sent nothing. */
  busy?: true;
  /** The last request that failed in this flush, and why. */
  lastError?: FlushFailure;
}

export async function flushOutbox(
  layout: OutboxLayout,
  config: ResolvedOutboxOptions,
  client: () => OpenSyncClient,
  destination: Destination | undefined,
  options: FlushOptions = {},
): Promise<FlushReport> {
  const clock = config.clock;
  const deadline = options.deadlineMs === undefined ? Infinity : clock.now() + options.deadlineMs;
  const report: FlushReport = { sent: 0, unchanged: 0, pending: 0, elsewhere: 0, rejected: 0, damaged: 0, requests: 0 };
  const key = destination?.key ?? "";
  const mine = (record: SpoolRecord) => record.destination === undefined || record.destination === key;
  const spool = new Spool(layout.spool);
  await ensureDirectory(layout.dir);
  const finish = async () => {
    await spool.refresh();
    const { byDestination } = await pendingCount(layout, spool);
    report.pending = (byDestination.get("") ?? 0) + (key === "" ? 0 : (byDestination.get(key) ?? 0));
    report.elsewhere = [...byDestination].reduce((n, [k, count]) => (k === "" || k === key ? n : n + count), 0);
    return report;
  };
  for (;;) {
    // The lock's waits are the system's: its holder's heartbeat is real time.
    const lockOptions = { signal: options.signal, staleMs: config.lockStaleMs, destination: key };
    const waitMs = deadline - clock.now();
    let lock = await acquireFlushLock(layout.lock, {
      ...lockOptions,
      deadline: options.wait === false ? Date.now() : Date.now() + waitMs,
    });
    // Not waiting is for a holder that delivers these records itself: one of another destination
    // does not, so for it this flush waits its turn.
    if (!lock && options.wait === false && (await lockHolderDestination(layout.lock)) !== key)
      lock = await acquireFlushLock(layout.lock, { ...lockOptions, deadline: Date.now() + waitMs });
    if (!lock) {
      if (report.sent === 0 && report.rejected === 0) report.busy = true;
      return finish();
    }
    let journal: Journal | undefined;
    try {
      await spool.repair();
      journal = await Journal.open(layout, key);
      const quarantine = await Quarantine.open(layout.quarantine);
      const run = new FlushRun({
        layout,
        config,
        makeClient: client,
        journal,
        spool,
        quarantine,
        lock,
        report,
        deadline,
        signal: options.signal,
        mine,
      });
      await run.deliver();
      // Not after the lock was taken over: the other flusher owns the spool now.
      if (await lock.held()) await run.compact();
    } catch (error) {
      // A flush that cannot succeed (a refused key, a wrong URL) says why in `status` too.
      report.lastError = failureOf(error, clock.now());
      await rememberFailure(layout.lastError, { ...report, pending: 1 }, destination).catch(() => {});
      throw error;
    } finally {
      await journal?.close();
      await lock.release();
    }
    // Records enqueued while this flush was finishing may have found the lock taken and left
    // them to it: look once more now that it is free.
    if (!(await spool.refresh()) || clock.now() >= deadline || options.signal?.aborted) {
      await finish();
      await rememberFailure(layout.lastError, report, destination);
      return report;
    }
  }
}

/** last-error.json: why the last flush that left records pending failed, for `status`; gone once one delivers all. */
async function rememberFailure(path: string, report: FlushReport, destination: Destination | undefined) {
  if (report.pending === 0) await rm(path, { force: true });
  else if (report.lastError) {
    await replaceFile(path, JSON.stringify({ ...report.lastError, server: destination?.url }));
  }
}
