/**
 * A flush: take the lock, then send until the spool is empty, the deadline comes or the signal
 * aborts, one request at a time, each paced by its rate-limit group. Each request is preceded by
 * a synced journal event naming what it carries (so a crash leaves those records "in flight",
 * never "new"), and followed by a synced event saying what the server stored. Records are done
 * only once the server said it stored them: a 2xx, not named in `errors`, with counts that add up.
 *
 * What comes back (classify.ts, batch-result.ts):
 *   stored              the records are done
 *   array refused       (a 200 with "Sessions/Messages batch error", or a 400/413 for the whole
 *                       request) the array is split in two, at the index the server named when it
 *                       named one, and each half is sent on its own; a single refused record is
 *                       dead-lettered with the server's message. Its batch-mates are delivered.
 *   one message failed  dead-lettered with its message; the others are stored
 *   sessions skipped    (count lower than sent: deployed servers' 10 s rule) sent again once quiet
 *   429                 nothing was written: wait Retry-After (shared with later flushers)
 *   never sent          back off and try again
 *   unknown             the records stay in flight: after `settleMs` they are sent again in a way
 *                       that cannot lose data (planner.ts), or read back first (verify below)
 *   configuration       (401, 403, 404) stop: flush() rejects with the client's error
 */
import type { OpenSyncClient } from "opensync-api";
import type { components } from "opensync-api/schema";
import { sleep } from "../utils/sleep.js";
import { readBatchResult } from "./batch-result.js";
import { type Outcome, outcomeOf } from "./classify.js";
import { appendDeadLetters, type DeadLetter } from "./dead-letter.js";
import { type DeliveryEvent, prune } from "./delivery-state.js";
import { MESSAGE_QUIET_MS, WINDOW_MARGIN_MS } from "./deployed-rules.js";
import { ensureDirectory } from "./durable-fs.js";
import { acquireFlushLock, type FlushLock } from "./flush-lock.js";
import { storedMatches } from "./fold.js";
import { Journal, readDeliveryState } from "./journal.js";
import type { OutboxLayout } from "./layout.js";
import type { ResolvedOutboxOptions } from "./options.js";
import {
  alreadyStored,
  type Batch,
  type Delivery,
  dueVerifications,
  type FoldCache,
  jsonOf,
  nextSingle,
  type Plan,
  packBatch,
  planDeliveries,
} from "./planner.js";
import { rateAllowance, rateWait, windowMarginMs } from "./rate-budget.js";
import type { KeyedSession, MessageUpsert, SessionUpsert } from "./records.js";
import { Spool, type SpoolRecord } from "./spool.js";

type Schemas = components["schemas"];

export interface FlushOptions {
  /** Stops the flush at once (a request in progress is cut; its records count as in flight). */
  signal?: AbortSignal;
  /** Stop starting requests after this many ms (default: until the spool is empty). */
  deadlineMs?: number;
}

export interface FlushReport {
  /** Records the server stored during this flush (each enqueued version counts). */
  sent: number;
  /** Records still to deliver. */
  pending: number;
  /** Records dead-lettered during this flush. */
  rejected: number;
  /** Requests this flush sent. */
  requests: number;
  /** Another process held the flush lock until the deadline; this one sent nothing. */
  busy?: true;
}

const MESSAGE_WAIT = MESSAGE_QUIET_MS + WINDOW_MARGIN_MS;
/**
 * Read-backs of one session answered with a 500 (the server failing on that read, e.g. a session
 * too large for deployed servers' per-call limits) before its messages are sent alone instead.
 * Other failures (a proxy's 502, a cut connection) are retried for as long as the flush lasts.
 */
const VERIFY_ATTEMPTS = 10;
/** Sessions read back at once (within the rate limit). */
const VERIFY_CONCURRENCY = 4;
/** Pages of `/api/sessions` read to find a session's id. */
const LIST_PAGES = 5;
/** The planner runs again at least this often while waiting, to pick up new records. */
const POLL_MS = 1000;
/** The journal's log is folded into a new snapshot past this size. */
const CHECKPOINT_LOG_BYTES = 1024 * 1024;

class StopFlush extends Error {}

export async function flushOutbox(
  layout: OutboxLayout,
  config: ResolvedOutboxOptions,
  client: () => OpenSyncClient,
  options: FlushOptions = {},
): Promise<FlushReport> {
  const deadline = options.deadlineMs === undefined ? Infinity : Date.now() + options.deadlineMs;
  const report: FlushReport = { sent: 0, pending: 0, rejected: 0, requests: 0 };
  const spool = new Spool(layout.spool);
  await ensureDirectory(layout.dir);
  for (;;) {
    const lock = await acquireFlushLock(layout.lock, { deadline, signal: options.signal, staleMs: config.lockStaleMs });
    if (!lock) {
      await spool.refresh();
      report.pending = (await pendingCount(layout, spool)).pending;
      if (report.sent === 0 && report.rejected === 0) report.busy = true;
      return report;
    }
    let journal: Journal | undefined;
    try {
      await spool.repair();
      journal = await Journal.open(layout);
      const run = new FlushRun(layout, config, client, journal, spool, lock, report, deadline, options.signal);
      await run.deliver();
      // Not after the lock was taken over: the other flusher owns the spool now.
      if (await lock.held()) await run.compact();
    } finally {
      await journal?.close();
      await lock.release();
    }
    // Records enqueued while this flush was finishing may have found the lock taken and left
    // them to it: look once more now that it is free.
    if (!(await spool.refresh()) || Date.now() >= deadline || options.signal?.aborted) {
      report.pending = (await pendingCount(layout, spool)).pending;
      return report;
    }
  }
}

/** Records not done, and the enqueue time of the oldest, from a read-only look at the journal. */
export async function pendingCount(
  layout: OutboxLayout,
  spool: Spool,
): Promise<{ pending: number; oldest: number | undefined; inFlight: number }> {
  const state = await readDeliveryState(layout);
  let pending = 0;
  let oldest: number | undefined;
  for (const record of spool.records()) {
    if (state.done.get(record.segment)?.has(record.offset)) continue;
    pending++;
    if (oldest === undefined || record.t < oldest) oldest = record.t;
  }
  let inFlight = 0;
  for (const memory of [...state.sessions.values(), ...state.messages.values()])
    if (memory.inflightAt !== undefined) inFlight++;
  return { pending, oldest, inFlight };
}

class FlushRun {
  private readonly unverifiable = new Set<string>();
  private readonly folds: FoldCache = new Map();
  private readonly verifyFailures = new Map<string, number>();
  /** Halves of refused batches still to send, the next on top. */
  private readonly splits: Set<string>[] = [];
  /** Backoff after failed requests, per rate-limit group: failing reads do not slow writes down. */
  private readonly backoff = { sync: { failures: 0, until: 0 }, api: { failures: 0, until: 0 } };
  private preferSingle = false;

  constructor(
    private readonly layout: OutboxLayout,
    private readonly config: ResolvedOutboxOptions,
    private readonly makeClient: () => OpenSyncClient,
    private readonly journal: Journal,
    private readonly spool: Spool,
    private readonly lock: FlushLock,
    private readonly report: FlushReport,
    private readonly deadline: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  private get state() {
    return this.journal.state;
  }

  /** Made on first use: a flush with nothing to send needs no server configuration. */
  private get client(): OpenSyncClient {
    return this.makeClient();
  }

  async deliver(): Promise<void> {
    try {
      for (;;) {
        if (this.signal?.aborted) return;
        await this.spool.refresh();
        const now = Date.now();
        const plan = planDeliveries(this.spool.records(), this.state, now, {
          settleMs: this.config.settleMs,
          createdAt: this.config.createdAt,
          unverifiable: this.unverifiable,
          cache: this.folds,
        });
        this.report.pending = plan.pending;
        if (plan.pending === 0) return;
        const stored = alreadyStored(plan);
        if (stored.length > 0) {
          // Nothing is written: the records are done, and what the server holds is as it was.
          const ack: DeliveryEvent & { e: "ack" } = { e: "ack", at: now, done: [], s: [], touched: [], m: [] };
          for (const d of stored) for (const record of d.records) addDone(ack.done, record);
          this.report.sent += stored.reduce((n, d) => n + d.records.length, 0);
          await this.acknowledge(ack);
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
    const waitUntil = (at: number) => this.waitUntil(at);
    // Reads first: they write nothing, and use their own rate-limit group.
    const verifications = dueVerifications(plan, now);
    const readWait = Math.max(this.groupWait("api", now), this.backoff.api.until - now);
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
      await Promise.all(batch.slice(0, allowed).map(([session, messages]) => this.verify(session, messages)));
      return true;
    }
    const batch = this.nextBatch(plan, now);
    const single = nextSingle(plan, now);
    const hasBatch = batch.sessions.length + batch.messages.length > 0;
    if (!hasBatch && !single) {
      const wake = Math.min(plan.nextReadyAt ?? Infinity, verifications.size > 0 ? now + readWait : Infinity);
      if (wake === Infinity) return false;
      return waitUntil(wake);
    }
    const wait = Math.max(this.groupWait("sync", now), this.backoff.sync.until - now);
    if (wait > 0)
      return waitUntil(Math.min(now + wait, verifications.size > 0 ? now + Math.max(readWait, 0) : Infinity));
    const useSingle = single !== undefined && (!hasBatch || this.preferSingle);
    this.preferSingle = !useSingle;
    if (useSingle) await this.sendSingle(single);
    else await this.sendBatch(batch);
    return true;
  }

  /** Sleeps towards `at` (at most POLL_MS, to see new records); false if `at` is past the deadline. */
  private async waitUntil(at: number): Promise<boolean> {
    if (at > this.deadline) return false;
    await sleep(Math.min(at - Date.now(), POLL_MS), this.signal);
    return true;
  }

  private groupWait(group: string, now: number): number {
    return rateWait(this.state, group, this.config.rateLimits[group], now);
  }

  private nextBatch(plan: Plan, now: number): Batch {
    const limits = this.config.batchLimits;
    while (this.splits.length > 0) {
      const batch = packBatch(plan, now, limits, this.splits[this.splits.length - 1]);
      if (batch.sessions.length + batch.messages.length > 0) {
        this.splits.pop();
        return batch;
      }
      this.splits.pop();
    }
    return packBatch(plan, now, limits);
  }

  // ---- requests ----------------------------------------------------------------------------

  /** The journal event that must be on disk before a request leaves, and the lock check. */
  private async beforeSend(event: DeliveryEvent & { e: "send" }): Promise<void> {
    // The client first: a configuration error must not leave records "in flight" that never left.
    this.makeClient();
    if (!(await this.lock.held())) throw new StopFlush("another process took the flush lock over");
    await this.journal.record(event, true);
    this.report.requests++;
  }

  private async sendBatch(batch: Batch): Promise<void> {
    const at = Date.now();
    const s = batch.sessions.map((d) => d.key);
    const m = batch.messages.map((d) => d.key);
    await this.beforeSend({
      e: "send",
      at,
      group: "sync",
      via: "batch",
      s: batch.sessions.map(digested),
      m: batch.messages.map(digested),
    });
    const members: string[] = [];
    if (batch.sessions.length > 0) members.push(`"sessions":[${batch.sessions.map(jsonOf).join(",")}]`);
    if (batch.messages.length > 0) members.push(`"messages":[${batch.messages.map(jsonOf).join(",")}]`);
    const json = `{${members.join(",")}}`;
    const outcome = await outcomeOf(
      this.client.POST("/sync/batch", {
        body: {} as Schemas["BatchUpsert"],
        bodySerializer: () => json,
        signal: this.signal,
      }),
    );
    const doneAt = Date.now();
    if (outcome.kind !== "ok") return this.failed(outcome, [...batch.sessions, ...batch.messages], { s, m });
    const reading = readBatchResult(outcome.data, m);
    if (!reading) return this.failedRequest("sync");
    this.succeeded("sync");

    const ack: DeliveryEvent & { e: "ack" } = { e: "ack", at: doneAt, done: [], s: [], touched: [], m: [] };
    const clear: DeliveryEvent & { e: "clear" } = { e: "clear", s: [], m: [] };
    const refused: [Delivery, string][] = [];
    // Halves of refused arrays: the sessions' go on top of the messages', so they are sent first.
    const halves: Set<string>[] = [];
    if (batch.messages.length > 0 && reading.messagesRefused) {
      clear.m.push(...m);
      if (batch.messages.length === 1) refused.push([batch.messages[0]!, reading.messagesRefused.message]);
      else halves.push(...splitInTwo(batch.messages, reading.messagesRefused.index));
    }
    if (batch.sessions.length > 0) {
      if (reading.sessionsRefused) {
        clear.s.push(...s);
        if (batch.sessions.length === 1) refused.push([batch.sessions[0]!, reading.sessionsRefused.message]);
        else halves.push(...splitInTwo(batch.sessions, reading.sessionsRefused.index));
      } else if (reading.sessionsStored === batch.sessions.length) {
        for (const d of batch.sessions) this.addAck(ack, d, doneAt);
      } else {
        await this.journal.record({ e: "recheck", at: doneAt, s }, false);
      }
    }
    if (batch.messages.length > 0 && !reading.messagesRefused) {
      const stored = batch.messages.filter((d) => !reading.messageErrors.has(d.key));
      for (const d of batch.messages) {
        const error = reading.messageErrors.get(d.key);
        if (error !== undefined) refused.push([d, error]);
      }
      // Counts that do not add up, or errors naming nothing sent: what was stored is unknown, so
      // those messages stay in flight (to be read back or sent alone).
      if (reading.unexplained.length === 0 && reading.messagesStored === stored.length)
        for (const d of stored) this.addAck(ack, d, doneAt);
    }
    if (clear.s.length + clear.m.length > 0) await this.journal.record(clear, false);
    await this.deadLetter(refused);
    if (ack.done.length > 0 || ack.s.length > 0 || ack.m.length > 0) await this.acknowledge(ack);
    this.splits.push(...halves);
  }

  private async sendSingle(delivery: Delivery): Promise<void> {
    const at = Date.now();
    const isSession = delivery.kind === "session";
    await this.beforeSend({
      e: "send",
      at,
      group: "sync",
      via: "single",
      s: isSession ? [digested(delivery)] : [],
      m: isSession ? [] : [digested(delivery)],
    });
    const outcome: Outcome<{ sessionId?: string; messageId?: string }> = isSession
      ? await outcomeOf(
          this.client.POST("/sync/session", { body: delivery.body as SessionUpsert, signal: this.signal }),
        )
      : await outcomeOf(
          this.client.POST("/sync/message", { body: delivery.body as MessageUpsert, signal: this.signal }),
        );
    const doneAt = Date.now();
    if (outcome.kind !== "ok") {
      if (this.signal?.aborted) throw new StopFlush("aborted");
      await this.countServerError(delivery, outcome);
      return this.failed(outcome, [delivery], {
        s: isSession ? [delivery.key] : [],
        m: isSession ? [] : [delivery.key],
      });
    }
    this.succeeded("sync");
    const ack: DeliveryEvent & { e: "ack" } = { e: "ack", at: doneAt, done: [], s: [], touched: [], m: [] };
    this.addAck(ack, delivery, doneAt);
    await this.acknowledge(ack);
    if (isSession && typeof outcome.data?.sessionId === "string")
      await this.journal.record({ e: "serverIds", ids: [[delivery.key, outcome.data.sessionId]] }, false);
  }

  /** A 500 with a message, again and again, to one record sent alone: the server cannot take it. */
  private async countServerError(delivery: Delivery, outcome: Outcome<unknown>): Promise<void> {
    const memory =
      delivery.kind === "session" ? this.state.sessions.get(delivery.key) : this.state.messages.get(delivery.key);
    const count = outcome.kind === "unknown" && outcome.serverError ? (memory?.serverErrors ?? 0) + 1 : 0;
    if (count === (memory?.serverErrors ?? 0)) return;
    await this.journal.record(
      { e: "serverErrors", kind: delivery.kind === "session" ? "s" : "m", id: delivery.key, count },
      false,
    );
    if (count >= this.config.maxServerErrors && outcome.kind === "unknown") {
      await this.deadLetter([[delivery, `the server answered 500 to ${count} attempts in a row: ${outcome.message}`]]);
    }
  }

  /** What a request that stored nothing certain means, for `deliveries`. */
  private async failed(
    outcome: Exclude<Outcome<unknown>, { kind: "ok" }>,
    deliveries: Delivery[],
    keys: { s: string[]; m: string[] },
  ): Promise<void> {
    // Stopped mid-request (the signal, close()): whether it was written is unknown; it stays in flight.
    if (this.signal?.aborted) throw new StopFlush("aborted");
    switch (outcome.kind) {
      case "refused": {
        await this.journal.record({ e: "clear", ...keys }, false);
        this.succeeded("sync");
        if (deliveries.length === 1) await this.deadLetter([[deliveries[0]!, outcome.message]]);
        else this.splits.push(...splitInTwo(deliveries, undefined));
        return;
      }
      case "rate-limited": {
        await this.journal.record({ e: "clear", ...keys }, false);
        const until = Date.now() + (outcome.retryAfterMs ?? this.backoffDelay("sync"));
        await this.journal.record({ e: "block", group: "sync", until }, true);
        return;
      }
      case "not-sent":
        await this.journal.record({ e: "clear", ...keys }, false);
        return this.failedRequest("sync");
      case "unknown":
        // In flight they stay (the send event said so): the planner decides how to resend.
        return this.failedRequest("sync");
      case "fatal":
        // A 401, 403 or 404 refused the request before any write; anything else unexpected may not have.
        if (outcome.status !== undefined) await this.journal.record({ e: "clear", ...keys }, true);
        throw outcome.error;
    }
  }

  private failedRequest(group: "sync" | "api"): void {
    this.backoff[group].until = Date.now() + this.backoffDelay(group);
  }

  private succeeded(group: "sync" | "api"): void {
    this.backoff[group] = { failures: 0, until: 0 };
  }

  /** Exponential, with jitter; each call counts one more failure of the group. */
  private backoffDelay(group: "sync" | "api"): number {
    const { baseMs, maxMs } = this.config.backoff;
    const nominal = Math.min(maxMs, baseMs * 2 ** Math.min(this.backoff[group].failures++, 30));
    return Math.round(nominal * (1 - 0.25 * Math.random()));
  }

  private addAck(ack: DeliveryEvent & { e: "ack" }, delivery: Delivery, doneAt: number): void {
    for (const record of delivery.records) addDone(ack.done, record);
    if (delivery.kind === "session") ack.s.push([delivery.key, delivery.digest]);
    else {
      if (!ack.touched.includes(delivery.session)) ack.touched.push(delivery.session);
      const createdAt = (delivery.body as MessageUpsert).createdAt;
      // Deployed servers ignore writes until 5 s after the stored createdAt: the one sent (an
      // insert takes it), or about now.
      ack.m.push([delivery.key, Math.max(doneAt, createdAt ?? 0) + MESSAGE_WAIT, delivery.digest]);
    }
    this.report.sent += delivery.records.length;
  }

  private async acknowledge(ack: DeliveryEvent & { e: "ack" }): Promise<void> {
    await this.journal.record(ack, true);
  }

  private async deadLetter(refused: [Delivery, string][]): Promise<void> {
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
    await appendDeadLetters(this.layout.deadLetter, letters);
    const event: DeliveryEvent & { e: "reject" } = { e: "reject", done: [], s: [], m: [] };
    for (const [d] of refused) {
      for (const record of d.records) addDone(event.done, record);
      (d.kind === "session" ? event.s : event.m).push(d.key);
      this.report.rejected += d.records.length;
    }
    await this.journal.record(event, true);
  }

  // ---- reading back ------------------------------------------------------------------------

  /**
   * Messages with parts from a batch whose outcome is unknown: resending them in a batch could
   * delete their parts if the first one landed, and sending each alone costs a request apiece.
   * One read of their session tells which are stored (done), stored otherwise (an update, sent
   * alone once quiet) or missing (new again: batched).
   */
  private async verify(session: string, messages: Delivery[]): Promise<void> {
    let serverId = this.state.sessions.get(session)?.serverId;
    if (serverId === undefined) {
      const found = await this.findSessionId(session);
      if (found.kind === "absent") {
        await this.journal.record({ e: "absent", m: messages.map((d) => d.key) }, false);
        return;
      }
      if (found.kind === "not-listed") return this.giveUpVerifying(messages);
      if (found.kind !== "found") return;
      serverId = found.id;
    }
    await this.journal.record({ e: "read", at: Date.now(), group: "api" }, false);
    this.report.requests++;
    const outcome = await outcomeOf(
      this.client.GET("/api/sessions/get", { params: { query: { id: serverId } }, signal: this.signal }),
    );
    if (outcome.kind === "fatal" && outcome.status === 404) {
      await this.journal.record({ e: "absent", m: messages.map((d) => d.key) }, false);
      return;
    }
    if (outcome.kind !== "ok") return this.readFailed(outcome, session, messages);
    this.succeeded("api");
    const stored = new Map<string, Schemas["Message"]>();
    for (const message of Array.isArray(outcome.data?.messages) ? outcome.data.messages : [])
      stored.set(message.externalId, message);
    const now = Date.now();
    const absent: string[] = [];
    const present: [string, number][] = [];
    const ack: DeliveryEvent & { e: "ack" } = { e: "ack", at: now, done: [], s: [], touched: [], m: [] };
    for (const d of messages) {
      const found = stored.get(d.key);
      if (!found) absent.push(d.key);
      else if (storedMatches(d.body as MessageUpsert, found, false)) this.addAck(ack, d, now);
      else present.push([d.key, now + MESSAGE_WAIT]);
    }
    if (absent.length > 0) await this.journal.record({ e: "absent", m: absent }, false);
    if (present.length > 0) await this.journal.record({ e: "present", m: present }, false);
    if (ack.m.length > 0) await this.acknowledge(ack);
  }

  /**
   * The server's id of `session`, from `/api/sessions` (most recently updated first, so a session
   * just written is on the first page). "absent": the whole list was read without it;
   * "not-listed": not within the pages read; "failed": a request failed.
   */
  private async findSessionId(
    session: string,
  ): Promise<{ kind: "found"; id: string } | { kind: "absent" | "not-listed" | "failed" }> {
    const pageSize = 200;
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const wait = this.groupWait("api", Date.now());
      if (wait > 0) {
        if (Date.now() + wait > this.deadline) return { kind: "failed" };
        await sleep(wait, this.signal);
      }
      await this.journal.record({ e: "read", at: Date.now(), group: "api" }, false);
      this.report.requests++;
      const outcome = await outcomeOf(
        this.client.GET("/api/sessions", {
          params: { query: cursor ? { limit: pageSize, cursor } : { limit: pageSize } },
          signal: this.signal,
        }),
      );
      if (outcome.kind !== "ok") {
        await this.readFailed(outcome, session, []);
        return { kind: "failed" };
      }
      const list = outcome.data as Schemas["SessionList"];
      const sessions = Array.isArray(list?.sessions) ? list.sessions : [];
      const ids = sessions
        .filter((s) => typeof s?.id === "string" && typeof s.externalId === "string")
        .map((s) => [s.externalId, s.id] as [string, string]);
      if (ids.length > 0) await this.journal.record({ e: "serverIds", ids }, false);
      const found = ids.find(([externalId]) => externalId === session);
      if (found) return { kind: "found", id: found[1] };
      // Servers without pagination send one page and no cursor: only a short page is the end.
      if (!list?.nextCursor) return { kind: sessions.length < pageSize ? "absent" : "not-listed" };
      cursor = list.nextCursor;
    }
    return { kind: "not-listed" };
  }

  private async readFailed(
    outcome: Exclude<Outcome<unknown>, { kind: "ok" }>,
    session: string,
    messages: Delivery[],
  ): Promise<void> {
    if (this.signal?.aborted) throw new StopFlush("aborted");
    if (outcome.kind === "rate-limited") {
      await this.journal.record(
        { e: "block", group: "api", until: Date.now() + (outcome.retryAfterMs ?? this.backoffDelay("api")) },
        false,
      );
      return;
    }
    if (outcome.kind === "fatal") throw outcome.error;
    this.failedRequest("api");
    if (outcome.kind === "refused") return this.giveUpVerifying(messages);
    if (outcome.kind === "unknown" && outcome.serverError && messages.length > 0) {
      const failures = (this.verifyFailures.get(session) ?? 0) + 1;
      this.verifyFailures.set(session, failures);
      if (failures >= VERIFY_ATTEMPTS) this.giveUpVerifying(messages);
    }
  }

  /** These messages cannot be read back: they go alone through /sync/message, which cannot lose parts. */
  private giveUpVerifying(messages: Delivery[]): void {
    for (const d of messages) this.unverifiable.add(d.key);
  }

  // ---- after ----------------------------------------------------------------------------------

  /** Removes finished segments, forgets what no one needs, and snapshots the journal when its log is long. */
  async compact(): Promise<void> {
    const done = this.state.done;
    const removed = await this.spool.compact(
      (r) => done.get(r.segment)?.has(r.offset) === true,
      this.config.segmentAgeMs * 2,
    );
    if (removed.length > 0) await this.journal.record({ e: "segmentsRemoved", segments: removed }, true);
    // A snapshot rewrites the whole state (every key remembered for retainMs): only once the log is long.
    if (this.journal.pendingLogBytes < CHECKPOINT_LOG_BYTES) return;
    const pendingKeys = { sessions: new Set<string>(), messages: new Set<string>() };
    for (const record of this.spool.records()) {
      if (done.get(record.segment)?.has(record.offset)) continue;
      if (record.kind === "session") pendingKeys.sessions.add((record.body as KeyedSession).externalId);
      else pendingKeys.messages.add((record.body as MessageUpsert).externalId);
    }
    const longestWindow = Math.max(
      ...Object.values(this.config.rateLimits).map((l) => l.windowSeconds * 1000 + windowMarginMs(l)),
    );
    prune(
      this.state,
      Date.now(),
      this.config.retainMs,
      new Set(this.spool.segments.keys()),
      pendingKeys,
      longestWindow,
    );
    await this.journal.checkpoint();
  }
}

/**
 * The two halves of a refused array as delivery groups, the first half last (it is sent first: a
 * stack). The split falls where the server pointed (`messages[17]`: the 17th alone starts the
 * second half) or in the middle. A message's group includes its session, which may have to ride
 * along.
 */
function splitInTwo(deliveries: Delivery[], index: number | undefined): Set<string>[] {
  const n = deliveries.length;
  const at = index === undefined || index >= n ? Math.ceil(n / 2) : Math.max(1, index);
  const group = (part: Delivery[]) =>
    new Set(part.flatMap((d) => (d.kind === "message" ? [d.id, `s:${d.session}`] : [d.id])));
  return [group(deliveries.slice(at)), group(deliveries.slice(0, at))];
}

const digested = (d: Delivery): [string, string] => [d.key, d.digest];

function addDone(done: [string, number[]][], record: SpoolRecord): void {
  const entry = done.find(([segment]) => segment === record.segment);
  if (entry) entry[1].push(record.offset);
  else done.push([record.segment, [record.offset]]);
}
