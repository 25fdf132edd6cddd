/**
 * The two npm packages, each built into its folder under packages/ (scripts/package/assemble.ts
 * then copies in the files they ship beside dist/: the spec, the licence, the READMEs, the docs).
 *   packages/opensync-api/dist       the client and its errors (web-standard APIs only), the
 *                                    generated types (a runtime-empty module), the contract's facts,
 *                                    the outbox (Node only, its own subpath) and the opensync-outbox bin
 *   packages/opensync-sandbox/dist   the sandbox (Node only) and the opensync-sandbox bin
 * The sandbox imports the client package by name ("opensync-api/contract", ...), which stays an
 * import: at run time it is the installed opensync-api. So do the outbox and its bin, inside the
 * client package itself (Node resolves a package's own name through its "exports"): they share the
 * client's one copy, so its error classes are the same ones users catch. No code splitting: the sandbox finds its
 * openapi.yaml and docs relative to its own file (sandbox/assets.ts).
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

const CLIENT_DIST = "packages/opensync-api/dist";
const SANDBOX_DIST = "packages/opensync-sandbox/dist";
/** The root package.json lists no dependencies, so tsup cannot tell what to leave out: say so. */
const clientExternal = ["openapi-fetch", /^opensync-api(\/|$)/];
const sandboxExternal = [
  /^opensync-api(\/|$)/,
  /^hono(\/|$)/,
  /^@hono\/node-server(\/|$)/,
  /^ajv(\/|$)/,
  /^ajv-formats(\/|$)/,
  /^yaml$/,
];

export default defineConfig([
  {
    ...shared,
    entry: {
      index: "src/index.ts",
      schema: "src/schema.ts",
      contract: "src/contract.ts",
      outbox: "src/outbox/index.ts",
    },
    outDir: CLIENT_DIST,
    external: clientExternal,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { "outbox-cli": "src/outbox/cli.ts" },
    outDir: CLIENT_DIST,
    external: clientExternal,
    format: ["esm"],
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    ...shared,
    entry: { index: "sandbox/index.ts" },
    outDir: SANDBOX_DIST,
    external: sandboxExternal,
    format: ["esm", "cjs"],
    dts: true,
    // The docs (copied in by scripts/package/assemble.ts) are kept when tsup cleans.
    clean: ["!docs/**"],
  },
  {
    ...shared,
    entry: { cli: "sandbox/cli/cli.ts" },
    outDir: SANDBOX_DIST,
    external: sandboxExternal,
    format: ["esm"],
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
