/**
 * What one write request's outcome means, as a pure function from (outcome, what was sent) to
 * journal events, dead letters and halves to send again: every decision the sender makes about an
 * answer is here, unit-tested case by case (the sender only performs them).
 *
 *   stored              the records are done
 *   array refused       (a 200 with "Sessions/Messages batch error", or a 400/413 for the whole
 *                       request) the array is split in two, at the index the server named when it
 *                       named one; a single refused record is dead-lettered with the server's message
 *   one message failed  dead-lettered with its message; the others are stored
 *   sessions skipped    (count lower than sent: deployed servers' 10 s rule) sent again once quiet
 *   counts that do not add up: what was stored is unknown, the messages stay in flight
 *   429                 nothing was written: block the group until Retry-After
 *   never sent          nothing was written: clear, back off
 *   unknown             the records stay in flight (the planner resends or reads back after settleMs)
 *   configuration       (401, 403, 404) stop; cleared only when the status says nothing was written
 */

import type { MessageUpsert } from "../records.js";
import type { SpoolRecord } from "../spool/spool.js";
import type { DeliveryEvent } from "../state/delivery-state.js";
import { type BatchReading, readBatchResult } from "./batch-result.js";
import type { Outcome } from "./classify.js";
import { MESSAGE_WAIT_MS } from "./deployed-rules.js";
import type { Delivery } from "./planner.js";

export type AckEvent = DeliveryEvent & { e: "ack" };

export interface SendDecision {
  /** Journal events, in order (the sender syncs them before acting further). */
  events: DeliveryEvent[];
  /** Records to dead-letter, with the server's message. */
  deadLetters: [Delivery, string][];
  /** Halves of a refused array to send next, the first to send last. */
  splits: Set<string>[];
  /** "answered": reset the group's backoff; "failed": back off; "blocked": a 429 (the block event says until when). */
  pacing: "answered" | "failed" | "blocked";
  /** Records the server confirmed storing. */
  sent: number;
  /** End the flush with this error (the server refused the configuration). */
  stop?: unknown;
}

export interface SentRequest {
  via: "batch" | "single";
  sessions: Delivery[];
  messages: Delivery[];
  /** When the answer came. */
  at: number;
  /** For a 429 without Retry-After: how long to block, from `at`. */
  backoffMs: number;
}

export function emptyAck(at: number): AckEvent {
  return { e: "ack", at, done: [], s: [], touched: [], m: [] };
}

export function addDone(done: [string, number[]][], record: SpoolRecord): void {
  const entry = done.find(([segment]) => segment === record.segment);
  if (entry) entry[1].push(record.offset);
  else done.push([record.segment, [record.offset]]);
}

/** Marks `delivery` stored in `ack`; returns the records it covers. */
export function acknowledge(ack: AckEvent, delivery: Delivery, doneAt: number): number {
  for (const record of delivery.records) addDone(ack.done, record);
  if (delivery.kind === "session") ack.s.push([delivery.key, delivery.digest]);
  else {
    if (!ack.touched.includes(delivery.session)) ack.touched.push(delivery.session);
    const createdAt = (delivery.body as MessageUpsert).createdAt;
    // Deployed servers ignore writes until 5 s after the stored createdAt: the one sent (an
    // insert takes it), or about now.
    ack.m.push([delivery.key, Math.max(doneAt, createdAt ?? 0) + MESSAGE_WAIT_MS, delivery.digest]);
  }
  return delivery.records.length;
}

/** What to do after the answer (or failure) of one write request. */
export function decideSend(request: SentRequest, outcome: Outcome<unknown>): SendDecision {
  if (outcome.kind === "ok") {
    if (request.via === "single") {
      const ack = emptyAck(request.at);
      const sent = acknowledge(ack, [...request.sessions, ...request.messages][0]!, request.at);
      return { events: [ack], deadLetters: [], splits: [], pacing: "answered", sent };
    }
    const reading = readBatchResult(
      outcome.data,
      request.messages.map((d) => d.key),
    );
    if (!reading) return { events: [], deadLetters: [], splits: [], pacing: "failed", sent: 0 };
    return decideBatchAnswer(request, reading);
  }
  const keys = { s: request.sessions.map((d) => d.key), m: request.messages.map((d) => d.key) };
  const deliveries = [...request.sessions, ...request.messages];
  const clear: DeliveryEvent = { e: "clear", ...keys };
  const none = { deadLetters: [], splits: [], sent: 0 };
  switch (outcome.kind) {
    case "refused":
      if (deliveries.length === 1)
        return { ...none, events: [clear], deadLetters: [[deliveries[0]!, outcome.message]], pacing: "answered" };
      return { ...none, events: [clear], splits: splitInTwo(deliveries, undefined), pacing: "answered" };
    case "rate-limited": {
      const until = request.at + (outcome.retryAfterMs ?? request.backoffMs);
      return { ...none, events: [clear, { e: "block", group: "sync", until }], pacing: "blocked" };
    }
    case "not-sent":
      return { ...none, events: [clear], pacing: "failed" };
    case "unknown":
      // In flight they stay (the send event said so): the planner decides how to resend.
      return { ...none, events: [], pacing: "failed" };
    case "fatal":
      // A 401, 403 or 404 refused the request before any write; anything else unexpected may not have.
      return { ...none, events: outcome.status !== undefined ? [clear] : [], pacing: "failed", stop: outcome.error };
  }
}

function decideBatchAnswer(request: SentRequest, reading: BatchReading): SendDecision {
  const { sessions, messages, at } = request;
  const s = sessions.map((d) => d.key);
  const m = messages.map((d) => d.key);
  const ack = emptyAck(at);
  const clear: DeliveryEvent & { e: "clear" } = { e: "clear", s: [], m: [] };
  const events: DeliveryEvent[] = [];
  const deadLetters: [Delivery, string][] = [];
  // Halves of refused arrays: the sessions' go on top of the messages', so they are sent first.
  const splits: Set<string>[] = [];
  let sent = 0;
  if (messages.length > 0 && reading.messagesRefused) {
    clear.m.push(...m);
    if (messages.length === 1) deadLetters.push([messages[0]!, reading.messagesRefused.message]);
    else splits.push(...splitInTwo(messages, reading.messagesRefused.index));
  }
  if (sessions.length > 0) {
    if (reading.sessionsRefused) {
      clear.s.push(...s);
      if (sessions.length === 1) deadLetters.push([sessions[0]!, reading.sessionsRefused.message]);
      else splits.push(...splitInTwo(sessions, reading.sessionsRefused.index));
    } else if (reading.sessionsStored === sessions.length) {
      for (const d of sessions) sent += acknowledge(ack, d, at);
    } else {
      events.push({ e: "recheck", at, s });
    }
  }
  if (messages.length > 0 && !reading.messagesRefused) {
    const stored = messages.filter((d) => !reading.messageErrors.has(d.key));
    for (const d of messages) {
      const error = reading.messageErrors.get(d.key);
      if (error !== undefined) deadLetters.push([d, error]);
    }
    // Counts that do not add up, or errors naming nothing sent: what was stored is unknown, so
    // those messages stay in flight (to be read back or sent alone).
    if (reading.unexplained.length === 0 && reading.messagesStored === stored.length)
      for (const d of stored) sent += acknowledge(ack, d, at);
  }
  if (clear.s.length + clear.m.length > 0) events.push(clear);
  if (ack.done.length > 0 || ack.s.length > 0 || ack.m.length > 0) events.push(ack);
  return { events, deadLetters, splits, pacing: "answered", sent };
}

/**
 * The two halves of a refused array as delivery groups, the first half last (it is sent first: a
 * stack). The split falls where the server pointed (`messages[17]`: the 17th alone starts the
 * second half) or in the middle. A message's group includes its session, which may have to ride
 * along.
 */
export function splitInTwo(deliveries: Delivery[], index: number | undefined): Set<string>[] {
  const n = deliveries.length;
  const at = index === undefined || index >= n ? Math.ceil(n / 2) : Math.max(1, index);
  const group = (part: Delivery[]) =>
    new Set(part.flatMap((d) => (d.kind === "message" ? [d.id, `s:${d.session}`] : [d.id])));
  return [group(deliveries.slice(at)), group(deliveries.slice(0, at))];
}
