import { describe, expect, it } from "vitest";
import { loadSpec } from "#spec/document.js";
import { externalRefs } from "../../../scripts/docs/build.js";

describe("externalRefs", () => {
  it("lists the references into other files, at any depth, and none of the local ones", () => {
    const doc = {
      paths: { "/a": { $ref: "./paths/a.yaml" } },
      components: { schemas: { B: { $ref: "#/components/schemas/C" }, D: { allOf: [{ $ref: "common.yaml#/E" }] } } },
    };
    expect(externalRefs(doc)).toEqual(["./paths/a.yaml", "common.yaml#/E"]);
  });

  it("finds none in openapi.yaml, which build-docs reads as one document", () => {
    expect(externalRefs(loadSpec())).toEqual([]);
  });
});
