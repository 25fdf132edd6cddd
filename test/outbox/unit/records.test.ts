import { describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../../generated/contract.js";
import { OutboxRecordError } from "../../../src/outbox/errors.js";
import { prepareMessage, prepareSession, type RecordLine, recordLineJson } from "../../../src/outbox/records.js";
import { thrown } from "../../support/thrown.js";

const refusal = (run: () => unknown) => thrown(OutboxRecordError, run).message;

describe("prepareSession", () => {
  it("keeps only the spec's fields, dropping undefined ones", () => {
    expect(prepareSession({ externalId: "s", title: "t", extra: 1, model: undefined } as any).body).toEqual({
      externalId: "s",
      title: "t",
    });
  });

  it("takes externalId from the sessionId alias when it is missing, and drops the alias", () => {
    expect(prepareSession({ sessionId: "alias" } as any).body).toEqual({ externalId: "alias" });
    expect(prepareSession({ externalId: "s", sessionId: "alias" } as any).body).toEqual({ externalId: "s" });
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
    expect(prepared.body).toEqual({ externalId: "s", title: "1970-01-01T00:00:00.000Z" });
    expect(JSON.parse(prepared.json)).toEqual(prepared.body);
  });
});

describe("prepareMessage", () => {
  const base = { sessionExternalId: "s", externalId: "m", role: "user" };

  it("keeps the spec's fields and well-formed parts", () => {
    const parts = [
      { type: "text", content: "hi" },
      { type: "tool", content: { a: 1 } },
    ];
    expect(prepareMessage({ ...base, parts, other: 1 } as any).body).toEqual({ ...base, parts });
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

describe("values deployed servers (Convex) cannot store", () => {
  const message = (extra: object) => ({
    sessionExternalId: "s",
    externalId: "m",
    role: "assistant" as const,
    ...extra,
  });

  it("refuses a part whose content has a key Convex refuses, naming the key's path and not its value", () => {
    const text = refusal(() =>
      prepareMessage(message({ parts: [{ type: "tool-call", content: { args: { $schema: "secret-value" } } }] })),
    );
    expect(text).toContain("parts[0].content.args.$schema");
    expect(text).toContain("starts with '$'");
    expect(text).not.toContain("secret-value");
  });

  it("refuses a part over 1 MiB as Convex sizes it (9 bytes a number) though its JSON is far smaller", () => {
    const numbers = new Array(120_000).fill(0);
    expect(JSON.stringify(numbers).length).toBeLessThan(250_000);
    const parts = [
      { type: "text", content: "a" },
      { type: "data", content: numbers },
    ];
    expect(refusal(() => prepareMessage(message({ parts })))).toMatch(
      /parts\[1\]: the part is \d+ bytes as stored, over the 1048576/,
    );
    expect(prepareMessage(message({ parts: [{ type: "data", content: numbers.slice(0, 100_000) }] }))).toBeTruthy();
  });

  it("refuses a session whose model cannot be a key of /api/stats", () => {
    expect(refusal(() => prepareSession({ externalId: "s", model: "résumé" }))).toContain('session "s": model: model');
  });
});

describe("recordLineJson", () => {
  const message = prepareMessage({
    sessionExternalId: "s",
    externalId: "m",
    role: "user",
    textContent: 'quotes " and \\ backslashes, a newline\n, unicode é 😀',
    parts: [{ type: "tool-call", content: { args: { path: "a/b", n: [1, 2.5, -0, 1e21] } } }],
  });

  it.each<[string, string | undefined]>([
    ["without a destination", undefined],
    ["with a destination", 'https://example.test|key "x"'],
  ])("is what JSON.stringify gives for the whole line, %s", (_, destination) => {
    const line: RecordLine = {
      k: "m",
      t: 1_765_000_000_123,
      b: message.body,
      ...(destination ? { d: destination } : {}),
    };
    expect(recordLineJson("m", line.t, message.json, destination)).toBe(JSON.stringify(line));
  });
});
