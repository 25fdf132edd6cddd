/**
 * The packages' code stays in small modules: no file of src/ or sandbox/ over 300 lines, except
 * data (the demo sessions), and no function over 80 lines. Read with TypeScript's parser, so that
 * a function is what the compiler says it is (methods, arrows and accessors included).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("..", import.meta.url));
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
/** Data, not code: the demo's scripted sessions. */
const DATA = new Set(["sandbox/demo/scripts.ts"]);

const sources = execFileSync("git", ["ls-files", "-z", "src/**.ts", "sandbox/**.ts"], { cwd: repo, encoding: "utf8" })
  .split("\0")
  .filter((file) => file.endsWith(".ts"));

/** The functions of `text` longer than `max` lines, as `file:line (lines)`. */
function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const lines = line(node.getEnd()) - line(node.getStart()) + 1;
      if (lines > max) found.push(`${file}:${line(node.getStart()) + 1} (${lines})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("module size", () => {
  it("reads the packages' sources", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources).toContain("src/index.ts");
    expect(sources).toContain("sandbox/index.ts");
  });

  it(`has no file of src/ or sandbox/ over ${MAX_FILE_LINES} lines, except data`, () => {
    const long = sources
      .filter((file) => !DATA.has(file))
      .map((file) => [file, readFileSync(join(repo, file), "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines in src/ or sandbox/`, () => {
    expect(sources.flatMap((file) => longFunctions(file, readFileSync(join(repo, file), "utf8")))).toEqual([]);
  });

  it("finds a function over the limit", () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    expect(longFunctions("a.ts", `export function f() {\n${body}\n}\n`, 4)).toEqual(["a.ts:1 (7)"]);
    expect(longFunctions("a.ts", `const g = () => {\n${body}\n};\n`, 7)).toEqual([]);
  });
});
