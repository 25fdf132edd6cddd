/**
 * sandbox/assets.ts, built as the published sandbox is (its own import.meta.url), in a package of
 * its own: it finds the spec and the docs through that package's "imports", and says what is
 * missing when its dependency's spec cannot be found.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ASSETS = fileURLToPath(new URL("../../sandbox/assets.ts", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A package whose dist/assets.js is sandbox/assets.ts, with `imports`, and `files` written in it. */
async function packageWith(imports: Record<string, string>, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-assets-"));
  dirs.push(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", type: "module", imports }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const out = join(dir, "dist", "assets.js");
  await build({
    entryPoints: [ASSETS],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  const program = `import { SPEC_URL, builtDocsDir } from ${JSON.stringify(pathToFileURL(out).href)};
console.log(JSON.stringify({ spec: SPEC_URL.href, docs: builtDocsDir()?.href ?? null }));`;
  return { dir, run: () => run(process.execPath, ["--input-type=module", "-e", program], { cwd: dir }) };
}

describe("where the sandbox finds its spec and docs", () => {
  it("follows its package's imports: the dependency's spec, and its own docs once built", async () => {
    const pkg = await packageWith(
      { "#openapi.yaml": "spec-owner/openapi.yaml", "#docs/*": "./dist/docs/*" },
      {
        "node_modules/spec-owner/package.json": JSON.stringify({
          name: "spec-owner",
          exports: { "./openapi.yaml": "./openapi.yaml" },
        }),
        "node_modules/spec-owner/openapi.yaml": "openapi: 3.1.0\n",
      },
    );
    const spec = pathToFileURL(join(pkg.dir, "node_modules/spec-owner/openapi.yaml")).href;
    expect(JSON.parse((await pkg.run()).stdout)).toEqual({ spec, docs: null });
    mkdirSync(join(pkg.dir, "dist/docs"));
    writeFileSync(join(pkg.dir, "dist/docs/index.html"), "<!doctype html>");
    const docs = pathToFileURL(join(pkg.dir, "dist/docs/")).href;
    expect(JSON.parse((await pkg.run()).stdout)).toEqual({ spec, docs });
  });

  it("says what is missing when the dependency's spec is not installed", async () => {
    const pkg = await packageWith({ "#openapi.yaml": "spec-owner/openapi.yaml" });
    const failure = await pkg.run().then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failure?.stderr).toContain(
      "the sandbox cannot find its spec, opensync-api/openapi.yaml: reinstall opensync-sandbox",
    );
  });
});
