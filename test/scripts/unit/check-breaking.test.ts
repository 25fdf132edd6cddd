import { describe, expect, it } from "vitest";
import { loadSpec } from "#spec/document.js";
import { parseSemver } from "../../../scripts/breaking/version.js";
import { gate } from "../../../scripts/check-breaking.js";
import { smallSpec } from "../breaking/unit/fixtures.js";

function withChange(version: string, change: (spec: Record<string, any>) => void = () => {}) {
  const after = smallSpec();
  after.info.version = version;
  change(after);
  return after;
}

const removeName = (s: Record<string, any>) => {
  delete s.components.schemas.Item.properties.name;
  s.components.schemas.Item.required = ["id"];
};

describe("gate", () => {
  it("passes a change that breaks nothing, whatever the version", () => {
    const result = gate(
      smallSpec(),
      withChange("1.0.0", (s) => (s.components.schemas.Item.properties.c = {})),
    );
    expect(result.code).toBe(0);
  });

  it("fails a breaking change without a major bump, naming each change by operation, location and field", () => {
    const result = gate(smallSpec(), withChange("1.1.0", removeName));
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      "breaking: GET /items · response 200 (application/json) · items[].name: " +
        "[Removed] property `name` from `items[]` in Response 200 content (application/json)",
    );
    expect(result.lines.at(-1)).toMatch(/info\.version 1\.0\.0 → 1\.1\.0 needs a major bump for a breaking change$/);
  });

  it("lets a breaking change through with a major bump, still listing it", () => {
    const result = gate(smallSpec(), withChange("2.0.0", removeName));
    expect(result.code).toBe(0);
    expect(result.lines.some((line) => line.startsWith("breaking: POST /items"))).toBe(true);
    expect(result.lines.at(-1)).toMatch(/announced by info\.version 1\.0\.0 → 2\.0\.0$/);
  });

  it("fails an info.version that is not semver", () => {
    expect(gate(smallSpec(), withChange("2024-06"))).toEqual({
      code: 1,
      lines: ["info.version 2024-06 is not semver (major.minor.patch)"],
    });
  });
});

describe("openapi.yaml", () => {
  it("versions the API document with semver, which the gate compares", () => {
    expect(parseSemver(loadSpec().info.version)).toBeDefined();
  });

  it("has no breaking change against itself", () => {
    expect(gate(loadSpec(), loadSpec())).toEqual({
      code: 0,
      lines: [expect.stringMatching(/^0 change\(s\), 0 breaking/)],
    });
  });

  it("names a response field removed from a shared schema under the operation that returns it", () => {
    const after = loadSpec();
    delete after.components.schemas.SessionUpsertResult.properties.sessionId;
    after.components.schemas.SessionUpsertResult.required = ["ok"];
    const { code, lines } = gate(loadSpec(), after);
    expect(code).toBe(1);
    expect(lines).toContainEqual(
      expect.stringMatching(/^breaking: POST \/sync\/session · response 200 \(application\/json\) · sessionId: /),
    );
  });
});
