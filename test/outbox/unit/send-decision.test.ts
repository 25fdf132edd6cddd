/** What each outcome of a write request means for the records it carried, case by case. */
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../../src/outbox/flush/classify.js";
import type { Delivery } from "../../../src/outbox/flush/planner.js";
import { decideSend, type SentRequest } from "../../../src/outbox/flush/send-decision.js";
import { apply, type DeliveryEvent, emptyState } from "../../../src/outbox/state/delivery-state.js";

const AT = 1_000_000;
let offset = 0;
const delivery = (kind: "session" | "message", key: string, extra: Partial<Delivery> = {}): Delivery => ({
  id: `${kind === "session" ? "s" : "m"}:${key}`,
  kind,
  key,
  session: kind === "session" ? key : "s",
  records: [{ id: `seg#${offset}`, segment: "seg", offset: offset++, kind, t: 1, body: {} as never }],
  body: kind === "session" ? { externalId: key } : ({ sessionExternalId: "s", externalId: key, role: "user" } as never),
  route: "batch",
  readyAt: 0,
  ordered: true,
  digest: `digest-${key}`,
  ...extra,
});
const batch = (sessions: Delivery[], messages: Delivery[]): SentRequest => ({
  via: "batch",
  sessions,
  messages,
  at: AT,
  backoffMs: 700,
});
const ok = (data: object): Outcome<unknown> => ({ kind: "ok", data });
const answer = (sessions: number, messages: number, errors: string[] = []) =>
  ok({ success: true, sessions, messages, errors });

describe("decideSend: a batch answered", () => {
  it("stored in full: one ack, every record done, messages quiet for 5 s and a margin", () => {
    const s = delivery("session", "s");
    const m = delivery("message", "m1");
    const decision = decideSend(batch([s], [m]), answer(1, 1));
    expect(decision).toMatchObject({ pacing: "answered", sent: 2, deadLetters: [], splits: [] });
    expect(decision.events).toEqual([
      {
        e: "ack",
        at: AT,
        done: [["seg", [s.records[0]!.offset, m.records[0]!.offset]]],
        s: [["s", "digest-s"]],
        touched: ["s"],
        m: [["m1", expect.any(Number), "digest-m1"]],
      },
    ]);
    const quietAt = (decision.events[0] as { m: [string, number, string][] }).m[0]![1];
    expect(quietAt).toBeGreaterThan(AT + 5000);
  });

  it("one message failed: it is dead-lettered with the server's message, its batch-mates stored", () => {
    const [a, b] = [delivery("message", "a"), delivery("message", "b")];
    const decision = decideSend(batch([], [a, b]), answer(0, 1, ["b: content is required"]));
    expect(decision.deadLetters).toEqual([[b, "b: content is required"]]);
    expect(decision.sent).toBe(1);
    expect(decision.events).toEqual([
      expect.objectContaining({ e: "ack", m: [["a", expect.any(Number), "digest-a"]] }),
    ]);
  });

  it("the messages array refused: cleared and split in two where the server pointed", () => {
    const ms = [0, 1, 2, 3].map((i) => delivery("message", `m${i}`));
    const decision = decideSend(batch([], ms), answer(0, 0, ["Messages batch error: messages[3]: bad"]));
    expect(decision.events).toEqual([{ e: "clear", s: [], m: ["m0", "m1", "m2", "m3"] }]);
    expect(decision.splits.map((g) => [...g])).toEqual([
      ["m:m3", "s:s"],
      ["m:m0", "s:s", "m:m1", "m:m2"],
    ]);
    expect(decision.sent).toBe(0);
  });

  it("a session count short of those sent (deployed servers' skip): rechecked, not acknowledged", () => {
    const s = delivery("session", "s");
    const decision = decideSend(batch([s], []), answer(0, 0));
    expect(decision.events).toEqual([{ e: "recheck", at: AT, s: ["s"] }]);
    expect(decision.sent).toBe(0);
  });

  it("message counts that do not add up: those messages stay in flight (no event about them)", () => {
    const decision = decideSend(batch([], [delivery("message", "a"), delivery("message", "b")]), answer(0, 1));
    expect(decision.events).toEqual([]);
    expect(decision.sent).toBe(0);
  });

  it("an answer that is no batch result: nothing known, back off", () => {
    expect(decideSend(batch([], [delivery("message", "a")]), ok({ hello: 1 }))).toMatchObject({
      events: [],
      pacing: "failed",
      sent: 0,
    });
  });
});

describe("decideSend: a request that failed", () => {
  const one = () => batch([], [delivery("message", "a")]);
  it.each([
    ["refused (400) alone: dead-lettered", { kind: "refused", status: 400, message: "bad" }, ["clear"], "answered"],
    ["never sent: cleared, back off", { kind: "not-sent", message: "refused" }, ["clear"], "failed"],
    ["unknown: stays in flight, back off", { kind: "unknown", message: "reset", serverError: false }, [], "failed"],
    [
      "429: cleared and blocked",
      { kind: "rate-limited", retryAfterMs: 2000, message: "slow" },
      ["clear", "block"],
      "blocked",
    ],
  ] as const)("%s", (_name, outcome, events, pacing) => {
    const decision = decideSend(one(), outcome as Outcome<unknown>);
    expect(decision.events.map((e) => e.e)).toEqual(events);
    expect(decision.pacing).toBe(pacing);
    expect(decision.sent).toBe(0);
  });

  it("a 429 blocks the group until its Retry-After, or the backoff when it gave none", () => {
    const blockOf = (retryAfterMs: number | undefined) =>
      decideSend(one(), { kind: "rate-limited", retryAfterMs, message: "" }).events.find((e) => e.e === "block");
    expect(blockOf(2000)).toEqual({ e: "block", group: "sync", until: AT + 2000 });
    expect(blockOf(undefined)).toEqual({ e: "block", group: "sync", until: AT + 700 });
  });

  it("refused with several records: split in two, nothing dead-lettered", () => {
    const decision = decideSend(batch([], [delivery("message", "a"), delivery("message", "b")]), {
      kind: "refused",
      status: 413,
      message: "too large",
    });
    expect(decision.deadLetters).toEqual([]);
    expect(decision.splits).toHaveLength(2);
  });

  it("fatal: stops the flush; cleared only when a status says nothing was written", () => {
    const error = new Error("401");
    expect(decideSend(one(), { kind: "fatal", message: "", error, status: 401 })).toMatchObject({
      stop: error,
      events: [{ e: "clear" }],
    });
    expect(decideSend(one(), { kind: "fatal", message: "", error })).toMatchObject({ stop: error, events: [] });
  });
});

describe("decideSend: one record alone", () => {
  it("stored: acknowledged", () => {
    const m = delivery("message", "a", { route: "single" });
    const decision = decideSend({ via: "single", sessions: [], messages: [m], at: AT, backoffMs: 0 }, ok({}));
    expect(decision).toMatchObject({ sent: 1, pacing: "answered", events: [{ e: "ack", touched: ["s"] }] });
  });
});

describe("decideSend: a resend that wrote nothing, after a send of unknown outcome", () => {
  // The message went in a batch whose answer was lost (the server may have stored it); its resend
  // alone is then refused before writing. What the decision records must still say "in flight".
  it.each([
    ["429", { kind: "rate-limited", retryAfterMs: 6000, message: "slow" }],
    ["never sent", { kind: "not-sent", message: "refused" }],
    ["400", { kind: "refused", status: 400, message: "bad" }],
    ["401", { kind: "fatal", message: "", error: new Error("401"), status: 401 }],
  ] as const)("%s: the lost batch is still in flight, to be read back or sent alone", (_name, outcome) => {
    const state = emptyState();
    let seq = 0;
    const record = (event: DeliveryEvent) => apply(state, { ...event, seq: ++seq }, AT);
    record({ e: "send", at: AT - 20_000, group: "sync", via: "batch", s: [], m: [["m", "digest-m"]] });
    record({ e: "send", at: AT, group: "sync", via: "single", s: [], m: [["m", "digest-m"]] });
    const m = delivery("message", "m", { route: "single" });
    const decision = decideSend({ via: "single", sessions: [], messages: [m], at: AT, backoffMs: 0 }, outcome);
    for (const event of decision.events) record(event);
    expect(state.messages.get("m")).toMatchObject({ inflightAt: AT - 20_000, inflightVia: "batch" });
  });
});
