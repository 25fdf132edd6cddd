/** Reading a batch's answer: which arrays the server refused, and which messages failed. */
import { describe, expect, it } from "vitest";
import { readBatchResult } from "../../../src/outbox/flush/batch-result.js";

describe("batch answers", () => {
  it("tells array refusals (with the index the server named) from per-message failures", () => {
    const reading = readBatchResult(
      {
        ok: true,
        sessions: 0,
        messages: 2,
        errors: [
          "Sessions batch error: sessions[3]: promptTokens must be >= 0",
          "s:1:2: Error: write failed",
          "something else",
        ],
      },
      ["s:1", "s:1:2", "s:1:3"],
    )!;
    expect(reading.sessionsRefused).toEqual({
      message: "Sessions batch error: sessions[3]: promptTokens must be >= 0",
      index: 3,
    });
    expect(reading.messagesRefused).toBeUndefined();
    // The longest id that prefixes the entry: "s:1:2", not "s:1".
    expect([...reading.messageErrors]).toEqual([["s:1:2", "s:1:2: Error: write failed"]]);
    expect(reading.unexplained).toEqual(["something else"]);
    expect(
      readBatchResult(
        { ok: true, sessions: 0, messages: 0, errors: ["Messages batch error: ArgumentValidationError"] },
        [],
      )!.messagesRefused,
    ).toEqual({ message: "Messages batch error: ArgumentValidationError", index: undefined });
  });

  it.each([
    null,
    "ok",
    { ok: true },
    { ok: true, sessions: "1", messages: 0, errors: [] },
    { ok: true, sessions: 1, messages: 0, errors: [3] },
  ])("knows nothing from a malformed answer: %j", (data) => {
    expect(readBatchResult(data, [])).toBeUndefined();
  });
});
