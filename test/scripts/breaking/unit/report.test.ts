import { describe, expect, it } from "vitest";
import type { Change } from "../../../../scripts/breaking/classify.js";
import { changeLine, changelogSection } from "../../../../scripts/breaking/report.js";

const change = (kind: Change["kind"], field: string, description: string): Change => ({
  kind,
  operation: "GET /items",
  location: "response 200 (application/json)",
  field,
  description,
});

describe("changeLine", () => {
  it("names operation, location and field, then what changed", () => {
    expect(changeLine(change("breaking", "items[].name", "[Removed] property `name`"))).toBe(
      "GET /items · response 200 (application/json) · items[].name: [Removed] property `name`",
    );
  });
});

describe("changelogSection", () => {
  it("lists breaking, deprecated and added changes under their headings, without annotations or repeats", () => {
    const text = changelogSection(
      [
        change("breaking", "name", "removed"),
        change("breaking", "name", "removed"),
        change("non-breaking", "colour", "added"),
        change("annotation", "", "description"),
      ],
      "1.0.0",
      "2.0.0",
    );
    expect(text).toBe(
      [
        "### API changes (openapi.yaml 1.0.0 → 2.0.0)",
        "",
        "**Breaking**",
        "",
        "- GET /items · response 200 (application/json) · name: removed",
        "",
        "**Added or relaxed**",
        "",
        "- GET /items · response 200 (application/json) · colour: added",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing changed for generated clients", () => {
    expect(changelogSection([change("annotation", "", "d")], "1.0.0", "1.0.1")).toContain(
      "No changes for generated clients.",
    );
  });
});
