import { describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../../generated/contract.js";
import { OutboxRecordError } from "../../../src/outbox/errors.js";
import { prepareMessage, prepareSession } from "../../../src/outbox/records.js";
import { thrown } from "../../support/thrown.js";

const refusal = (run: () => unknown) => thrown(OutboxRecordError, run).message;

describe("prepareSession", () => {
  it("keeps only the spec's fields, dropping undefined ones", () => {
    expect(prepareSession({ externalId: "s", title: "t", extra: 1, model: undefined } as any)).toEqual({
      externalId: "s",
      title: "t",
    });
  });

  it("takes externalId from the sessionId alias when it is missing, and drops the alias", () => {
    expect(prepareSession({ sessionId: "alias" } as any)).toEqual({ externalId: "alias" });
    expect(prepareSession({ externalId: "s", sessionId: "alias" } as any)).toEqual({ externalId: "s" });
  });

  it.each<[string, unknown, string]>([
    ["not an object", "s", "session must be an object"],
    ["an array", [], "session must be an object"],
    ["null", null, "session must be an object"],
    ["without externalId", { title: "t" }, "session: externalId must be a non-empty string"],
    ["with an empty externalId", { externalId: "" }, "session: externalId must be a non-empty string"],
  ])("refuses one %s", (_what, input, message) => {
    expect(refusal(() => prepareSession(input as any))).toBe(message);
  });

  it("refuses one that is not JSON, or too large for one request, naming it", () => {
    expect(refusal(() => prepareSession({ externalId: "s", cost: 1n } as any))).toMatch(
      /^session "s" is not JSON-serialisable: /,
    );
    const title = "x".repeat(REQUEST_LIMITS.maxBodyBytes);
    expect(refusal(() => prepareSession({ externalId: "s", title }))).toBe(
      `session "s" is ${title.length + 29} bytes as JSON: over the ${REQUEST_LIMITS.maxBodyBytes} bytes servers ` +
        `accept in one request`,
    );
  });

  it("stores what JSON gives back (a Date becomes its string)", () => {
    const prepared = prepareSession({ externalId: "s", title: new Date(0) } as any);
    expect(prepared).toEqual({ externalId: "s", title: "1970-01-01T00:00:00.000Z" });
  });
});

describe("prepareMessage", () => {
  const base = { sessionExternalId: "s", externalId: "m", role: "user" };

  it("keeps the spec's fields and well-formed parts", () => {
    const parts = [
      { type: "text", content: "hi" },
      { type: "tool", content: { a: 1 } },
    ];
    expect(prepareMessage({ ...base, parts, other: 1 } as any)).toEqual({ ...base, parts });
  });

  it.each<[string, object, string]>([
    ["without a session", { externalId: "m", role: "user" }, "message: sessionExternalId must be a non-empty string"],
    ["without an id", { sessionExternalId: "s", role: "user" }, "message: externalId must be a non-empty string"],
    ["without a role", { sessionExternalId: "s", externalId: "m" }, "message: role must be a non-empty string"],
    ["with parts that are not an array", { ...base, parts: {} }, "message: parts must be an array"],
    [
      "with a part without a type",
      { ...base, parts: [{ content: "x" }] },
      'message "m": parts[0] must be { type: string, content }',
    ],
    [
      "with a part without content",
      { ...base, parts: [{ type: "text" }, { type: "text" }] },
      'message "m": parts[0] must be { type: string, content }',
    ],
    [
      "with a part that is null",
      { ...base, parts: [{ type: "text", content: "" }, null] },
      'message "m": parts[1] must be { type: string, content }',
    ],
  ])("refuses one %s", (_what, input, message) => {
    expect(refusal(() => prepareMessage(input as any))).toBe(message);
  });
});
