import { describe, expect, it } from "vitest";
import { foldMessage, foldSession, sameJson, storedMatches, without } from "../../../src/outbox/flush/fold.js";
import type { MessageUpsert, SessionUpsert } from "../../../src/outbox/records.js";

const message = (fields: Partial<MessageUpsert>): MessageUpsert =>
  ({ sessionExternalId: "s", externalId: "m", role: "user", ...fields }) as MessageUpsert;

describe("foldSession", () => {
  it("later versions' fields win, fields a version leaves out are kept, createdAt is the first one's", () => {
    const versions = [
      { externalId: "s", title: "first", model: "a", createdAt: 1 },
      { externalId: "s", title: "second", cost: 2, createdAt: 2 },
      { externalId: "s", title: undefined, promptTokens: 5 },
    ] as SessionUpsert[];
    expect(foldSession(versions)).toEqual({
      externalId: "s",
      title: "second",
      model: "a",
      createdAt: 1,
      cost: 2,
      promptTokens: 5,
    });
  });
});

describe("foldMessage", () => {
  it("keeps the first role, createdAt, session and source; the last text", () => {
    const folded = foldMessage([
      message({ role: "user", createdAt: 1, source: "a", textContent: "one" }),
      message({ role: "assistant", createdAt: 2, source: "b", textContent: "two", sessionExternalId: "other" }),
    ]);
    expect(folded).toEqual({
      sessionExternalId: "s",
      externalId: "m",
      role: "user",
      createdAt: 1,
      source: "a",
      textContent: "two",
    });
  });

  it("takes the last version's parts, or none when the last has none (each write replaces them)", () => {
    const parts = [{ type: "text", content: "x" }] as MessageUpsert["parts"];
    expect(foldMessage([message({}), message({ parts })]).parts).toEqual(parts);
    expect("parts" in foldMessage([message({ parts }), message({})])).toBe(false);
  });
});

describe("without", () => {
  it("copies the body without the fields, leaving the original alone", () => {
    const body = { a: 1, b: 2, c: 3 };
    expect(without(body, "b", "c", "missing")).toEqual({ a: 1 });
    expect(body).toEqual({ a: 1, b: 2, c: 3 });
  });
});

describe("sameJson", () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: undefined }, { b: undefined }, false],
    [[], {}, false],
    [null, {}, false],
    [1, "1", false],
    ["x", "x", true],
  ])("%j and %j: %s", (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });
});

describe("storedMatches", () => {
  const stored = {
    externalId: "m",
    role: "user",
    textContent: "hi",
    model: "x",
    createdAt: 5,
    parts: [{ type: "text", content: { k: 1, j: 2 } }],
  } as any;

  it("compares the fields the write sets and exactly its parts, keys in any order", () => {
    expect(
      storedMatches(
        message({ textContent: "hi", parts: [{ type: "text", content: { j: 2, k: 1 } }] as any }),
        stored,
        false,
      ),
    ).toBe(true);
    expect(storedMatches(message({ textContent: "hi!", parts: stored.parts }), stored, false)).toBe(false);
    expect(storedMatches(message({ textContent: "hi" }), stored, false)).toBe(false);
    expect(storedMatches(message({ parts: stored.parts }), { ...stored, model: "y" }, false)).toBe(true);
  });

  it("compares createdAt only when asked", () => {
    const write = message({ createdAt: 6, parts: stored.parts });
    expect(storedMatches(write, stored, false)).toBe(true);
    expect(storedMatches(write, stored, true)).toBe(false);
  });

  it("a message sent without parts matches one stored with none", () => {
    expect(storedMatches(message({}), { ...stored, parts: [] }, false)).toBe(true);
    expect(storedMatches(message({}), { ...stored, parts: undefined }, false)).toBe(true);
  });
});

describe("coalescing", () => {
  it("folds session versions: later fields win, createdAt is the first", () => {
    expect(
      foldSession([
        { externalId: "s", title: "a", createdAt: 1, cost: 1 },
        { externalId: "s", title: "b", createdAt: 2 },
        { externalId: "s", durationMs: 5 },
      ]),
    ).toEqual({
      externalId: "s",
      title: "b",
      createdAt: 1,
      cost: 1,
      durationMs: 5,
    });
  });

  it("folds message versions: role, session and createdAt from the first; parts from the last (or none)", () => {
    const base = { sessionExternalId: "s", externalId: "m" };
    expect(
      foldMessage([
        { ...base, role: "user", parts: [{ type: "text", content: "1" }], createdAt: 1 },
        { ...base, sessionExternalId: "other", role: "assistant", textContent: "t" },
      ]),
    ).toEqual({
      ...base,
      role: "user",
      createdAt: 1,
      textContent: "t",
    });
  });

  it("compares a stored message with what an upsert would write, parts exactly and key order aside", () => {
    const stored = {
      id: "x",
      externalId: "m",
      role: "user" as const,
      createdAt: 9,
      textContent: "t",
      parts: [{ type: "tool-call", content: { b: 2, a: 1 } }],
    };
    const expected = {
      sessionExternalId: "s",
      externalId: "m",
      role: "user" as const,
      textContent: "t",
      parts: [{ type: "tool-call", content: { a: 1, b: 2 } }],
    };
    expect(storedMatches(expected, stored, false)).toBe(true);
    expect(storedMatches({ ...expected, parts: [] }, stored, false)).toBe(false);
    expect(storedMatches({ ...expected, textContent: "u" }, stored, false)).toBe(false);
    expect(storedMatches({ ...expected, createdAt: 8 }, stored, true)).toBe(false);
    expect(storedMatches({ ...expected, createdAt: 8 }, stored, false)).toBe(true);
  });
});
