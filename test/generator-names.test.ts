/**
 * Code generators name types after operations: orval's `<OperationId>Result`, and others'
 * `<OperationId>Response`, `Body`, `Params`, `Data`, `Error`. A spec schema with one of those
 * names is declared twice in their output ("Duplicate identifier"), so none may have one.
 * (npm run check:interop runs the generators themselves.)
 */
import { describe, expect, it } from "vitest";
import { loadSpec } from "#spec/document.js";

const spec = loadSpec();
const DERIVED = ["Result", "Response", "Body", "Params", "Data", "Error", "Errors", "Responses"];
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

describe("spec names and generators' derived names", () => {
  it("no schema is named as a generator names an operation's types", () => {
    const schemas = new Set(Object.keys(spec.components.schemas));
    const operationIds = Object.values<Record<string, { operationId?: string }>>(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
    );
    expect(operationIds.length).toBeGreaterThan(10);
    const collisions = operationIds.flatMap((id) =>
      DERIVED.map((suffix) => `${pascal(id)}${suffix}`).filter((name) => schemas.has(name)),
    );
    expect(collisions).toEqual([]);
  });
});
