/**
 * The delivery state at rest: journal/state.json's JSON (Maps as entry lists: external ids are data,
 * never object keys), and what a snapshot may forget.
 */
import { type DeliveryState, emptyState, focus } from "./delivery-state.js";

/**
 * Forgets what no pending record needs: sessions and messages not seen for `retainMs` (unless in
 * flight), done offsets of segments that are gone.
 */
export function prune(
  state: DeliveryState,
  now: number,
  retainMs: number,
  liveSegments: Set<string>,
  pendingKeys: { sessions: Set<string>; messages: Set<string> },
  requestWindowMs: number,
): void {
  for (const times of state.requests.values()) {
    let drop = 0;
    while (drop < times.length && times[drop]! < now - requestWindowMs) drop++;
    times.splice(0, drop);
  }
  for (const { sessions, messages } of state.destinations.values()) {
    for (const [id, memory] of sessions) {
      if (memory.inflightAt === undefined && !pendingKeys.sessions.has(id) && now - memory.seenAt > retainMs)
        sessions.delete(id);
    }
    for (const [id, memory] of messages) {
      if (memory.inflightAt === undefined && !pendingKeys.messages.has(id) && now - memory.seenAt > retainMs)
        messages.delete(id);
    }
  }
  for (const segment of state.done.keys()) if (!liveSegments.has(segment)) state.done.delete(segment);
  for (const [group, until] of state.blockedUntil) if (until < now) state.blockedUntil.delete(group);
}

/** The state as JSON (Maps as entry lists: external ids are data, never object keys). */
export function serialise(state: DeliveryState): string {
  return JSON.stringify({
    seq: state.seq,
    done: [...state.done].map(([segment, offsets]) => [segment, [...offsets]]),
    destinations: [...state.destinations].map(([key, memory]) => [key, [...memory.sessions], [...memory.messages]]),
    requests: [...state.requests],
    blockedUntil: [...state.blockedUntil],
  });
}

/** A snapshot read back, focused on `destination`. A snapshot from before destinations holds the memory of "". */
export function deserialise(json: string, destination = ""): DeliveryState {
  const raw = JSON.parse(json);
  const state = emptyState();
  state.seq = raw.seq;
  state.done = new Map((raw.done as [string, number[]][]).map(([segment, offsets]) => [segment, new Set(offsets)]));
  state.requests = new Map(raw.requests);
  state.blockedUntil = new Map(raw.blockedUntil);
  if (raw.sessions || raw.messages)
    state.destinations.set("", { sessions: new Map(raw.sessions ?? []), messages: new Map(raw.messages ?? []) });
  for (const [key, sessions, messages] of (raw.destinations ?? []) as [string, [], []][])
    state.destinations.set(key, { sessions: new Map(sessions), messages: new Map(messages) });
  return focus(state, destination);
}
