/**
 * Packing a plan's batch deliveries into one `/sync/batch`: within the count and size limits, the
 * spec's `maxItems` and the documents one transaction of deployed servers may write. Pure, like the
 * planner whose plan it reads.
 */
import { CONVEX_LIMITS } from "opensync-api";
import { REQUEST_LIMITS } from "opensync-api/contract";
import type { MessageUpsert } from "../records.js";
import type { Delivery, Plan } from "./planner.js";

export interface BatchLimits {
  maxBodyBytes: number;
  sessions: number;
  messages: number;
}

export interface Batch {
  sessions: Delivery[];
  messages: Delivery[];
}

const ENVELOPE = Buffer.byteLength('{"sessions":[],"messages":[]}');
const jsonCache = new WeakMap<object, string>();
/** A delivery's body as JSON (bodies are kept between plans, and so is their JSON). */
export const jsonOf = (d: Delivery): string => {
  if (d.json !== undefined) return d.json;
  let json = jsonCache.get(d.body);
  if (json === undefined) {
    json = JSON.stringify(d.body);
    jsonCache.set(d.body, json);
  }
  d.json = json;
  return json;
};

/**
 * The next batch: ready batch deliveries, sessions in the order of their oldest record, each
 * session's delivery with (or before) its messages, within the count and size limits (never past
 * the spec's `maxItems`, which keep each array within deployed servers' transaction limits). With
 * `only`, just those deliveries (a half of a refused batch).
 */
export function packBatch(plan: Plan, now: number, limits: BatchLimits, only?: ReadonlySet<string>): Batch {
  const batch: Batch = { sessions: [], messages: [] };
  let bytes = ENVELOPE;
  // The messages array is one transaction on deployed servers: count the documents it writes.
  let written = 0;
  const named = new Set<string>();
  const writes = (d: Delivery) =>
    d.kind === "message" ? messageWrites(d.body as MessageUpsert) + (named.has(d.session) ? 0 : 2) : 0;
  // Anything fits an empty batch: a record too large for the limits goes alone, for the server to judge.
  const fits = (d: Delivery, list: Delivery[], max: number) =>
    batch.sessions.length + batch.messages.length === 0 ||
    (list.length < max &&
      bytes + Buffer.byteLength(jsonOf(d)) + 1 <= limits.maxBodyBytes &&
      written + writes(d) <= CONVEX_LIMITS.documentsWritten);
  const add = (d: Delivery, list: Delivery[]) => {
    list.push(d);
    bytes += Buffer.byteLength(jsonOf(d)) + 1;
    written += writes(d);
    if (d.kind === "message") named.add(d.session);
  };
  const ready = (d: Delivery) => d.route === "batch" && d.readyAt <= now && (!only || only.has(d.id));
  for (const plan_ of plan.sessions) {
    const own = plan_.session;
    let sessionIn = false;
    if (own && ready(own)) {
      if (!fits(own, batch.sessions, Math.min(limits.sessions, REQUEST_LIMITS.batchSessions))) return batch;
      add(own, batch.sessions);
      sessionIn = true;
    }
    if (own && !plan_.exists && !sessionIn) continue;
    let orderBlocked = false;
    for (const message of plan_.messages) {
      const eligible = ready(message) && !(message.ordered && orderBlocked);
      if (eligible && fits(message, batch.messages, Math.min(limits.messages, REQUEST_LIMITS.batchMessages))) {
        add(message, batch.messages);
        continue;
      }
      if (eligible) return batch;
      if (message.ordered) orderBlocked = true;
    }
  }
  return batch;
}

/**
 * Documents a batch message writes on deployed servers: itself and each part (a session it names
 * adds two: created, then its counts patched). openapi.yaml's `/sync/batch` states the budget.
 */
export const messageWrites = (message: MessageUpsert) => 1 + (message.parts?.length ?? 0);
