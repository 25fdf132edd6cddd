/**
 * One flush run, under the lock: plan (planner.ts), then send (sender.ts) or read back
 * (read-back.ts), one request at a time, each paced by its rate-limit group, until nothing of this
 * destination is pending, the deadline comes or the signal aborts; then compact the spool.
 */
import type { OpenSyncClient } from "opensync-api";
import type { FlushFailure } from "../failure.js";
import type { OutboxLayout } from "../layout.js";
import type { ResolvedOutboxOptions } from "../options.js";
import type { KeyedSession, MessageUpsert } from "../records.js";
import type { Quarantine } from "../spool/quarantine.js";
import type { Spool, SpoolRecord } from "../spool/spool.js";
import { appendDeadLetters, type DeadLetter } from "../state/dead-letter.js";
import type { DeliveryEvent } from "../state/delivery-state.js";
import type { Journal } from "../state/journal.js";
import { prune } from "../state/state-snapshot.js";
import { type Batch, packBatch } from "./batch-packing.js";
import type { OutboxClock } from "./clock.js";
import type { FlushLock } from "./flush-lock.js";
import type { FlushReport } from "./flusher.js";
import { Pacing } from "./pacing.js";
import {
  alreadyStored,
  type Delivery,
  dueVerifications,
  type FoldCache,
  nextSingle,
  type Plan,
  planDeliveries,
} from "./planner.js";
import { rateAllowance, rateWait, windowMarginMs } from "./rate-budget.js";
import { ReadBack } from "./read-back.js";
import { type RunContext, StopFlush } from "./run-context.js";
import { addDone, emptyAck } from "./send-decision.js";
import { Sender } from "./sender.js";

/** Sessions read back at once (within the rate limit). */
const VERIFY_CONCURRENCY = 4;
/** The planner runs again at least this often while waiting, to pick up new records. */
const POLL_MS = 1000;
/** The journal's log is folded into a new snapshot past this size. */
const CHECKPOINT_LOG_BYTES = 1024 * 1024;

export interface RunParts {
  layout: OutboxLayout;
  config: ResolvedOutboxOptions;
  makeClient: () => OpenSyncClient;
  journal: Journal;
  spool: Spool;
  quarantine: Quarantine;
  lock: FlushLock;
  report: FlushReport;
  deadline: number;
  signal: AbortSignal | undefined;
  /** Whether a record is this flush's to deliver (its destination's, or bound to none). */
  mine: (record: SpoolRecord) => boolean;
}

export class FlushRun implements RunContext {
  readonly config: ResolvedOutboxOptions;
  readonly journal: Journal;
  readonly report: FlushReport;
  readonly signal: AbortSignal | undefined;
  readonly deadline: number;
  readonly pacing: Pacing;
  readonly clock: OutboxClock;
  private readonly sender: Sender;
  private readonly readBack: ReadBack;
  private readonly folds: FoldCache = new Map();
  private preferSingle = false;

  constructor(private readonly parts: RunParts) {
    ({ config: this.config, journal: this.journal, report: this.report, signal: this.signal } = parts);
    this.deadline = parts.deadline;
    this.clock = parts.config.clock;
    this.pacing = new Pacing(parts.config.backoff);
    this.sender = new Sender(this);
    this.readBack = new ReadBack(this);
  }

  private get state() {
    return this.journal.state;
  }

  client(): OpenSyncClient {
    return this.parts.makeClient();
  }

  async checkLock(): Promise<void> {
    if (!(await this.parts.lock.held())) throw new StopFlush("another process took the flush lock over");
  }

  noteFailure(failure: FlushFailure | undefined): void {
    if (failure) this.report.lastError = failure;
  }

  async deliver(): Promise<void> {
    try {
      for (;;) {
        if (this.signal?.aborted) return;
        await this.parts.spool.refresh();
        this.report.damaged += await this.parts.quarantine.keep(this.parts.spool.damaged());
        const now = this.clock.now();
        const plan = planDeliveries([...this.parts.spool.records()].filter(this.parts.mine), this.state, now, {
          settleMs: this.config.settleMs,
          createdAt: this.config.createdAt,
          unverifiable: this.readBack.unverifiable,
          cache: this.folds,
        });
        this.report.pending = plan.pending;
        if (plan.pending === 0) return;
        const stored = alreadyStored(plan);
        if (stored.length > 0) {
          // Nothing is written: the records are done, and what the server holds is as it was.
          const ack = emptyAck(now);
          for (const d of stored) for (const record of d.records) addDone(ack.done, record);
          this.report.unchanged += stored.reduce((n, d) => n + d.records.length, 0);
          await this.journal.record(ack, true);
          continue;
        }
        if (!(await this.step(plan, now))) return;
      }
    } catch (error) {
      if (error instanceof StopFlush) return;
      if (this.signal?.aborted && error === this.signal.reason) return;
      throw error;
    }
  }

  /** Sends one request, or waits for one to become possible. False when the flush should end. */
  private async step(plan: Plan, now: number): Promise<boolean> {
    // Reads first: they write nothing, and use their own rate-limit group.
    const verifications = dueVerifications(plan, now);
    const readWait = Math.max(this.groupWait("api", now), this.pacing.until("api") - now);
    if (verifications.size > 0 && readWait <= 0) {
      const due = [...verifications];
      // A session whose id is unknown is looked up first, alone: one listing serves them all.
      const batch =
        this.state.sessions.get(due[0]![0])?.serverId === undefined
          ? due.slice(0, 1)
          : due.filter(([s]) => this.state.sessions.get(s)?.serverId !== undefined);
      const allowed = Math.max(
        1,
        Math.min(VERIFY_CONCURRENCY, rateAllowance(this.state, "api", this.config.rateLimits.api, now)),
      );
      await Promise.all(batch.slice(0, allowed).map(([session, messages]) => this.readBack.verify(session, messages)));
      return true;
    }
    const batch = this.nextBatch(plan, now);
    const single = nextSingle(plan, now);
    const hasBatch = batch.sessions.length + batch.messages.length > 0;
    if (!hasBatch && !single) {
      const wake = Math.min(plan.nextReadyAt ?? Infinity, verifications.size > 0 ? now + readWait : Infinity);
      if (wake === Infinity) return false;
      return this.waitUntil(wake);
    }
    const wait = Math.max(this.groupWait("sync", now), this.pacing.until("sync") - now);
    if (wait > 0)
      return this.waitUntil(Math.min(now + wait, verifications.size > 0 ? now + Math.max(readWait, 0) : Infinity));
    const useSingle = single !== undefined && (!hasBatch || this.preferSingle);
    this.preferSingle = !useSingle;
    if (useSingle) await this.sender.sendSingle(single);
    else await this.sender.sendBatch(batch);
    return true;
  }

  /** Sleeps towards `at` (at most POLL_MS, to see new records); false if `at` is past the deadline. */
  private async waitUntil(at: number): Promise<boolean> {
    if (at > this.deadline) return false;
    await this.clock.sleep(Math.min(at - this.clock.now(), POLL_MS), this.signal);
    return true;
  }

  private groupWait(group: string, now: number): number {
    return rateWait(this.state, group, this.config.rateLimits[group], now);
  }

  private nextBatch(plan: Plan, now: number): Batch {
    const limits = this.config.batchLimits;
    const splits = this.sender.splits;
    while (splits.length > 0) {
      const batch = packBatch(plan, now, limits, splits[splits.length - 1]);
      splits.pop();
      if (batch.sessions.length + batch.messages.length > 0) return batch;
    }
    return packBatch(plan, now, limits);
  }

  async deadLetter(refused: [Delivery, string][]): Promise<void> {
    if (refused.length === 0) return;
    const now = new Date().toISOString();
    const letters: DeadLetter[] = refused.map(([d, error]) => ({
      at: now,
      kind: d.kind,
      externalId: d.key,
      error,
      record: d.body,
      versions: d.records.length,
    }));
    await appendDeadLetters(this.parts.layout.deadLetter, letters);
    const event: DeliveryEvent & { e: "reject" } = { e: "reject", done: [], s: [], m: [] };
    for (const [d] of refused) {
      for (const record of d.records) addDone(event.done, record);
      (d.kind === "session" ? event.s : event.m).push(d.key);
      this.report.rejected += d.records.length;
    }
    await this.journal.record(event, true);
  }

  /** Removes finished segments, forgets what no one needs, and snapshots the journal when its log is long. */
  async compact(): Promise<void> {
    const { spool, quarantine } = this.parts;
    const done = this.state.done;
    const removed = await spool.compact(
      (r) => done.get(r.segment)?.has(r.offset) === true,
      this.config.segmentAgeMs * 2,
      (line) => quarantine.has(line),
    );
    if (removed.length > 0) await this.journal.record({ e: "segmentsRemoved", segments: removed }, true);
    // A snapshot rewrites the whole state (every key remembered for retainMs): only once the log is long.
    if (this.journal.pendingLogBytes < CHECKPOINT_LOG_BYTES) return;
    const pendingKeys = { sessions: new Set<string>(), messages: new Set<string>() };
    for (const record of spool.records()) {
      if (done.get(record.segment)?.has(record.offset)) continue;
      if (record.kind === "session") pendingKeys.sessions.add((record.body as KeyedSession).externalId);
      else pendingKeys.messages.add((record.body as MessageUpsert).externalId);
    }
    const longestWindow = Math.max(
      ...Object.values(this.config.rateLimits).map((l) => l.windowSeconds * 1000 + windowMarginMs(l)),
    );
    prune(
      this.state,
      this.clock.now(),
      this.config.retainMs,
      new Set(spool.segments.keys()),
      pendingKeys,
      longestWindow,
    );
    await this.journal.checkpoint();
  }
}
