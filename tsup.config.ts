/**
 * The npm package: ESM, CJS and type declarations for each entry.
 *   dist/index.*          the client and its errors (web-standard APIs only)
 *   dist/schema.*         the generated types (a runtime-empty module)
 *   dist/sandbox/index.*  the sandbox (Node only)
 *   dist/sandbox/cli.js   the opensync-sandbox bin
 * No code splitting: the sandbox finds openapi.yaml and dist/docs relative to its own file
 * (../../ from dist/sandbox/), which a shared chunk at dist/ would break. dist/docs (npm run
 * docs) and the screenshots are kept when tsup cleans.
 */
import { defineConfig, type Options } from "tsup";

const shared: Options = {
  target: "node20",
  sourcemap: false,
  splitting: false,
  treeshake: true,
  // Not tsup's shims: its CJS import.meta.url is `file:${__filename}`, unescaped. Ours is
  // pathToFileURL(__filename), injected into CJS outputs only (and only where it is read).
  shims: false,
  esbuildOptions(options, { format }) {
    if (format !== "cjs") return;
    options.define = { ...options.define, "import.meta.url": "importMetaUrl" };
    options.inject = [...(options.inject ?? []), "scripts/package/cjs-import-meta-url.ts"];
  },
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", schema: "src/schema.ts", "sandbox/index": "src/sandbox/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    // tsup cleans dist/**; these keep what other steps put there (npm run docs, browser screenshots).
    clean: ["!docs/**", "!*.png"],
  },
  {
    ...shared,
    entry: { "sandbox/cli": "src/sandbox/cli.ts" },
    format: ["esm"],
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
