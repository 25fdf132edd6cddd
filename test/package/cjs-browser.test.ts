/**
 * The CommonJS builds in a browser bundle: `require("opensync-api")` and
 * `require("opensync-api/contract")` bundled by esbuild for `platform: "browser"`, from the built
 * package as a project installs it (a node_modules folder outside the repository, so the
 * repository's tsconfig paths, which map the name to src/, play no part). A Node built-in anywhere
 * in those files fails the build ("Could not resolve").
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const built = fileURLToPath(new URL("../../packages/opensync-api", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "opensync-cjs-browser-"));
mkdirSync(join(project, "node_modules"));
symlinkSync(built, join(project, "node_modules", "opensync-api"), "dir");
afterAll(() => rmSync(project, { recursive: true, force: true }));

const bundle = (contents: string) =>
  build({
    stdin: { contents, resolveDir: project, loader: "js" },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
    tsconfigRaw: {},
  });

describe("CommonJS entries bundled for the browser", () => {
  for (const entry of ["opensync-api", "opensync-api/contract", "opensync-api/schema"]) {
    it(`require("${entry}") bundles without Node built-ins`, async () => {
      const result = await bundle(`module.exports = require(${JSON.stringify(entry)});`);
      expect(result.errors).toEqual([]);
      expect(result.outputFiles[0]!.text).not.toMatch(/require\(["'](node:)?url["']\)/);
    });
  }

  it("the CommonJS client works once bundled", async () => {
    const result = await bundle(
      `const { createOpenSyncClient, ConfigurationError } = require("opensync-api");
       try { createOpenSyncClient({}); } catch (e) { globalThis.outcome = e instanceof ConfigurationError; }`,
    );
    const scope = { outcome: undefined as unknown };
    new Function("globalThis", result.outputFiles[0]!.text)(scope);
    expect(scope.outcome).toBe(true);
  });
});
