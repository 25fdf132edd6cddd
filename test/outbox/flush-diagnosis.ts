/**
 * What a flush that left records pending was doing, for a test to print when it fails: what each
 * pending record waits for (read from the spool and the journal, as the planner sees them), and
 * how the flush spent its time (from the requests a recording client saw).
 */

import { destinationOf } from "../../src/outbox/destination.js";
import { type Delivery, planDeliveries } from "../../src/outbox/flush/planner.js";
import { rateWait } from "../../src/outbox/flush/rate-budget.js";
import { layoutOf } from "../../src/outbox/layout.js";
import { Spool } from "../../src/outbox/spool/spool.js";
import { type DestinationMemory, focus } from "../../src/outbox/state/delivery-state.js";
import { readDeliveryState } from "../../src/outbox/state/journal.js";
import type { Sent } from "./support.js";

export interface DiagnosedConfig {
  baseUrl: string;
  apiKey: string;
  settleMs: number;
  rateLimits: Record<string, { limit: number; windowSeconds: number }>;
}

/** Pending records by what they wait for, e.g. "in flight, settling: 12 (40 records, ready in 1.2 s)". */
export async function describePending(dir: string, config: DiagnosedConfig, now = Date.now()): Promise<string> {
  const layout = layoutOf(dir);
  const spool = new Spool(layout.spool);
  await spool.refresh();
  const key = destinationOf(config.baseUrl, config.apiKey)!.key;
  // Read from disk for this diagnosis alone: pointing it at the destination changes nothing else.
  const state = focus(await readDeliveryState(layout), key);
  const plan = planDeliveries(
    [...spool.records()].filter((r) => r.destination === undefined || r.destination === key),
    state,
    now,
    { settleMs: config.settleMs, createdAt: "preserve", unverifiable: new Set() },
  );
  const reasons = new Map<string, { deliveries: number; records: number; readyIn: number }>();
  const count = (reason: string, d: Delivery) => {
    const entry = reasons.get(reason) ?? { deliveries: 0, records: 0, readyIn: 0 };
    entry.deliveries++;
    entry.records += d.records.length;
    entry.readyIn = Math.max(entry.readyIn, d.readyAt - now);
    reasons.set(reason, entry);
  };
  for (const session of plan.sessions) {
    const own = session.session;
    if (own) count(waitOf(own, state, now), own);
    const sessionFirst = own !== undefined && !session.exists;
    let orderBlocked = false;
    for (const message of session.messages) {
      let reason = waitOf(message, state, now);
      if (message.readyAt <= now && sessionFirst) reason = "waiting for its session's delivery";
      else if (message.readyAt <= now && message.ordered && orderBlocked) reason = "behind an earlier message";
      if (message.ordered) orderBlocked ||= message.readyAt > now || message.route !== "batch";
      count(reason, message);
    }
  }
  const lines = [...reasons].map(
    ([reason, r]) =>
      `${reason}: ${r.deliveries} (${r.records} records` +
      (r.readyIn > 0 ? `, the last ready in ${(r.readyIn / 1000).toFixed(1)} s)` : ")"),
  );
  const waits = ["sync", "api"].map((g) => `${g} ${rateWait(state, g, config.rateLimits[g], now)} ms`);
  return `${plan.pending} records pending; rate waits: ${waits.join(", ")}\n  ${lines.join("\n  ")}`;
}

function waitOf(d: Delivery, state: DestinationMemory, now: number) {
  const memory = d.kind === "session" ? state.sessions.get(d.key) : state.messages.get(d.key);
  const where = `${d.kind} ${d.route}`;
  if (d.readyAt <= now) return `${where}, ready${memory?.inflightAt !== undefined ? " (in flight, settled)" : ""}`;
  if (memory?.inflightAt !== undefined) return `${where}, in flight: settling or waiting out a quiet window`;
  if (memory && "recheck" in memory) return `${where}, skipped by the server: waiting out its quiet window`;
  return `${where}, stored before: waiting out its quiet window`;
}

/** How a flush spent its time: requests by path and answer, time waiting for answers and between requests. */
export function describeRequests(sent: readonly Sent[], from: number, to: number, timeoutMs: number): string {
  const byPath = new Map<string, Map<string, number>>();
  let answering = 0;
  let busyUntil = from;
  let idle = 0;
  for (const request of sent) {
    const answer = request.status === undefined ? "no answer" : String(request.status);
    const path = byPath.get(request.path) ?? new Map<string, number>();
    path.set(answer, (path.get(answer) ?? 0) + 1);
    byPath.set(request.path, path);
    const end = request.answeredAt ?? Math.min(to, request.at + timeoutMs);
    idle += Math.max(0, request.at - busyUntil);
    answering += Math.max(0, end - Math.max(request.at, busyUntil));
    busyUntil = Math.max(busyUntil, end);
  }
  idle += Math.max(0, to - busyUntil);
  const paths = [...byPath].map(
    ([path, answers]) => `${path}: ${[...answers].map(([answer, n]) => `${n}×${answer}`).join(", ")}`,
  );
  return (
    `${sent.length} requests in ${((to - from) / 1000).toFixed(1)} s: ` +
    `${(answering / 1000).toFixed(1)} s waiting for answers, ${(idle / 1000).toFixed(1)} s between requests\n  ` +
    paths.join("\n  ")
  );
}
