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
import { defineConfig } from "tsup";

const shared = {
  target: "node20",
  sourcemap: false,
  splitting: false,
  treeshake: true,
  // CJS builds get import.meta.url from __filename.
  shims: true,
} as const;

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
