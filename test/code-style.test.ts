/**
 * The code's layout holds where Biome does not look: no line of code or JSON passes 120 characters
 * (Biome wraps code at 120 but leaves long strings and comments as they are), and Biome itself
 * covers everything but generated/. A test's name does not count (support/test-names.ts says what
 * one is): a name split with + to fit cannot be searched for.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testNameWidths } from "./support/test-names.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const MAX_LINE = 120;
const CODE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/** The lines of `file` over MAX_LINE, as `file:line (length)`, test names left out of the length. */
function longLines(file: string, text: string): string[] {
  const lines = text.split("\n");
  if (lines.every((line) => line.length <= MAX_LINE)) return [];
  const names = /\.m?ts$/.test(file) ? testNameWidths(file, text) : new Map<number, number>();
  return lines.flatMap((line, i) => {
    const length = line.length - (names.get(i + 1) ?? 0);
    return length > MAX_LINE ? [`${file}:${i + 1} (${length})`] : [];
  });
}

/** The files git tracks, as a fresh clone has them. */
const tracked = () =>
  execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "");

describe("code style", () => {
  it(`has no line of code or JSON over ${MAX_LINE} characters outside generated/ and lockfiles`, () => {
    const files = tracked().filter(
      (f) => CODE.test(f) && !f.startsWith("generated/") && !f.endsWith("package-lock.json"),
    );
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((file) => longLines(file, readFileSync(join(repo, file), "utf8")));
    expect(long).toEqual([]);
  });

  it("leaves a test's name out of its line's length, and nothing else", () => {
    const name = `"${"a whole test name ".repeat(8)}"`;
    const call = `  it(${name}, async () => {});`;
    const comment = ` // ${"and a comment ".repeat(9)}`;
    expect(longLines("a.test.ts", call)).toEqual([]);
    // The rest of the line still counts: the call without its name, and the comment.
    expect(longLines("a.test.ts", call + comment)).toEqual([
      `a.test.ts:1 (${call.length - name.length + comment.length})`,
    ]);
    expect(longLines("a.test.ts", `  expect(x).toBe(${name});`)).toEqual([`a.test.ts:1 (${name.length + 19})`]);
    expect(longLines("a.json", `{ "it": ${name} }`)).toEqual([`a.json:1 (${name.length + 10})`]);
  });

  it("lets Biome see every file but generated/, lockfiles, Markdown and YAML", () => {
    const config = JSON.parse(readFileSync(join(repo, "biome.json"), "utf8"));
    expect(config.files.includes).toEqual([
      "**",
      "!generated",
      "!**/package-lock.json",
      "!**/*.md",
      "!**/*.yaml",
      "!**/*.yml",
    ]);
    expect(config.formatter.lineWidth).toBe(MAX_LINE);
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    expect(pkg.scripts.check.split(" ")).toContain("check:code");
    expect(pkg.scripts["check:code"]).toBe("biome ci --error-on-warnings .");
    expect(pkg.scripts.test).toMatch(/^run-p --aggregate-output check test:unit && /);
  });
});
