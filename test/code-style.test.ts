/**
 * The code's layout holds where Biome does not look: no line of code or JSON passes 120 characters
 * (Biome wraps code at 120 but leaves long strings and comments as they are), and Biome itself
 * covers everything but generated/.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("..", import.meta.url));
const MAX_LINE = 120;
const CODE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

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
    const long = files.flatMap((file) =>
      readFileSync(join(repo, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (line.length > MAX_LINE ? [`${file}:${i + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
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
