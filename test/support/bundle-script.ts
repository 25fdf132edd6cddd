/**
 * A TypeScript entry (a repository path) bundled into one file, so that a test's many starts of it
 * are each a plain `node file.mjs`: under `--import tsx` every start paid for a loader thread and a
 * transform of each module before its first line ran (about a third of a second per start here).
 * Each TypeScript module keeps its own `import.meta.url`, as under tsx and in the built packages:
 * the sandbox finds its spec and docs through the package.json above its own files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ownUrls } from "../../scripts/lib/own-urls.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

const REQUIRE =
  'import { createRequire as __createRequire } from "node:module"; ' +
  "const require = __createRequire(import.meta.url);";

/** Bundles `entry` (relative to the repository) into `out` and returns `out`. */
export async function bundleScript(entry: string, out: string): Promise<string> {
  await build({
    entryPoints: [join(root, entry)],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    tsconfig: join(root, "tsconfig.json"),
    plugins: [ownUrls],
    // Bundled CommonJS dependencies call require(): give the ES module one.
    banner: { js: REQUIRE },
  });
  return out;
}

/** `entry` bundled into a scratch directory of its own; `remove()` deletes it. */
export async function bundledEntry(entry: string): Promise<{ path: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "opensync-bundled-"));
  const path = await bundleScript(entry, join(dir, `${basename(entry, ".ts")}.mjs`));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
