/**
 * `engines` tells users and contributors which Node runs this repository. Every package the root
 * lockfile installs must accept the oldest Node that `engines` names, or `npm ci` warns
 * EBADENGINE on exactly the Node version the project claims to support.
 */
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));

describe("engines", () => {
  it("every package in the lockfile runs on the oldest Node that engines names", () => {
    const range: string = read("package.json").engines.node;
    const oldest = semver.minVersion(range)!.version;
    const refusing = Object.entries<{ engines?: { node?: string } }>(read("package-lock.json").packages)
      .filter(([, entry]) => entry.engines?.node && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, "")} wants node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it("the published packages name the same Node as the repository", () => {
    const range = read("package.json").engines.node;
    for (const name of ["opensync-api", "opensync-sandbox"])
      expect(read(`packages/${name}/package.json`).engines?.node, name).toBe(range);
  });
});
