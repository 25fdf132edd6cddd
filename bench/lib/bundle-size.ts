/**
 * Minified and gzipped sizes of browser bundles made with esbuild: the client entry with and
 * without openapi-fetch inside, openapi-fetch alone and ky alone. What the wrapper adds is the
 * first minus the third.
 */

import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** The target for what the client adds, min+gzip, on top of openapi-fetch (BENCHMARKS.md reports whether it is met). */
export const WRAPPER_TARGET_BYTES = 2048;
/**
 * What CI enforces: a guard against growth at the size last measured, with ~2 % headroom. It is
 * not the target: reaching 2 kB would mean dropping behaviour the client is required to have (what
 * each part costs, and why the guard was last raised, is in BENCHMARKS.md). Lower it whenever the
 * client shrinks; raise it only with the reason recorded there.
 */
export const WRAPPER_BUDGET_BYTES = 6790;

export interface Size {
  minified: number;
  gzipped: number;
}

async function bundle(contents: string, external: string[] = []): Promise<Size> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    external,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export async function measureBundles() {
  const entry = `export * from "./src/index.ts";`;
  const sizes = {
    "opensync-api client (with openapi-fetch)": await bundle(entry),
    "opensync-api client (openapi-fetch external)": await bundle(entry, ["openapi-fetch"]),
    "openapi-fetch alone": await bundle(`export { default } from "openapi-fetch";`),
    "ky alone": await bundle(`export { default } from "ky";`),
  };
  const wrapper = sizes["opensync-api client (with openapi-fetch)"].gzipped - sizes["openapi-fetch alone"].gzipped;
  return {
    sizes,
    wrapperGzipped: wrapper,
    withinBudget: wrapper <= WRAPPER_BUDGET_BYTES,
    meetsTarget: wrapper <= WRAPPER_TARGET_BYTES,
  };
}
