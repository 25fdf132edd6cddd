/**
 * From the pending records and what the server may hold (../state/delivery-state.ts), what to send next,
 * how, and from when. Pure: the flusher calls it again after every request.
 *
 * Routes. A session or message goes in a `/sync/batch` when that cannot lose anything; otherwise
 * alone, through `/sync/session` or `/sync/message`; or, for a batch whose outcome is unknown,
 * it is first read back ("verify"):
 *   - a message with parts goes in a batch only while certainly new to the server: updating a
 *     stored message through a batch deletes its parts. An update with parts goes alone through
 *     `/sync/message` (which replaces them); one in a batch of unknown outcome is read back, and if
 *     missing batched again only while it lands within 5 s of the read, else sent alone;
 *   - a record carrying `createdAt` (honoured on insert only, and refused by batches) goes alone
 *     while it may still be an insert, unless the outbox was told to drop it (`createdAt: "drop"`);
 *   - everything else goes in batches.
 * Waits. A request whose outcome is unknown may still land: its records wait `settleMs` after it
 * was sent. An update waits out deployed servers' quiet windows (deployed-rules.ts). A session
 * whose batch count showed a skip is sent again once its window has passed.
 * Order. A session's first delivery goes before (or in the same batch as) its messages; messages
 * that are inserted with the server's time are inserted in the order they were enqueued.
 */

import type { KeyedSession, MessageUpsert, RecordKind, SessionUpsert } from "../records.js";
import type { SpoolRecord } from "../spool/spool.js";
import type { DeliveryState } from "../state/delivery-state.js";
import { contentDigest } from "./content-digest.js";
import { MESSAGE_QUIET_MS, MESSAGE_WAIT_MS, SESSION_WAIT_MS } from "./deployed-rules.js";
import { foldMessage, foldSession, without } from "./fold.js";

/** "stored": identical to what the server was last told to store, so done without a request. */
export type Route = "batch" | "single" | "verify" | "stored";

export interface PlannerConfig {
  settleMs: number;
  createdAt: "preserve" | "drop";
  /** Messages whose read-back failed this flush: they go alone instead. */
  unverifiable: ReadonlySet<string>;
  /** Folds kept between plans (the planner runs after every request; most keys did not change). */
  cache?: FoldCache;
}

interface Folded {
  /** The record ids folded, to tell when the pending versions changed. */
  ids: string;
  body: SessionUpsert | MessageUpsert;
  /** The same without the insert-only fields (createdAt, sessionId). */
  update: SessionUpsert | MessageUpsert;
  digest: string;
}
export type FoldCache = Map<string, Folded>;

function folded(id: string, kind: RecordKind, records: SpoolRecord[], cache: FoldCache | undefined): Folded {
  const ids = records.length === 1 ? records[0]!.id : records.map((r) => r.id).join(" ");
  const known = cache?.get(id);
  if (known && known.ids === ids) return known;
  const body =
    kind === "session"
      ? foldSession(records.map((r) => r.body as SessionUpsert))
      : foldMessage(records.map((r) => r.body as MessageUpsert));
  const result = { ids, body, update: without(body, "createdAt", "sessionId"), digest: contentDigest(body) };
  cache?.set(id, result);
  return result;
}

export interface Delivery {
  /** `s:<externalId>` or `m:<externalId>`. */
  id: string;
  kind: RecordKind;
  key: string;
  /** The session's externalId (the key itself for a session). */
  session: string;
  /** The pending versions this delivery covers, oldest first. */
  records: SpoolRecord[];
  /** What is sent (already shaped for its route). */
  body: SessionUpsert | MessageUpsert;
  route: Route;
  /** Not to be sent before this time. */
  readyAt: number;
  /** A message inserted with the server's time: it must not overtake an earlier one. */
  ordered: boolean;
  /** The body's JSON (computed when first needed). */
  json?: string;
  /** What it writes, as a digest (content-digest.ts). */
  digest: string;
}

export interface SessionPlan {
  key: string;
  session: Delivery | undefined;
  messages: Delivery[];
  /** The session is on the server, so its messages need not wait for its delivery. */
  exists: boolean;
}

export interface Plan {
  sessions: SessionPlan[];
  /** Records not done. */
  pending: number;
  /** The earliest future readyAt, for sleeping until something can be sent. */
  nextReadyAt: number | undefined;
}

const compareRecords = (a: SpoolRecord, b: SpoolRecord) =>
  a.t - b.t || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : a.offset - b.offset);

export function planDeliveries(
  records: Iterable<SpoolRecord>,
  state: DeliveryState,
  now: number,
  config: PlannerConfig,
): Plan {
  const bySession = new Map<
    string,
    { session: SpoolRecord[]; messages: Map<string, SpoolRecord[]>; first: SpoolRecord }
  >();
  let pending = 0;
  const entryFor = (key: string, record: SpoolRecord) => {
    let entry = bySession.get(key);
    if (!entry) {
      entry = { session: [], messages: new Map(), first: record };
      bySession.set(key, entry);
    } else if (compareRecords(record, entry.first) < 0) entry.first = record;
    return entry;
  };
  const messageSession = new Map<string, string>();
  const sorted = [...records].filter((r) => !state.done.get(r.segment)?.has(r.offset)).sort(compareRecords);
  for (const record of sorted) {
    pending++;
    if (record.kind === "session") {
      entryFor((record.body as KeyedSession).externalId, record).session.push(record);
    } else {
      const body = record.body as MessageUpsert;
      // A message stays in the session of its first version (updates never move it).
      const session = messageSession.get(body.externalId) ?? body.sessionExternalId;
      messageSession.set(body.externalId, session);
      const entry = entryFor(session, record);
      const versions = entry.messages.get(body.externalId);
      if (versions) versions.push(record);
      else entry.messages.set(body.externalId, [record]);
    }
  }

  let nextReadyAt: number | undefined;
  const note = (delivery: Delivery) => {
    if (delivery.readyAt > now && (nextReadyAt === undefined || delivery.readyAt < nextReadyAt))
      nextReadyAt = delivery.readyAt;
    return delivery;
  };
  const sessions: SessionPlan[] = [];
  for (const [key, entry] of [...bySession].sort(([, a], [, b]) => compareRecords(a.first, b.first))) {
    sessions.push({
      key,
      session: entry.session.length > 0 ? note(planSession(key, entry.session, state, now, config)) : undefined,
      messages: [...entry.messages].map(([id, versions]) => note(planMessage(id, key, versions, state, now, config))),
      exists: state.sessions.get(key)?.exists === true,
    });
  }
  return { sessions, pending, nextReadyAt };
}

function planSession(
  key: string,
  records: SpoolRecord[],
  state: DeliveryState,
  now: number,
  config: PlannerConfig,
): Delivery {
  const fold = folded(`s:${key}`, "session", records, config.cache);
  const folded_ = fold.body as SessionUpsert;
  const memory = state.sessions.get(key);
  const delivery = (route: Delivery["route"], body: Delivery["body"], readyAt: number): Delivery => ({
    id: `s:${key}`,
    kind: "session",
    key,
    session: key,
    records,
    body,
    route,
    readyAt,
    ordered: false,
    digest: fold.digest,
  });
  if (memory?.exists && memory.inflightAt === undefined && !memory.recheck && memory.storedDigest === fold.digest) {
    return delivery("stored", fold.update, now);
  }
  let readyAt = now;
  if (memory?.inflightAt !== undefined) readyAt = Math.max(readyAt, memory.inflightAt + config.settleMs);
  const withCreatedAt = folded_.createdAt !== undefined && config.createdAt === "preserve" && !memory?.exists;
  if (withCreatedAt) {
    // `/sync/session` answers a skipped update like a stored one: send it only outside the quiet
    // window of any write of ours that may have reached the server, which may land as late as
    // settleMs after it left. (Resending exactly what may have landed cannot lose anything.)
    if (memory?.inflightAt !== undefined && memory.inflightDigest !== fold.digest)
      readyAt = Math.max(readyAt, memory.inflightAt + config.settleMs + SESSION_WAIT_MS);
    return delivery("single", folded_, readyAt);
  }
  if (memory?.recheck && memory.touchedAt !== undefined)
    readyAt = Math.max(readyAt, memory.touchedAt + SESSION_WAIT_MS);
  return delivery("batch", fold.update, readyAt);
}

function planMessage(
  key: string,
  session: string,
  records: SpoolRecord[],
  state: DeliveryState,
  now: number,
  config: PlannerConfig,
): Delivery {
  const fold = folded(`m:${key}`, "message", records, config.cache);
  const folded_ = fold.body as MessageUpsert;
  const update = fold.update as MessageUpsert;
  const memory = state.messages.get(key);
  const hasParts = (folded_.parts?.length ?? 0) > 0;
  const keepCreatedAt = folded_.createdAt !== undefined && config.createdAt === "preserve";
  const base = { id: `m:${key}`, kind: "message" as const, key, session, records, digest: fold.digest };
  if (memory?.storedQuietAt !== undefined && memory.inflightAt === undefined && memory.storedDigest === fold.digest) {
    return { ...base, body: update, route: "stored", readyAt: now, ordered: false };
  }

  if (memory?.inflightAt !== undefined) {
    // Sent before with no known outcome: it may be on the server, or be about to land. A read
    // waits for it to settle; a resend also waits out the window in which a write that did land
    // would make the server ignore it.
    const settled = Math.max(now, memory.inflightAt + config.settleMs);
    const changed = memory.inflightDigest !== fold.digest;
    // A batch's answer counts what it stored, so a skip of a changed version shows there.
    const resendable = changed ? Math.max(settled, memory.inflightAt + MESSAGE_WAIT_MS) : settled;
    // Sent alone, a skip is answered as if stored: a changed version waits out the window that the
    // earlier write opens if it lands as late as it can (settleMs after it left) as an insert.
    const aloneReady = changed ? Math.max(settled, memory.inflightAt + config.settleMs + MESSAGE_WAIT_MS) : settled;
    const body = keepCreatedAt ? folded_ : update;
    const ordered = !keepCreatedAt;
    // Read back absent: a batch landing (at the latest settleMs after it leaves) within 5 s of that read is
    // skipped if a request of ours landed since; later, only the single route is safe.
    const absentWindow =
      memory.absentAt !== undefined && resendable + config.settleMs < memory.absentAt + MESSAGE_QUIET_MS;
    if (!hasParts || absentWindow)
      return keepCreatedAt
        ? { ...base, body, route: "single", readyAt: aloneReady, ordered }
        : { ...base, body, route: "batch", readyAt: resendable, ordered };
    const alone =
      memory.absentAt !== undefined || memory.inflightVia === "single" || keepCreatedAt || config.unverifiable.has(key);
    return alone
      ? { ...base, body, route: "single", readyAt: aloneReady, ordered }
      : { ...base, body, route: "verify", readyAt: settled, ordered };
  }
  if (memory?.storedQuietAt !== undefined) {
    // An update: createdAt no longer counts; parts survive only the single route.
    return {
      ...base,
      body: update,
      route: hasParts ? "single" : "batch",
      readyAt: Math.max(now, memory.storedQuietAt),
      ordered: false,
    };
  }
  // New to the server.
  if (keepCreatedAt) return { ...base, body: folded_, route: "single", readyAt: now, ordered: false };
  return { ...base, body: update, route: "batch", readyAt: now, ordered: true };
}

/** Deliveries identical to what was last stored: done without a request. */
export function alreadyStored(plan: Plan): Delivery[] {
  const stored: Delivery[] = [];
  for (const session of plan.sessions) {
    if (session.session?.route === "stored") stored.push(session.session);
    for (const message of session.messages) if (message.route === "stored") stored.push(message);
  }
  return stored;
}

/** The next delivery to send alone, respecting the same order. */
export function nextSingle(plan: Plan, now: number): Delivery | undefined {
  for (const plan_ of plan.sessions) {
    const own = plan_.session;
    if (own && own.route === "single" && own.readyAt <= now) return own;
    if (own && !plan_.exists) continue;
    let orderBlocked = false;
    for (const message of plan_.messages) {
      if (message.route === "single" && message.readyAt <= now && !(message.ordered && orderBlocked)) return message;
      if (message.ordered) orderBlocked = true;
    }
  }
  return undefined;
}

/** Messages to read back, by session, the oldest session first. */
export function dueVerifications(plan: Plan, now: number): Map<string, Delivery[]> {
  const due = new Map<string, Delivery[]>();
  for (const plan_ of plan.sessions) {
    const messages = plan_.messages.filter((m) => m.route === "verify" && m.readyAt <= now);
    if (messages.length > 0) due.set(plan_.key, messages);
  }
  return due;
}
