/**
 * What is pending, read-only (no lock: a flush may be running), from the spool and the journal:
 * records not done, per destination, the oldest one's enqueue time, and what is in flight.
 */

import type { OutboxLayout } from "../layout.js";
import type { Spool } from "../spool/spool.js";
import { readDeliveryState } from "./journal.js";

export interface PendingCount {
  pending: number;
  /** Pending records by destination key ("" for records bound to none). */
  byDestination: Map<string, number>;
  oldest: number | undefined;
  inFlight: number;
}

export async function pendingCount(layout: OutboxLayout, spool: Spool): Promise<PendingCount> {
  const state = await readDeliveryState(layout);
  let pending = 0;
  let oldest: number | undefined;
  const byDestination = new Map<string, number>();
  for (const record of spool.records()) {
    if (state.done.get(record.segment)?.has(record.offset)) continue;
    pending++;
    const key = record.destination ?? "";
    byDestination.set(key, (byDestination.get(key) ?? 0) + 1);
    if (oldest === undefined || record.t < oldest) oldest = record.t;
  }
  let inFlight = 0;
  for (const { sessions, messages } of state.destinations.values())
    for (const memory of [...sessions.values(), ...messages.values()]) if (memory.inflightAt !== undefined) inFlight++;
  return { pending, byDestination, oldest, inFlight };
}
