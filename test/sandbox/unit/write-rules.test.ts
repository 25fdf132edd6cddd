import { describe, expect, it } from "vitest";
import type { components } from "../../../generated/schema.js";
import { CONTRACT_WRITE_RULES, normaliseSource } from "../../../sandbox/write-rules.js";

type Schemas = components["schemas"];

const session = (): Schemas["SessionSummary"] =>
  ({ id: "s1", externalId: "e1", title: "old", model: "m0", promptTokens: 10, completionTokens: 5, totalTokens: 15, cost: 1, isPublic: false, messageCount: 0, createdAt: 1, updatedAt: 1 }) as Schemas["SessionSummary"];
const message = (): Schemas["Message"] =>
  ({ id: "m1", externalId: "x1", role: "assistant", textContent: "old text", model: "m0", parts: [{ type: "text", content: "old part" }], createdAt: 1 }) as unknown as Schemas["Message"];

describe("normaliseSource", () => {
  it.each([
    [undefined, "opencode"],
    ["cursor", "cursor-sync"],
    ["cursor-sync", "cursor-sync"],
    ["claude-code", "claude-code"],
    ["", ""],
  ])("%s -> %s", (source, stored) => {
    expect(normaliseSource(source)).toBe(stored);
    expect(CONTRACT_WRITE_RULES.source(source)).toBe(stored);
  });
});

describe("applySession", () => {
  it("changes only the fields sent and recomputes the total", () => {
    const target = session();
    CONTRACT_WRITE_RULES.applySession(target, { externalId: "e1", completionTokens: 20, cost: 2.5 });
    expect(target).toEqual({ ...session(), completionTokens: 20, cost: 2.5, totalTokens: 30 });
  });

  it("sets every writable field, and never id, externalId, source or the timestamps", () => {
    const target = session();
    const fields = { title: "t", projectPath: "/p", projectName: "p", model: "m", provider: "pr", cost: 3, durationMs: 4, promptTokens: 100, completionTokens: 1 };
    CONTRACT_WRITE_RULES.applySession(target, { externalId: "other", source: "cursor", createdAt: 99, ...fields } as Schemas["SessionUpsert"]);
    expect(target).toEqual({ ...session(), ...fields, totalTokens: 101 });
  });
});

describe("applyMessage", () => {
  const input = { externalId: "x1", sessionExternalId: "e1", role: "assistant", textContent: "new text" } as Schemas["MessageUpsert"];
  const parts = [{ type: "text", content: "new part" }] as Schemas["MessageUpsert"]["parts"];

  it("a new message keeps the parts it is sent, one by one or in a batch", () => {
    for (const viaBatch of [false, true]) {
      const target = message();
      CONTRACT_WRITE_RULES.applyMessage(target, { ...input, parts }, false, { viaBatch });
      expect(target).toEqual({ ...message(), textContent: "new text", parts: [{ type: "text", content: "new part" }] });
    }
  });

  it("an update one by one replaces the parts with those sent, or none", () => {
    const target = message();
    CONTRACT_WRITE_RULES.applyMessage(target, { ...input, parts }, true, { viaBatch: false });
    expect(target.parts).toEqual([{ type: "text", content: "new part" }]);
    CONTRACT_WRITE_RULES.applyMessage(target, input, true, { viaBatch: false });
    expect(target.parts).toEqual([]);
  });

  it("an update through a batch leaves no parts, even when it sends some", () => {
    const target = message();
    CONTRACT_WRITE_RULES.applyMessage(target, { ...input, parts }, true, { viaBatch: true });
    expect(target).toEqual({ ...message(), textContent: "new text", parts: [] });
  });

  it("stores only each part's type and content", () => {
    const target = message();
    const extra = [{ type: "tool", content: { a: 1 }, note: "dropped" }] as unknown as Schemas["MessageUpsert"]["parts"];
    CONTRACT_WRITE_RULES.applyMessage(target, { ...input, parts: extra }, false, { viaBatch: false });
    expect(target.parts).toEqual([{ type: "tool", content: { a: 1 } }]);
  });
});
