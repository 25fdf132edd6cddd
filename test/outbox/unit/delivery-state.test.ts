/** The delivery state's events, applied one by one: what each changes, per destination. */
import { describe, expect, it } from "vitest";
import { apply, type DeliveryEvent, emptyState, focus } from "../../../src/outbox/state/delivery-state.js";
import { deserialise, serialise } from "../../../src/outbox/state/state-snapshot.js";

const at = 1000;
function stateAfter(events: (DeliveryEvent & { to?: string })[], destination = "") {
  const state = emptyState(destination);
  for (const [i, event] of events.entries()) apply(state, { ...event, seq: i + 1 }, 5000);
  return state;
}
const send = (via: "batch" | "single" = "batch"): DeliveryEvent => ({
  e: "send",
  at,
  group: "sync",
  via,
  s: [["s", "ds"]],
  m: [["m", "dm"]],
});

describe("apply", () => {
  it("send: the keys are in flight, with the route and digest; what was stored is no longer known", () => {
    const state = stateAfter([
      { e: "ack", at: 10, done: [], s: [["s", "old"]], touched: [], m: [["m", 20, "old"]] },
      send(),
    ]);
    expect(state.sessions.get("s")).toMatchObject({ inflightAt: at, inflightDigest: "ds", exists: true });
    expect(state.sessions.get("s")!.storedDigest).toBeUndefined();
    expect(state.messages.get("m")).toMatchObject({ inflightAt: at, inflightVia: "batch", inflightDigest: "dm" });
    expect(state.messages.get("m")!.storedDigest).toBeUndefined();
    expect(state.requests.get("sync")).toEqual([at]);
  });

  it("ack: records done, in flight cleared, sessions exist and were touched, messages quiet until their time", () => {
    const state = stateAfter([
      send(),
      { e: "ack", at: 2000, done: [["seg", [1, 2]]], s: [["s", "ds"]], touched: ["s"], m: [["m", 7500, "dm"]] },
    ]);
    expect([...state.done.get("seg")!]).toEqual([1, 2]);
    expect(state.sessions.get("s")).toMatchObject({ exists: true, touchedAt: 2000, storedDigest: "ds" });
    expect(state.sessions.get("s")!.inflightAt).toBeUndefined();
    expect(state.messages.get("m")).toMatchObject({ storedQuietAt: 7500, storedDigest: "dm" });
    expect(state.messages.get("m")!.inflightVia).toBeUndefined();
  });

  it("clear: nothing was written, so nothing is in flight", () => {
    const state = stateAfter([send(), { e: "clear", s: ["s"], m: ["m"] }]);
    expect(state.sessions.get("s")!.inflightAt).toBeUndefined();
    expect(state.messages.get("m")!.inflightAt).toBeUndefined();
  });

  it("clear after a resend: the earlier send of unknown outcome is in flight again (it may have written)", () => {
    const resend: DeliveryEvent = { e: "send", at: 4000, group: "sync", via: "single", s: [], m: [["m", "dm2"]] };
    const state = stateAfter([send(), resend, { e: "clear", s: [], m: ["m"] }]);
    expect(state.messages.get("m")).toMatchObject({ inflightAt: at, inflightVia: "batch", inflightDigest: "dm" });
    expect(state.messages.get("m")).not.toHaveProperty("earlier");
    // Three sends, the last two cleared: the first is what may be on the server.
    const twice = stateAfter([
      send(),
      resend,
      { e: "clear", s: [], m: ["m"] },
      resend,
      { e: "clear", s: [], m: ["m"] },
    ]);
    expect(twice.messages.get("m")).toMatchObject({ inflightAt: at, inflightVia: "batch" });
    // Kept across a snapshot (a restarted flusher reads it back).
    const mid = stateAfter([send(), resend]);
    const back = deserialise(serialise(mid));
    apply(back, { e: "clear", s: [], m: ["m"], seq: 3 });
    expect(back.messages.get("m")).toMatchObject({ inflightAt: at, inflightVia: "batch" });
    // An answer says what is stored: nothing earlier is left.
    const acked = stateAfter([
      send(),
      resend,
      { e: "ack", at: 5000, done: [], s: [], touched: [], m: [["m", 9, "d"]] },
    ]);
    expect(acked.messages.get("m")).not.toHaveProperty("earlier");
    expect(acked.messages.get("m")).not.toHaveProperty("inflightAt");
  });

  it("absent and present: what a read-back found", () => {
    // Not there when read, yet a request of ours may still land: in flight still, to be resent alone.
    const absent = stateAfter([send(), { e: "absent", at: 2000, m: ["m"] }]);
    expect(absent.messages.get("m")).toMatchObject({ inflightAt: at, inflightDigest: "dm", absentAt: 2000 });
    // The next send may land too: the read says nothing of it; if it certainly wrote nothing, it does again.
    const resent = stateAfter([send(), { e: "absent", at: 2000, m: ["m"] }, send()]);
    expect(resent.messages.get("m")).not.toHaveProperty("absentAt");
    const refused = stateAfter([send(), { e: "absent", at: 2000, m: ["m"] }, send(), { e: "clear", s: [], m: ["m"] }]);
    expect(refused.messages.get("m")).toMatchObject({ inflightAt: at, absentAt: 2000 });
    // From a journal written before reads had a time: taken as long ago.
    expect(stateAfter([send(), { e: "absent", m: ["m"] }]).messages.get("m")).toMatchObject({ absentAt: 0 });
    expect(absent.messages.get("m")).not.toHaveProperty("storedQuietAt");
    const present = stateAfter([send(), { e: "present", m: [["m", 9000]] }]);
    expect(present.messages.get("m")).toMatchObject({ storedQuietAt: 9000 });
    expect(present.messages.get("m")).not.toHaveProperty("storedDigest");
  });

  it("recheck: the session exists but its last write may have been skipped", () => {
    const state = stateAfter([send(), { e: "recheck", at: 3000, s: ["s"] }]);
    expect(state.sessions.get("s")).toMatchObject({ exists: true, recheck: true, touchedAt: 3000 });
  });

  it("reject, serverErrors, serverIds, block, segmentsRemoved", () => {
    const state = stateAfter([
      send("single"),
      { e: "serverErrors", kind: "m", id: "m", count: 2 },
      { e: "reject", done: [["seg", [4]]], s: [], m: ["m"] },
      { e: "serverIds", ids: [["s", "id-1"]] },
      { e: "block", group: "sync", until: 9000 },
      { e: "block", group: "sync", until: 8000 },
    ]);
    expect(state.messages.get("m")).not.toHaveProperty("serverErrors");
    expect(state.messages.get("m")).not.toHaveProperty("inflightAt");
    expect(state.sessions.get("s")!.serverId).toBe("id-1");
    expect(state.blockedUntil.get("sync")).toBe(9000);
    expect([...state.done.get("seg")!]).toEqual([4]);
    apply(state, { e: "segmentsRemoved", segments: ["seg"], seq: 99 });
    expect(state.done.has("seg")).toBe(false);
  });

  it("skips events already in the state (at or below its seq)", () => {
    const state = stateAfter([send()]);
    apply(state, { e: "clear", s: ["s"], m: ["m"], seq: 1 });
    expect(state.messages.get("m")!.inflightAt).toBe(at);
  });

  it("keeps each destination's memory apart; records done are done whatever the destination", () => {
    const state = stateAfter([
      { ...send(), to: "a@https://one" },
      { e: "ack", at, done: [["seg", [1]]], s: [["s", "ds"]], touched: [], m: [], to: "a@https://one" },
    ]);
    expect(state.sessions.size).toBe(0);
    expect([...state.done.get("seg")!]).toEqual([1]);
    focus(state, "a@https://one");
    expect(state.sessions.get("s")).toMatchObject({ exists: true, storedDigest: "ds" });
    const back = deserialise(serialise(state), "a@https://one");
    expect(back.sessions.get("s")).toMatchObject({ exists: true });
    expect(deserialise(serialise(state)).sessions.size).toBe(0);
  });
});
