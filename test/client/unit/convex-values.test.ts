/**
 * The rules of what deployed servers (Convex) can store: field names at any depth, model names
 * (keys of /api/stats), and the 1 MiB of one stored document, with the key's path named.
 */
import { describe, expect, it } from "vitest";
import {
  CONVEX_LIMITS,
  convexSize,
  fieldNameRefusal,
  findFieldNameProblem,
  keyPathOf,
  messageProblem,
  sessionProblem,
  storedValueProblem,
} from "../../../src/transport/convex-values.js";

const MIB = CONVEX_LIMITS.documentBytes;

describe("fieldNameRefusal", () => {
  it.each(["a", "x-y z", "~!@#%^&*()", " ", "a$", "k".repeat(1024), ""])("accepts %j", (key) => {
    expect(fieldNameRefusal(key)).toBeUndefined();
  });

  it.each<[string, string, RegExp]>([
    ["a leading $", "$schema", /starts with '\$'/],
    ["1,025 characters", "k".repeat(1025), /1025 characters, over the 1024/],
    ["a non-ASCII letter", "résumé.md", /U\+00E9/],
    ["a control character", "a\tb", /U\+0009/],
    ["DEL", "a\u007f", /U\+007F/],
  ])("refuses %s", (_what, key, reason) => {
    expect(fieldNameRefusal(key)).toMatch(reason);
  });
});

describe("keyPathOf", () => {
  it("writes identifiers with dots, indexes and other keys in brackets, long keys shortened", () => {
    expect(keyPathOf(keyPathOf(keyPathOf("parts", 0), "content"), "$schema")).toBe("parts[0].content.$schema");
    expect(keyPathOf("content", "résumé.md")).toBe('content["résumé.md"]');
    expect(keyPathOf("", "k".repeat(2000))).toBe(`[${JSON.stringify(`${"k".repeat(64)}…`)}]`);
  });
});

describe("findFieldNameProblem", () => {
  it("finds the first refused key at any depth, in arrays too, and skips undefined values", () => {
    const value = { a: [{ ok: 1 }, { deep: { $ref: "#/x" } }], $gone: undefined };
    expect(findFieldNameProblem(value, "content")).toEqual({
      keyPath: "content.a[1].deep.$ref",
      rule: "field-name",
      reason: "field name starts with '$', which is reserved",
      key: "$ref",
    });
  });

  it("never puts a value in the reason", () => {
    const found = findFieldNameProblem({ "\u0001": "secret-value" });
    expect(JSON.stringify(found)).not.toContain("secret-value");
  });
});

describe("convexSize", () => {
  it("counts as Convex does: markers, terminators, 9-byte numbers, UTF-8 strings", () => {
    expect(convexSize(null)).toBe(1);
    expect(convexSize(true)).toBe(1);
    expect(convexSize(0)).toBe(9);
    expect(convexSize("é")).toBe(4);
    for (const text of ["a", "é", "€", "😀", "a😀é€", "\ud800"])
      expect(convexSize(text)).toBe(2 + Buffer.byteLength(text));
    expect(convexSize([1, "a"])).toBe(2 + 9 + 3);
    expect(convexSize({ ab: 1, gone: undefined })).toBe(2 + 3 + 9);
  });
});

describe("messageProblem", () => {
  const message = (parts: unknown[], extra: object = {}) => ({
    sessionExternalId: "s",
    externalId: "m",
    role: "assistant",
    parts,
    ...extra,
  });

  it("names the key of a tool argument Convex refuses", () => {
    const found = messageProblem(message([{ type: "tool-call", content: { args: { $schema: "x" } } }]));
    expect(found?.keyPath).toBe("parts[0].content.args.$schema");
  });

  it("stores 1.5 MB in three parts, refuses one part over 1 MiB, and names it", () => {
    const third = "x".repeat(500_000);
    expect(messageProblem(message([0, 1, 2].map(() => ({ type: "text", content: third }))))).toBeUndefined();
    const found = messageProblem(
      message([
        { type: "text", content: "a" },
        { type: "text", content: "x".repeat(MIB) },
      ]),
    );
    expect(found).toMatchObject({ keyPath: "parts[1]", rule: "document-size" });
  });

  it("refuses a message document over 1 MiB without its parts", () => {
    expect(messageProblem(message([], { textContent: "x".repeat(MIB) }))).toMatchObject({
      keyPath: "",
      rule: "document-size",
    });
  });

  it("refuses a model that is not a field name (it becomes a key of /api/stats)", () => {
    expect(messageProblem(message([], { model: "modèle" }))).toMatchObject({ keyPath: "model", rule: "model-name" });
    expect(messageProblem(message([], { model: "" }))).toBeUndefined();
  });
});

describe("sessionProblem", () => {
  it("counts the title twice (it is the session's first search text)", () => {
    expect(sessionProblem({ externalId: "s", title: "x".repeat(MIB / 2 - 100) })).toMatchObject({
      rule: "document-size",
    });
    expect(sessionProblem({ externalId: "s", title: "x".repeat(MIB / 2 - 400) })).toBeUndefined();
  });
});

describe("keys the single routes never pass on", () => {
  it("are not checked there (deployed servers ignore them), but are in a batch item", () => {
    const session = { externalId: "s", $meta: 1 };
    expect(storedValueProblem("/sync/session", session)).toBeUndefined();
    expect(storedValueProblem("/sync/message", { ...session, sessionExternalId: "s", role: "user" })).toBeUndefined();
    expect(storedValueProblem("/sync/batch", { sessions: [session] })?.keyPath).toBe("sessions[0].$meta");
  });
});

describe("storedValueProblem", () => {
  it("checks each item of a batch, naming its array and index", () => {
    const body = {
      sessions: [{ externalId: "a" }, { externalId: "b", model: "$m" }],
      messages: [{ sessionExternalId: "a", externalId: "m", role: "user", parts: [{ type: "t", content: { é: 1 } }] }],
    };
    expect(storedValueProblem("/sync/batch", body)?.keyPath).toBe("sessions[1].model");
    expect(storedValueProblem("/sync/batch", { messages: body.messages })?.keyPath).toBe(
      'messages[0].parts[0].content["é"]',
    );
  });

  it("checks only /sync/* bodies, and nothing that is not an object", () => {
    expect(storedValueProblem("/api/sessions", { $x: 1 })).toBeUndefined();
    expect(storedValueProblem("/sync/message", "text")).toBeUndefined();
  });
});
