/** Records, configurations and plans for the planner's and the batch packing's unit tests. */

import type { PlannerConfig } from "../../../src/outbox/flush/planner.js";
import { planDeliveries } from "../../../src/outbox/flush/planner.js";
import type { SpoolRecord } from "../../../src/outbox/spool/spool.js";
import type { DeliveryState } from "../../../src/outbox/state/delivery-state.js";

export const NOW = 1_000_000;
export const SETTLE = 15_000;
export const config = (extra: Partial<PlannerConfig> = {}): PlannerConfig => ({
  settleMs: SETTLE,
  createdAt: "preserve",
  unverifiable: new Set(),
  ...extra,
});
let offset = 0;
export const rec = (kind: "session" | "message", body: object, t = NOW - 1000): SpoolRecord => ({
  id: `seg#${offset}`,
  segment: "seg",
  offset: offset++,
  kind,
  t,
  body: body as never,
});
export const msg = (id: string, extra: object = {}) =>
  rec("message", {
    sessionExternalId: "s",
    externalId: id,
    role: "user",
    textContent: id,
    parts: [{ type: "text", content: id }],
    ...extra,
  });
export const partless = (id: string) =>
  rec("message", { sessionExternalId: "s", externalId: id, role: "user", textContent: id });
export const session = (extra: object = {}) => rec("session", { externalId: "s", title: "t", ...extra });

export function deliveryOf(records: SpoolRecord[], state: DeliveryState, cfg = config()) {
  const plan = planDeliveries(records, state, NOW, cfg);
  const all = plan.sessions.flatMap((p) => [...(p.session ? [p.session] : []), ...p.messages]);
  return { plan, all, one: all[all.length - 1]! };
}
