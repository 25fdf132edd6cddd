/**
 * What the planner sends, how and when, for each thing the server may hold: the routes that
 * cannot lose data on deployed servers, their waits, and the order inside a session.
 */
import { describe, expect, it } from "vitest";
import { packBatch } from "../../../src/outbox/flush/batch-packing.js";
import { contentDigest } from "../../../src/outbox/flush/content-digest.js";
import { dueVerifications, nextSingle } from "../../../src/outbox/flush/planner.js";
import type { SpoolRecord } from "../../../src/outbox/spool/spool.js";
import { apply, type DeliveryEvent, type DeliveryState, emptyState } from "../../../src/outbox/state/delivery-state.js";
import type { MessageMemory } from "../../../src/outbox/state/server-memory.js";
import { config, deliveryOf, msg, NOW, partless, SETTLE, session } from "./plan-fixtures.js";

describe("routes and waits", () => {
  const state = (set: (s: DeliveryState) => void) => {
    const s = emptyState();
    set(s);
    return s;
  };
  it.each([
    [
      "a new message with parts: batched at once, ordered",
      [msg("m")],
      emptyState(),
      { route: "batch", readyAt: NOW, ordered: true },
    ],
    [
      "a new message with createdAt (preserve): alone, at once",
      [msg("m", { createdAt: 5 })],
      emptyState(),
      { route: "single", readyAt: NOW, ordered: false },
    ],
    [
      "a stored message updated with parts: alone, once quiet",
      [msg("m")],
      state((s) => s.messages.set("m", { seenAt: 0, storedQuietAt: NOW + 4000 })),
      { route: "single", readyAt: NOW + 4000 },
    ],
    [
      "a stored message updated without parts: batched, once quiet",
      [partless("m")],
      state((s) => s.messages.set("m", { seenAt: 0, storedQuietAt: NOW + 4000 })),
      { route: "batch", readyAt: NOW + 4000 },
    ],
    [
      "a message with parts from a batch of unknown outcome: read back once settled",
      [msg("m")],
      state((s) =>
        s.messages.set("m", { seenAt: 0, inflightAt: NOW - 1000, inflightVia: "batch", inflightDigest: "other" }),
      ),
      { route: "verify", readyAt: NOW - 1000 + SETTLE, ordered: true },
    ],
    [
      "the same, sent alone before: alone again (it replaces parts), quiet after the latest the first can land",
      [msg("m")],
      state((s) =>
        s.messages.set("m", { seenAt: 0, inflightAt: NOW - 1000, inflightVia: "single", inflightDigest: "other" }),
      ),
      { route: "single", readyAt: NOW - 1000 + SETTLE + 6000 },
    ],
    [
      "a message without parts of unknown outcome: batched again once settled",
      [partless("m")],
      state((s) => s.messages.set("m", { seenAt: 0, inflightAt: NOW - 1000, inflightVia: "batch" })),
      { route: "batch", readyAt: NOW - 1000 + SETTLE },
    ],
    [
      "a version identical to the one stored: done without a request",
      [msg("m")],
      state((s) =>
        s.messages.set("m", {
          seenAt: 0,
          storedQuietAt: NOW + 4000,
          storedDigest: contentDigest({
            sessionExternalId: "s",
            externalId: "m",
            role: "user",
            textContent: "m",
            parts: [{ type: "text", content: "m" }],
          }),
        }),
      ),
      { route: "stored" },
    ],
    [
      "a session with createdAt, never stored: alone",
      [session({ createdAt: 7 })],
      emptyState(),
      { route: "single", body: { externalId: "s", title: "t", createdAt: 7 } },
    ],
    [
      "a session with createdAt already stored: batched without it",
      [session({ createdAt: 7 })],
      state((s) => s.sessions.set("s", { seenAt: 0, exists: true })),
      { route: "batch", body: { externalId: "s", title: "t" } },
    ],
    [
      "a session whose batch count showed a skip: batched again 11 s after its last write",
      [session()],
      state((s) => s.sessions.set("s", { seenAt: 0, exists: true, recheck: true, touchedAt: NOW - 2000 })),
      { route: "batch", readyAt: NOW - 2000 + 11_000 },
    ],
  ] as const)("%s", (_, records, state_, expected) => {
    expect(deliveryOf([...records], state_).one).toMatchObject(expected);
  });

  it("sends a changed session alone 11 s after the latest its write of unknown outcome can land, unless it resends exactly what may have landed", () => {
    const body = { externalId: "s", title: "t", createdAt: 7, cost: 2 };
    const deliveryAfter = (digest: string) => {
      const s = emptyState();
      s.sessions.set("s", { seenAt: 0, inflightAt: NOW - 1000, inflightDigest: digest });
      return deliveryOf([session({ createdAt: 7, cost: 2 })], s, config({ settleMs: 500 })).one;
    };
    expect(deliveryAfter("something else")).toMatchObject({ route: "single", readyAt: NOW - 1000 + 500 + 11_000 });
    expect(deliveryAfter(contentDigest(body))).toMatchObject({ route: "single", readyAt: NOW });
  });

  it("sends a changed message alone no sooner than 6 s after the latest its earlier write of unknown outcome can land", () => {
    // That write may land as late as settleMs after it left, creating the message then; deployed
    // servers skip a write within 5 s of a message's creation and answer it as if stored.
    const settleMs = 2000;
    const inflightAt = NOW - 1000;
    const latestLanding = inflightAt + settleMs;
    const deliveryAfter = (record: SpoolRecord, memory: Partial<MessageMemory>) => {
      const s = emptyState();
      s.messages.set("m", { seenAt: 0, inflightAt, inflightDigest: "other", ...memory });
      return deliveryOf([record], s, config({ settleMs })).one;
    };
    expect(deliveryAfter(msg("m"), { inflightVia: "single" })).toMatchObject({
      route: "single",
      readyAt: latestLanding + 6000,
    });
    // Read back absent: sent alone, with the same wait.
    expect(deliveryAfter(msg("m"), { inflightVia: "batch", absentAt: NOW })).toMatchObject({
      route: "single",
      readyAt: latestLanding + 6000,
    });
    // Exactly what may have landed: a skip of it loses nothing, so it goes once settled.
    const digest = deliveryOf([msg("m")], emptyState()).one.digest;
    expect(deliveryAfter(msg("m"), { inflightVia: "single", inflightDigest: digest })).toMatchObject({
      route: "single",
      readyAt: latestLanding,
    });
    // A batch's answer counts what it stored, so a skip shows there: a batch need not wait as long.
    expect(deliveryAfter(partless("m"), { inflightVia: "batch" })).toMatchObject({
      route: "batch",
      readyAt: inflightAt + 6000,
    });
  });

  it("createdAt: drop batches a dated message without its createdAt", () => {
    const { one } = deliveryOf([msg("m", { createdAt: 5 })], emptyState(), config({ createdAt: "drop" }));
    expect(one).toMatchObject({ route: "batch", ordered: true });
    expect(one.body).not.toHaveProperty("createdAt");
  });

  it("a message whose read-back failed goes alone", () => {
    const s = emptyState();
    s.messages.set("m", { seenAt: 0, inflightAt: NOW - SETTLE - 10_000, inflightVia: "batch" });
    expect(deliveryOf([msg("m")], s, config({ unverifiable: new Set(["m"]) })).one.route).toBe("single");
  });
});

describe("a message with parts goes in a batch only while the server has certainly never stored it", () => {
  const sent = (via: "batch" | "single", at: number, digest = "d1"): DeliveryEvent => ({
    e: "send",
    at,
    group: "sync",
    via,
    s: [],
    m: [["m", digest]],
  });
  const clear: DeliveryEvent = { e: "clear", s: [], m: ["m"] };
  const stateAfterEvents = (events: DeliveryEvent[]) => {
    const s = emptyState();
    for (const [i, event] of events.entries()) apply(s, { ...event, seq: i + 1 }, NOW);
    return s;
  };
  const early = NOW - SETTLE - 20_000;
  const late = NOW - SETTLE - 10_000;
  it.each([
    ["a batch of unknown outcome (a cut answer, a flusher killed mid-request)", [sent("batch", early)]],
    [
      "a batch of unknown outcome, then its resend alone refused before writing (429, never sent, 400)",
      [sent("batch", early), sent("single", late), clear],
    ],
    [
      "two sends of unknown outcome, then a third that wrote nothing",
      [sent("batch", early), sent("single", late), sent("single", late + 1), clear],
    ],
    [
      "a batch of unknown outcome, read back absent (it may land later)",
      [sent("batch", early), { e: "absent", m: ["m"] }],
    ],
    [
      "read back absent, then its resend refused before writing",
      [sent("batch", early), { e: "absent", at: late, m: ["m"] }, sent("batch", late), clear],
    ],
    [
      "stored, then an update that wrote nothing",
      [
        { e: "ack", at: early, done: [], s: [], touched: [], m: [["m", early + 6000, "d0"]] },
        sent("single", late),
        clear,
      ],
    ],
  ] as [string, DeliveryEvent[]][])("not after %s", (_, events) => {
    for (const cfg of [config(), config({ unverifiable: new Set(["m"]) })]) {
      const { one } = deliveryOf([msg("m")], stateAfterEvents(events), cfg);
      expect(one.route).not.toBe("batch");
      // An edit (other parts) is no different.
      expect(
        deliveryOf([msg("m", { parts: [{ type: "text", content: "edited" }] })], stateAfterEvents(events), cfg).one
          .route,
      ).not.toBe("batch");
    }
  });

  it("read back absent just now: batched while it lands within 5 s of the read (settleMs after it leaves)", () => {
    // What was sent is what is pending (a different version would wait out the 5 s anyway).
    const digest = deliveryOf([msg("m")], emptyState()).one.digest;
    const read = (at: number) => stateAfterEvents([sent("batch", NOW - 2000, digest), { e: "absent", at, m: ["m"] }]);
    const cfg = config({ settleMs: 1000 });
    expect(deliveryOf([msg("m")], read(NOW - 500), cfg).one).toMatchObject({ route: "batch", readyAt: NOW });
    expect(deliveryOf([msg("m")], read(NOW - 3900), cfg).one).toMatchObject({ route: "batch" });
    expect(deliveryOf([msg("m")], read(NOW - 4000), cfg).one).toMatchObject({ route: "single" });
    // A batch resent after the read, of unknown outcome in turn: read back again, never batched blind.
    const unknownAgain = stateAfterEvents([
      sent("batch", NOW - 2000, digest),
      { e: "absent", at: NOW - 1500, m: ["m"] },
      sent("batch", NOW - 1400, digest),
    ]);
    expect(deliveryOf([msg("m")], unknownAgain, cfg).one).toMatchObject({ route: "verify" });
    // A resend that wrote nothing (a 429) leaves the read's time: once it is past, alone.
    const retried = stateAfterEvents([
      sent("batch", NOW - 9000),
      { e: "absent", at: NOW - 8000, m: ["m"] },
      sent("batch", NOW - 7000),
      clear,
    ]);
    expect(deliveryOf([msg("m")], retried, cfg).one).toMatchObject({ route: "single" });
  });

  it("but after sends that certainly wrote nothing, it is batched (new to the server)", () => {
    const state = stateAfterEvents([sent("batch", early), clear, sent("batch", late), clear]);
    expect(deliveryOf([msg("m")], state).one).toMatchObject({ route: "batch" });
  });
});

describe("order and packing", () => {
  const limits = { maxBodyBytes: 1 << 20, sessions: 1000, messages: 5000 };

  it("puts a new session's first delivery in the same batch as its messages, sessions first", () => {
    const { plan } = deliveryOf([session(), msg("a"), msg("b")], emptyState());
    const batch = packBatch(plan, NOW, limits);
    expect(batch.sessions.map((d) => d.key)).toEqual(["s"]);
    expect(batch.messages.map((d) => d.key)).toEqual(["a", "b"]);
  });

  it("holds a session's messages back while its own first delivery cannot go (sent alone first)", () => {
    const { plan } = deliveryOf([session({ createdAt: 1 }), msg("a")], emptyState());
    expect(packBatch(plan, NOW, limits).messages).toEqual([]);
    expect(nextSingle(plan, NOW)?.id).toBe("s:s");
  });

  it("does not let a message overtake an earlier one still to be inserted, but lets updates and dated ones through", () => {
    const s = emptyState();
    s.sessions.set("s", { seenAt: 0, exists: true });
    s.messages.set("a", { seenAt: 0, inflightAt: NOW - 100, inflightVia: "batch" });
    s.messages.set("c", { seenAt: 0, storedQuietAt: NOW - 1 });
    const { plan } = deliveryOf(
      [msg("a"), msg("b"), partless("c"), msg("d", { createdAt: 3 })],
      s,
      config({ createdAt: "drop" }),
    );
    // a waits (read back later), so b (new) must wait too; c is an update; d is dated but dropped: new, so it waits.
    expect(packBatch(plan, NOW, limits).messages.map((d) => d.key)).toEqual(["c"]);
    expect(
      dueVerifications(plan, NOW + SETTLE)
        .get("s")
        ?.map((d) => d.key),
    ).toEqual(["a"]);
  });
});
