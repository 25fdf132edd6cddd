import { describe, expect, it } from "vitest";
import { deref, loadSpec, operationAt, pointer } from "#spec/document.js";
import { OPERATIONS } from "../../../generated/contract.js";

const doc = {
  paths: {
    "/a/{id}": { get: { operationId: "getA" }, post: { operationId: "postA" } },
    "/b": { $ref: "#/components/pathItems/B" },
  },
  components: {
    pathItems: { B: { get: { operationId: "getB" } } },
    schemas: {
      One: { $ref: "#/components/schemas/Two" },
      Two: { type: "string" },
      "a/b~c": { type: "number" },
      Loop: { $ref: "#/components/schemas/Loop" },
    },
  },
};

describe("pointer", () => {
  it("escapes ~ and / in each key (RFC 6901)", () => {
    expect(pointer("paths", "/api/sessions", "get")).toBe("#/paths/~1api~1sessions/get");
    expect(pointer("components", "schemas", "a/b~c", 0)).toBe("#/components/schemas/a~1b~0c/0");
  });
});

describe("deref", () => {
  it("follows a chain of local references, unescaping each key", () => {
    expect(deref(doc, { $ref: "#/components/schemas/One" })).toEqual({ type: "string" });
    expect(deref(doc, { $ref: pointer("components", "schemas", "a/b~c") })).toEqual({ type: "number" });
  });

  it("gives a node without a reference as it is, and undefined for a reference to nothing", () => {
    const node = { type: "object" };
    expect(deref(doc, node)).toBe(node);
    expect(deref(doc, undefined)).toBeUndefined();
    expect(deref(doc, { $ref: "#/components/schemas/Missing" })).toBeUndefined();
  });

  it("refuses a reference into another file, and a cycle", () => {
    expect(() => deref(doc, { $ref: "other.yaml#/X" })).toThrow("cannot resolve other.yaml#/X");
    expect(() => deref(doc, { $ref: "#/components/schemas/Loop" })).toThrow("cannot resolve #/components/schemas/Loop");
  });
});

describe("operationAt", () => {
  it("finds an operation by its key, through a path item's $ref", () => {
    expect(operationAt(doc as any, "POST /a/{id}")).toEqual({
      method: "POST",
      path: "/a/{id}",
      operation: { operationId: "postA" },
    });
    expect(operationAt(doc as any, "GET /b").operation).toEqual({ operationId: "getB" });
  });

  it("gives an undefined operation for one the document lacks", () => {
    expect(operationAt(doc as any, "DELETE /a/{id}").operation).toBeUndefined();
    expect(operationAt(doc as any, "GET /nowhere").operation).toBeUndefined();
  });

  it("finds every operation of generated/contract.ts in openapi.yaml, with its operationId", () => {
    const spec = loadSpec();
    for (const [key, facts] of Object.entries(OPERATIONS))
      expect(operationAt(spec, key).operation?.operationId, key).toBe(facts.operationId);
  });
});
