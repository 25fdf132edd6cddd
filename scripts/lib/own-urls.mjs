/**
 * An esbuild plugin for bundles of the repository's TypeScript that run in place of the sources
 * (scripts/run.mjs, the tests' bundled commands): each module keeps its own `import.meta.url`, as
 * under tsx and in the built packages, so a module that finds files relative to itself (the
 * sandbox's spec and docs, a script's repository root) finds them from the bundle too. Plain
 * JavaScript because scripts/run.mjs, which starts the TypeScript, imports it.
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

/** @type {import("esbuild").Plugin} */
export const ownUrls = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
  },
};
