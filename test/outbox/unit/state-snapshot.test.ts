/** The delivery state at rest: its snapshot read back (also one from before destinations), and pruning. */
import { describe, expect, it } from "vitest";
import { apply, type DeliveryEvent, emptyState, focus } from "../../../src/outbox/state/delivery-state.js";
import { deserialise, prune } from "../../../src/outbox/state/state-snapshot.js";

const send: DeliveryEvent = { e: "send", at: 1000, group: "sync", via: "batch", s: [["s", "ds"]], m: [["m", "dm"]] };

describe("deserialise", () => {
  it("reads a snapshot from before destinations as the memory of the flush that names none", () => {
    const old = JSON.stringify({
      seq: 3,
      done: [],
      sessions: [["s", { exists: true, seenAt: 1 }]],
      messages: [],
      requests: [],
      blockedUntil: [],
    });
    expect(deserialise(old).sessions.get("s")).toMatchObject({ exists: true });
    expect(deserialise(old, "a@https://one").sessions.size).toBe(0);
  });
});

describe("prune", () => {
  it("forgets what no pending record needs, in every destination, but never what is in flight", () => {
    const state = emptyState();
    apply(state, { ...send, to: "x", seq: 1 });
    focus(state, "x");
    state.sessions.set("old", { seenAt: 0 });
    prune(state, 100_000, 10, new Set(), { sessions: new Set(), messages: new Set() }, 1000);
    expect(state.sessions.has("old")).toBe(false);
    expect(state.sessions.has("s")).toBe(true);
    expect(state.requests.get("sync")).toEqual([]);
  });
});
