import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isMainModule } from "../../../scripts/lib/main-module.js";

// A script in a folder whose name has a space (and a character URLs encode), a link to it, another file.
const dir = mkdtempSync(join(tmpdir(), "opensync main module "));
const folder = join(dir, "my scripts #1");
mkdirSync(folder);
const script = join(folder, "run bench.ts");
const other = join(folder, "other.ts");
const link = join(dir, "linked run.ts");
writeFileSync(script, "");
writeFileSync(other, "");
symlinkSync(script, link);
const scriptUrl = pathToFileURL(script).href;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("isMainModule", () => {
  it("compares paths, not URL strings: import.meta.url encodes the space, argv[1] does not", () => {
    expect(scriptUrl).toContain("my%20scripts%20%231/run%20bench.ts");
    expect(scriptUrl).not.toBe(`file://${script}`);
    expect(isMainModule(scriptUrl, script)).toBe(true);
  });

  it("resolves a relative argv[1] against the working directory", () => {
    expect(isMainModule(scriptUrl, relative(process.cwd(), script))).toBe(true);
  });

  it("follows a symbolic link in argv[1] to the file Node runs", () => {
    expect(isMainModule(scriptUrl, link)).toBe(true);
  });

  it("is false for another file, a missing one, and no argv[1] at all (a REPL, node -e)", () => {
    expect(isMainModule(scriptUrl, other)).toBe(false);
    expect(isMainModule(scriptUrl, join(folder, "missing.ts"))).toBe(false);
    expect(isMainModule(scriptUrl, undefined)).toBe(false);
    expect(isMainModule(scriptUrl, "")).toBe(false);
  });

  it("defaults to process.argv[1]: the test runner, not this file", () => {
    expect(isMainModule(import.meta.url)).toBe(false);
  });
});
