import { describe, expect, it } from "vitest";
import { type Change, classifyChanges } from "../../../../scripts/breaking/classify.js";
import { smallSpec } from "./fixtures.js";

/** The changes of one kind after `change` is applied to the small spec, without api-smart-diff's wording. */
function changesAfter(change: (spec: Record<string, any>) => void, kind: Change["kind"] = "breaking") {
  const after = smallSpec();
  change(after);
  return classifyChanges(smallSpec(), after)
    .filter((c) => c.kind === kind)
    .map(({ operation, location, field }) => ({ operation, location, field }));
}

const ITEM_200 = "response 200 (application/json)";

describe("classifyChanges: breaking for generated clients", () => {
  it("an operation removed, or renamed (its path changed)", () => {
    expect(changesAfter((s) => delete s.paths["/items"].get)).toEqual([
      { operation: "GET /items", location: "operation", field: "" },
    ]);
    const renamed = changesAfter((s) => {
      s.paths["/things"] = s.paths["/items"];
      delete s.paths["/items"];
    });
    expect(renamed).toContainEqual({ operation: "GET /items", location: "operation", field: "" });
  });

  it("a parameter removed or renamed", () => {
    expect(changesAfter((s) => s.paths["/items"].get.parameters.shift())).toContainEqual(
      expect.objectContaining({ operation: "GET /items", location: "parameter query limit" }),
    );
    expect(changesAfter((s) => (s.paths["/items"].get.parameters[0].name = "max"))).toContainEqual(
      expect.objectContaining({ operation: "GET /items" }),
    );
  });

  it("a response field removed or renamed, under every operation that returns it", () => {
    const removed = changesAfter((s) => {
      delete s.components.schemas.Item.properties.name;
      s.components.schemas.Item.required = ["id"];
    });
    expect(removed).toContainEqual({ operation: "GET /items", location: ITEM_200, field: "items[].name" });
    expect(removed).toContainEqual({ operation: "POST /items", location: ITEM_200, field: "name" });
    const renamed = changesAfter((s) => {
      const p = s.components.schemas.Item.properties;
      p.label = p.name;
      delete p.name;
    });
    expect(renamed).toContainEqual({ operation: "POST /items", location: ITEM_200, field: "name" });
  });

  it("an enum value removed from a request or parameter", () => {
    expect(changesAfter((s) => s.components.schemas.Role.enum.pop())).toContainEqual(
      expect.objectContaining({
        operation: "POST /items",
        location: "request body (application/json)",
        field: "role (enum)",
      }),
    );
    expect(changesAfter((s) => s.paths["/items"].get.parameters[1].schema.enum.pop())).toContainEqual(
      expect.objectContaining({ operation: "GET /items", location: "parameter query kind" }),
    );
  });

  it("an enum value added to a response (an exhaustive switch in generated code misses it)", () => {
    expect(changesAfter((s) => s.components.schemas.Role.enum.push("tool"))).toContainEqual(
      expect.objectContaining({ operation: "GET /items", location: ITEM_200, field: "items[].role (enum)" }),
    );
  });

  it("a new required request field, and a new required parameter", () => {
    expect(changesAfter((s) => s.components.schemas.ItemInput.required.push("weight"))).toContainEqual({
      operation: "POST /items",
      location: "request body (application/json)",
      field: "weight",
    });
    expect(
      changesAfter((s) =>
        s.paths["/items"].get.parameters.push({
          name: "tenant",
          in: "query",
          required: true,
          schema: { type: "string" },
        }),
      ),
    ).toContainEqual(expect.objectContaining({ operation: "GET /items", location: "parameter query tenant" }));
  });

  it("a type narrowed", () => {
    expect(changesAfter((s) => (s.components.schemas.ItemInput.properties.weight.type = "integer"))).toContainEqual({
      operation: "POST /items",
      location: "request body (application/json)",
      field: "weight (type)",
    });
  });

  it("a status or a media type changed", () => {
    expect(
      changesAfter((s) => {
        const r = s.paths["/items"].post.responses;
        r["201"] = r["200"];
        delete r["200"];
      }),
    ).toContainEqual({ operation: "POST /items", location: "response 200", field: "" });
    expect(
      changesAfter((s) => {
        const c = s.paths["/items"].post.responses["200"].content;
        c["application/vnd.item+json"] = c["application/json"];
        delete c["application/json"];
      }),
    ).toContainEqual({ operation: "POST /items", location: ITEM_200, field: "" });
  });
});

describe("classifyChanges: not breaking", () => {
  it("an optional response field, an optional parameter, a new operation", () => {
    const change = (s: Record<string, any>) => {
      s.components.schemas.Item.properties.colour = { type: "string" };
      s.paths["/items"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } });
      s.paths["/health"] = { get: { operationId: "health", responses: { "200": { description: "ok" } } } };
    };
    expect(changesAfter(change)).toEqual([]);
    expect(changesAfter(change, "non-breaking")).toContainEqual({
      operation: "GET /health",
      location: "operation",
      field: "",
    });
  });

  it("lists a change to a component no operation uses under components, and no other component change twice", () => {
    const after = smallSpec();
    delete after.components.schemas.Unused.properties.x;
    after.components.schemas.Item.properties.colour = { type: "string" };
    const changes = classifyChanges(smallSpec(), after);
    expect(changes.filter((c) => c.operation === "components")).toHaveLength(1);
    expect(changes.filter((c) => c.operation.includes("/items"))).toHaveLength(2);
  });
});
