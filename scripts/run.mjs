/**
 * `node scripts/run.mjs scripts/x.ts [args...]`: runs a TypeScript script as one esbuild bundle (the
 * packages it imports stay in node_modules) instead of through tsx. Under tsx every script paid for a
 * loader thread and a per-file transform before its first line ran; an esbuild bundle costs a few
 * tens of milliseconds (BENCHMARKS.md, the pipeline findings). Plain JavaScript because it is what
 * starts the TypeScript.
 *
 * Each module keeps its own `import.meta.url` (scripts find the repository from it) and the script
 * is `process.argv[1]`, so `isMainModule` and relative paths behave as they do under tsx.
 */
import { rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ownUrls } from "./lib/own-urls.mjs";

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node scripts/run.mjs <script.ts> [args...]");
  process.exit(2);
}
const entry = resolve(script);
const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
// One file per run, so that two runs of a script at once never read each other's half-written bundle.
const outfile = join(
  root,
  "node_modules",
  ".cache",
  "opensync-scripts",
  `${basename(entry, ".ts")}-${process.pid}.mjs`,
);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  plugins: [ownUrls],
  logLevel: "warning",
  // Stack traces name the TypeScript files and lines, as under tsx.
  sourcemap: "inline",
});
process.setSourceMapsEnabled(true);
process.on("exit", () => rmSync(outfile, { force: true }));
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
