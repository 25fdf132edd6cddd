/**
 * Installing this repository's dev dependencies must not phone home. Some of them (Spectral's
 * packages) depend on @scarf/scarf, whose install script reports installs unless the root
 * package.json says `"scarfSettings": { "enabled": false }`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));

describe("install-time telemetry", () => {
  it("keeps Scarf turned off in the root package.json while a dependency brings it", () => {
    const lock = read("package-lock.json");
    const bringers = Object.entries<any>(lock.packages)
      .filter(([, entry]) => entry.dependencies?.["@scarf/scarf"] !== undefined)
      .map(([path]) => path.replace(/^.*node_modules\//, ""));
    // If no dependency brings Scarf any more, this test and the setting can go.
    expect(bringers.length).toBeGreaterThan(0);
    expect(read("package.json").scarfSettings).toEqual({ enabled: false });
  });
});
