/**
 * The guards around the contract fail when they should: lint rejects an operation without its
 * 429 or with an inline error body, and the drift check rejects a spec edited without
 * regenerating. Each case runs the real tools on a scratch copy of the repository.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("..", import.meta.url));
const scratch: string[] = [];

/** A copy of what lint and codegen read, with openapi.yaml passed through `edit`. */
function scratchRepo(edit: (spec: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "opensync-guard-"));
  scratch.push(dir);
  for (const entry of [
    "redocly.yaml",
    ".redocly.lint-ignore.yaml",
    ".spectral.yaml",
    "package.json",
    "scripts",
    "generated",
    "sandbox",
  ]) {
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
  const spec = readFileSync(join(repo, "openapi.yaml"), "utf8");
  const edited = edit(spec);
  expect(edited).not.toBe(spec);
  writeFileSync(join(dir, "openapi.yaml"), edited);
  return dir;
}

async function exitCode(cwd: string, script: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", script], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (e: any) {
    return { code: e.code ?? 1, output: `${e.stdout}${e.stderr}` };
  }
}

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

// Each case runs the real tools (lint is four linters side by side) on a scratch copy: on a busy
// 2-core machine one lint can take 15 to 25 s, so a case gets longer than the default 30 s. Both
// lint rules are broken in one copy and must both be named: one lint run instead of one per rule.
// The rule names are what make the failure the edit's: an unedited copy needs no lint of its own.
describe("contract guards", { timeout: 120_000 }, () => {
  it("lint fails when one operation loses its 429 and another inlines its error body", async () => {
    const inline =
      "\n          description: Not found\n          content:\n            application/json:\n              " +
      "schema:\n                type: object\n                properties:\n                  error:\n             " +
      "       type: string";
    const dir = scratchRepo((s) =>
      s
        .replace(/(\/api\/stats:[\s\S]*?)\n {8}'429':\n {10}\$ref: '#\/components\/responses\/RateLimited'/, "$1")
        .replace(
          /(\/api\/export:[\s\S]*?'404':)\n {10}\$ref: '#\/components\/responses\/SessionNotFound'/,
          `$1${inline}`,
        ),
    );
    const { code, output } = await exitCode(dir, "lint");
    expect(code).not.toBe(0);
    expect(output).toMatch(/authenticated-operations-declare-common-errors/);
    expect(output).toMatch(/error-bodies-use-error-schema/);
  });

  it("the drift check fails when a schema changes without regenerating", async () => {
    const dir = scratchRepo((s) =>
      s.replace(
        "    Health:\n      type: object\n      required: [status, timestamp]",
        "    Health:\n      type: object\n      required: [status]",
      ),
    );
    const { code, output } = await exitCode(dir, "check:generated");
    expect(code).toBe(1);
    expect(output).toMatch(/not up to date/);
  });

  it("the drift check passes on an unedited copy", async () => {
    const dir = scratchRepo((s) => `${s}\n`);
    expect((await exitCode(dir, "check:generated")).code).toBe(0);
  });
});
