/**
 * Builds the two npm packages declared in scripts/package/packages.ts, each into its publish
 * folder's dist/ (scripts/package/assemble.ts then copies in the files they ship beside it).
 * The sandbox imports the client package by name ("opensync-api/contract", ...), which stays an
 * import: at run time it is the installed opensync-api. So do the outbox and its bin, inside the
 * client package itself (Node resolves a package's own name through its "exports"): they share the
 * client's one copy, so its error classes are the same ones users catch.
 */
import { defineConfig, type Options } from "tsup";
import { CLIENT, type PackageDeclaration, SANDBOX } from "./scripts/package/packages.js";

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

/** The package's entries (ESM and CJS, with their types) and its bins (ESM, run by Node). */
function build(pkg: PackageDeclaration, clean: Options["clean"]): Options[] {
  const outDir = `${pkg.dir}/dist`;
  const external = [...pkg.external];
  return [
    {
      ...shared,
      entry: Object.fromEntries(pkg.entries.map((entry) => [entry.dist, entry.source])),
      outDir,
      external,
      format: ["esm", "cjs"],
      dts: true,
      clean,
    },
    {
      ...shared,
      entry: Object.fromEntries(pkg.bins.map((bin) => [bin.dist, bin.source])),
      outDir,
      external,
      format: ["esm"],
      dts: false,
      banner: { js: "#!/usr/bin/env node" },
    },
  ];
}

// The sandbox's docs (copied in by scripts/package/assemble.ts) are kept when tsup cleans.
export default defineConfig([...build(CLIENT, true), ...build(SANDBOX, ["!docs/**"])]);
