/**
 * What the flusher knows about delivery, as plain data changed only by events (so that replaying
 * the journal's events over its last snapshot gives the same state after any crash):
 *   - which records are done (delivered, dead-lettered, or covered by a delivery of a later
 *     version of the same session or message), by segment;
 *   - per session and per message, what the server may hold: whether it exists, when it was last
 *     written (deployed servers' quiet windows run from there), and whether a request carrying it
 *     is in flight, i.e. sent with no known outcome (a crash, a timeout, a 5xx);
 *   - the requests sent per rate-limit group, and how long a 429 asked to wait.
 */
import {
  clearInflight,
  clearLatest,
  type DestinationMemory,
  type MessageMemory,
  type SessionMemory,
  type Via,
} from "./server-memory.js";

export type { DestinationMemory, MessageMemory, SessionMemory, Via } from "./server-memory.js";

export interface DeliveryState {
  seq: number;
  /** Records done (delivered, dead-lettered, covered or quarantined), whatever their destination. */
  done: Map<string, Set<number>>;
  /** Per destination key ("" for a flusher that names none: a `client` given without baseUrl and apiKey). */
  destinations: Map<string, DestinationMemory>;
  /** The destination this state was opened for, and its memory (what the planner reads). */
  destination: string;
  sessions: Map<string, SessionMemory>;
  messages: Map<string, MessageMemory>;
  /** Send times per rate-limit group (only the last window's are kept). */
  requests: Map<string, number[]>;
  blockedUntil: Map<string, number>;
}

type Done = [segment: string, offsets: number[]][];

export type DeliveryEvent =
  /** Written (and synced) before a request leaves: its keys are in flight until an outcome. */
  | {
      e: "send";
      at: number;
      group: string;
      via: Via;
      s: [id: string, digest: string][];
      m: [id: string, digest: string][];
    }
  /** A read, counted against its group's rate limit. */
  | { e: "read"; at: number; group: string }
  | { e: "block"; group: string; until: number }
  /** The request certainly did not write (refused before writing, or never sent). */
  | { e: "clear"; s: string[]; m: string[] }
  /** Stored: the records are done; sessions exist (touched at `at`); messages are stored. */
  | {
      e: "ack";
      at: number;
      done: Done;
      s: [id: string, digest: string][];
      touched: string[];
      m: [id: string, quietAt: number, digest: string][];
    }
  /** A batch stored its sessions but skipped some (count lower than sent): send them again once quiet. */
  | { e: "recheck"; at: number; s: string[] }
  /** Read back: these messages were not on the server when the read was sent, `at` (absent in older journals). */
  | { e: "absent"; at?: number; m: string[] }
  /** Read back: these messages are on the server (an update, after the quiet time). */
  | { e: "present"; m: [id: string, quietAt: number][] }
  /** Dead-lettered: the records are done. */
  | { e: "reject"; done: Done; s: string[]; m: string[] }
  | { e: "serverErrors"; kind: "s" | "m"; id: string; count: number }
  | { e: "serverIds"; ids: [externalId: string, id: string][] }
  | { e: "segmentsRemoved"; segments: string[] };

/**
 * `to`: the destination whose memory the event changes ("" when absent, as in journals written
 * before destinations).
 */
export type SequencedEvent = DeliveryEvent & { seq: number; to?: string };

export function emptyState(destination = ""): DeliveryState {
  const state = {
    seq: 0,
    done: new Map(),
    destinations: new Map(),
    requests: new Map(),
    blockedUntil: new Map(),
  } as unknown as DeliveryState;
  return focus(state, destination);
}

/** The memory of one destination (made empty when first needed). */
export function memoryOf(state: DeliveryState, destination: string): DestinationMemory {
  let memory = state.destinations.get(destination);
  if (!memory) {
    memory = { sessions: new Map(), messages: new Map() };
    state.destinations.set(destination, memory);
  }
  return memory;
}

/** Points `sessions` and `messages` at one destination's memory. */
export function focus(state: DeliveryState, destination: string): DeliveryState {
  const memory = memoryOf(state, destination);
  state.destination = destination;
  state.sessions = memory.sessions;
  state.messages = memory.messages;
  return state;
}

/** A record's memory in `memories`, made on first sight, seen at `at` at the latest. */
function remembered<M extends { seenAt: number }>(memories: Map<string, M>, id: string, at: number): M {
  let memory = memories.get(id);
  if (!memory) {
    // Every field but seenAt is optional in both kinds of memory.
    memory = { seenAt: at } as M;
    memories.set(id, memory);
  }
  memory.seenAt = Math.max(memory.seenAt, at);
  return memory;
}
const sessionOf = (state: DestinationMemory, id: string, at: number): SessionMemory =>
  remembered(state.sessions, id, at);
const messageOf = (state: DestinationMemory, id: string, at: number): MessageMemory =>
  remembered(state.messages, id, at);

function markDone(state: DeliveryState, done: Done): void {
  for (const [segment, offsets] of done) {
    let set = state.done.get(segment);
    if (!set) {
      set = new Set();
      state.done.set(segment, set);
    }
    for (const offset of offsets) set.add(offset);
  }
}

type EventOf<E extends DeliveryEvent["e"]> = Extract<DeliveryEvent, { e: E }>;

/** Applies one event. Events at or below the state's seq (already in the snapshot) are skipped. */
export function apply(whole: DeliveryState, event: SequencedEvent, now = Date.now()): void {
  if (event.seq <= whole.seq) return;
  whole.seq = event.seq;
  const state = memoryOf(whole, event.to ?? "");
  switch (event.e) {
    case "send":
      applySend(whole, state, event);
      break;
    case "read":
      countRequest(whole, event.group, event.at);
      break;
    case "block":
      whole.blockedUntil.set(event.group, Math.max(whole.blockedUntil.get(event.group) ?? 0, event.until));
      break;
    case "clear":
      for (const id of event.s) clearInflight(sessionOf(state, id, now));
      for (const id of event.m) clearLatest(messageOf(state, id, now));
      break;
    case "ack":
      applyAck(whole, state, event);
      break;
    case "recheck":
      for (const id of event.s) {
        const memory = sessionOf(state, id, event.at);
        clearInflight(memory);
        delete memory.storedDigest;
        memory.exists = true;
        memory.recheck = true;
        memory.touchedAt = Math.max(memory.touchedAt ?? 0, event.at);
      }
      break;
    case "absent":
      applyAbsent(state, event, now);
      break;
    case "present":
      for (const [id, quietAt] of event.m) {
        const memory = messageOf(state, id, now);
        clearInflight(memory);
        delete memory.storedDigest;
        memory.storedQuietAt = Math.max(memory.storedQuietAt ?? 0, quietAt);
      }
      break;
    case "reject":
      markDone(whole, event.done);
      for (const memory of [
        ...event.s.map((id) => sessionOf(state, id, now)),
        ...event.m.map((id) => messageOf(state, id, now)),
      ]) {
        clearInflight(memory);
        delete memory.serverErrors;
      }
      break;
    case "serverErrors":
      (event.kind === "s" ? sessionOf(state, event.id, now) : messageOf(state, event.id, now)).serverErrors =
        event.count;
      break;
    case "serverIds":
      for (const [externalId, id] of event.ids) sessionOf(state, externalId, now).serverId = id;
      break;
    case "segmentsRemoved":
      for (const segment of event.segments) whole.done.delete(segment);
      break;
  }
}

function applySend(whole: DeliveryState, state: DestinationMemory, event: EventOf<"send">): void {
  // Until an answer says what was stored, what the server holds is not known.
  for (const [id, digest] of event.s) {
    const memory = sessionOf(state, id, event.at);
    memory.inflightAt = event.at;
    memory.inflightDigest = digest;
    delete memory.storedDigest;
  }
  for (const [id, digest] of event.m) {
    const memory = messageOf(state, id, event.at);
    if (memory.inflightAt !== undefined)
      memory.earlier = {
        at: memory.inflightAt,
        via: memory.inflightVia ?? "batch",
        digest: memory.inflightDigest,
        absentAt: memory.absentAt,
      };
    delete memory.absentAt;
    memory.inflightAt = event.at;
    memory.inflightVia = event.via;
    memory.inflightDigest = digest;
    delete memory.storedDigest;
  }
  countRequest(whole, event.group, event.at);
}

function applyAck(whole: DeliveryState, state: DestinationMemory, event: EventOf<"ack">): void {
  markDone(whole, event.done);
  for (const [id, digest] of event.s) {
    const memory = sessionOf(state, id, event.at);
    clearInflight(memory);
    delete memory.recheck;
    delete memory.serverErrors;
    memory.storedDigest = digest;
  }
  for (const id of [...event.s.map(([id]) => id), ...event.touched]) {
    const memory = sessionOf(state, id, event.at);
    memory.exists = true;
    memory.touchedAt = Math.max(memory.touchedAt ?? 0, event.at);
  }
  for (const [id, quietAt, digest] of event.m) {
    const memory = messageOf(state, id, event.at);
    clearInflight(memory);
    delete memory.serverErrors;
    memory.storedQuietAt = Math.max(memory.storedQuietAt ?? 0, quietAt);
    memory.storedDigest = digest;
  }
}

/**
 * Not there when read, but a request of ours may still land after the read (a killed flusher's, one
 * held by a proxy): in flight still, with the time of the read (the planner batches it again only
 * while that is safe).
 */
function applyAbsent(state: DestinationMemory, event: EventOf<"absent">, now: number): void {
  for (const id of event.m) {
    const memory = messageOf(state, id, now);
    delete memory.earlier;
    delete memory.storedQuietAt;
    if (memory.inflightAt !== undefined) memory.absentAt = event.at ?? 0;
  }
}

/** Send times older than this are of no use to any rate limit (the spec's windows are a minute). */
const REQUEST_HISTORY_MS = 3_600_000;

function countRequest(state: DeliveryState, group: string, at: number): void {
  let times = state.requests.get(group);
  if (!times) {
    times = [];
    state.requests.set(group, times);
  }
  times.push(at);
  let drop = 0;
  while (drop < times.length && times[drop]! < at - REQUEST_HISTORY_MS) drop++;
  if (drop > 0) times.splice(0, drop);
}
