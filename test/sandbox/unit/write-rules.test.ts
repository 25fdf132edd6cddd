import { describe, expect, it } from "vitest";
import type { components } from "../../../generated/schema.js";
import {
  CONTRACT_WRITE_RULES,
  type MessageWrite,
  normaliseSource,
  type SessionWrite,
  type StoredSession,
} from "../../../sandbox/modes/contract/write-rules.js";
import {
  DeployedIndex,
  deployedWriteRules,
  MESSAGE_QUIET_MS,
  SEARCH_TEXT_LIMIT,
  SESSION_QUIET_MS,
} from "../../../sandbox/modes/deployed/write-rules.js";

type Schemas = components["schemas"];

const UPDATED_AT = 1_000_000;
const session = (): StoredSession => ({
  id: "s1",
  externalId: "e1",
  source: "opencode",
  title: "old",
  projectPath: "/p",
  model: "m0",
  promptTokens: 10,
  completionTokens: 5,
  totalTokens: 15,
  cost: 1,
  isPublic: false,
  messageCount: 0,
  createdAt: 1,
  updatedAt: UPDATED_AT,
});
const message = (): Schemas["Message"] =>
  ({
    id: "m1",
    externalId: "x1",
    role: "assistant",
    textContent: "old text",
    model: "m0",
    parts: [{ type: "text", content: "old part" }],
    createdAt: UPDATED_AT,
  }) as unknown as Schemas["Message"];
const one = { viaBatch: false };
const batch = { viaBatch: true };

describe("normaliseSource", () => {
  it.each([
    [undefined, "opencode"],
    ["cursor", "cursor-sync"],
    ["cursor-sync", "cursor-sync"],
    ["claude-code", "claude-code"],
    ["", ""],
  ])("%s -> %s", (source, stored) => {
    expect(normaliseSource(source)).toBe(stored);
    expect(CONTRACT_WRITE_RULES.insertedSource(source)).toBe(stored);
  });
});

describe("the contract's rules", () => {
  it("never skip a write", () => {
    const same: SessionWrite = { externalId: "e1", title: "old", model: "m0", projectPath: "/p" };
    expect(CONTRACT_WRITE_RULES.skipsSessionUpdate(session(), same, one, UPDATED_AT + 1)).toBe(false);
    expect(CONTRACT_WRITE_RULES.skipsMessageUpdate(message(), UPDATED_AT + 1)).toBe(false);
  });

  it("change only the fields sent and recompute the total", () => {
    const target = session();
    CONTRACT_WRITE_RULES.applySession(target, { externalId: "e1", completionTokens: 20, cost: 2.5 }, false, one);
    expect(target).toEqual({ ...session(), completionTokens: 20, cost: 2.5, totalTokens: 30 });
  });

  it("set every writable field and source on update, never id, externalId or the timestamps", () => {
    const target = session();
    const fields = {
      title: "t",
      projectPath: "/q",
      projectName: "q",
      model: "m",
      provider: "pr",
      cost: 3,
      durationMs: 4,
      promptTokens: 100,
      completionTokens: 1,
    };
    CONTRACT_WRITE_RULES.applySession(
      target,
      { externalId: "other", source: "cursor", createdAt: 99, ...fields },
      false,
      one,
    );
    expect(target).toEqual({ ...session(), ...fields, source: "cursor-sync", totalTokens: 101 });
  });

  const input: MessageWrite = { externalId: "x1", sessionExternalId: "e1", role: "assistant", textContent: "new text" };
  const parts = [{ type: "text", content: "new part" }];

  it("keep the parts a new message is sent with, one by one or in a batch", () => {
    for (const via of [one, batch]) {
      const target = message();
      expect(CONTRACT_WRITE_RULES.applyMessage(target, session(), { ...input, parts }, false, via)).toBe(true);
      expect(target).toEqual({ ...message(), textContent: "new text", parts });
    }
  });

  it("replace the parts of an update one by one with those sent, or none", () => {
    const target = message();
    CONTRACT_WRITE_RULES.applyMessage(target, session(), { ...input, parts }, true, one);
    expect(target.parts).toEqual(parts);
    CONTRACT_WRITE_RULES.applyMessage(target, session(), input, true, one);
    expect(target.parts).toEqual([]);
  });

  it("leave no parts after an update through a batch, even one that sends some", () => {
    const target = message();
    CONTRACT_WRITE_RULES.applyMessage(target, session(), { ...input, parts }, true, batch);
    expect(target).toEqual({ ...message(), textContent: "new text", parts: [] });
  });

  it("store only each part's type and content", () => {
    const target = message();
    const extra = [{ type: "tool", content: { a: 1 }, note: "dropped" }];
    CONTRACT_WRITE_RULES.applyMessage(target, session(), { ...input, parts: extra }, false, one);
    expect(target.parts).toEqual([{ type: "tool", content: { a: 1 } }]);
  });
});

describe("deployed servers' rules", () => {
  const rules = () => {
    const index = new DeployedIndex();
    return { index, rules: deployedWriteRules(index) };
  };
  const unchanged: SessionWrite = { externalId: "e1", title: "old", model: "m0", projectPath: "/p", cost: 9 };

  it("skip a session update that looks unchanged within 10 s of the last write, and only then", () => {
    const { rules: r } = rules();
    expect(r.skipsSessionUpdate(session(), unchanged, one, UPDATED_AT + SESSION_QUIET_MS - 1)).toBe(true);
    expect(r.skipsSessionUpdate(session(), unchanged, one, UPDATED_AT + SESSION_QUIET_MS)).toBe(false);
    expect(r.skipsSessionUpdate(session(), { ...unchanged, title: "new" }, one, UPDATED_AT + 1)).toBe(false);
    expect(r.skipsSessionUpdate(session(), { ...unchanged, promptTokens: 11 }, one, UPDATED_AT + 1)).toBe(false);
    // Tokens of 0 or equal to the stored ones look unchanged.
    expect(
      r.skipsSessionUpdate(session(), { ...unchanged, promptTokens: 0, completionTokens: 5 }, one, UPDATED_AT + 1),
    ).toBe(true);
  });

  it("compare projectPath and completionTokens on /sync/session only, not in a batch", () => {
    const { rules: r } = rules();
    for (const change of [{ projectPath: "/elsewhere" }, { completionTokens: 50 }]) {
      expect(r.skipsSessionUpdate(session(), { ...unchanged, ...change }, one, UPDATED_AT + 1)).toBe(false);
      expect(r.skipsSessionUpdate(session(), { ...unchanged, ...change }, batch, UPDATED_AT + 1)).toBe(true);
    }
  });

  it("never write tokens of 0 on update, and store an update's source as sent", () => {
    const { rules: r } = rules();
    const target = session();
    r.applySession(target, { externalId: "e1", promptTokens: 0, completionTokens: 7, source: "cursor" }, false, one);
    expect(target).toMatchObject({ promptTokens: 10, completionTokens: 7, totalTokens: 17, source: "cursor" });
  });

  it("reset the search text to the title when /sync/session changes it, not when a batch does", () => {
    const { index, rules: r } = rules();
    const target = session();
    r.applySession(target, { externalId: "e1", title: "old" }, true, one);
    r.applyMessage(
      message(),
      target,
      { externalId: "x1", sessionExternalId: "e1", role: "user", parts: [{ type: "text", content: "alpha" }] },
      false,
      one,
    );
    expect(index.fullText(target)).toEqual(["old", "alpha"]);
    r.applySession(target, { externalId: "e1", title: "renamed" }, false, batch);
    expect(index.fullText(target)).toEqual(["old", "alpha"]);
    r.applySession(target, { externalId: "e1", title: "again" }, false, one);
    expect(index.fullText(target)).toEqual(["again"]);
  });

  it("ignore a message write within 5 s of the message's createdAt", () => {
    const { rules: r } = rules();
    expect(r.skipsMessageUpdate(message(), UPDATED_AT + MESSAGE_QUIET_MS - 1)).toBe(true);
    expect(r.skipsMessageUpdate(message(), UPDATED_AT + MESSAGE_QUIET_MS)).toBe(false);
  });

  it("append text parts on every /sync/message write but only on batch inserts, up to 10,000 characters", () => {
    const { index, rules: r } = rules();
    const target = session();
    r.applySession(target, { externalId: "e1" }, true, one);
    const write: MessageWrite = {
      externalId: "x1",
      sessionExternalId: "e1",
      role: "user",
      parts: [{ type: "text", content: "word" }],
    };
    expect(r.applyMessage(message(), target, write, true, one)).toBe(true);
    expect(r.applyMessage(message(), target, write, true, one)).toBe(true);
    expect(r.applyMessage(message(), target, write, true, batch)).toBe(false);
    // The title starts the search text when the session is inserted.
    expect(index.fullText(target)).toEqual(["old", "word", "word"]);
    r.applyMessage(
      message(),
      target,
      { ...write, parts: [{ type: "text", content: "x".repeat(SEARCH_TEXT_LIMIT * 2) }] },
      false,
      batch,
    );
    expect(index.fullText(target).join(" ").length).toBeLessThanOrEqual(SEARCH_TEXT_LIMIT);
  });

  it("find a session by meaning only once /sync/session has embedded it, as its messages were then", () => {
    const { index, rules: r } = rules();
    const target = session();
    expect(index.semantic(target)).toBeUndefined();
    r.afterSessionCall(target, [
      { ...message(), textContent: "", parts: [{ type: "text", content: "embedded words" }] },
    ]);
    expect(index.semantic(target)).toEqual(expect.arrayContaining(["old", "embedded", "words"]));
  });

  it("embed each message's textContent, and its text parts only when it has none (the sessions module)", () => {
    const { index, rules: r } = rules();
    const target = session();
    r.afterSessionCall(target, [
      { ...message(), textContent: "summary", parts: [{ type: "text", content: "detail" }] },
      { ...message(), textContent: undefined, parts: [{ type: "text", content: "fallback" }] },
    ]);
    expect(index.semantic(target)).toContain("summary");
    expect(index.semantic(target)).toContain("fallback");
    expect(index.semantic(target)).not.toContain("detail");
  });
});
