/**
 * Self-hosting Redoc. `redocly build-docs` writes a page that imports redoc.standalone.js from
 * cdn.redocly.com with an SRI hash; the identical file ships inside @redocly/cli, so the build copies
 * it next to index.html and points the page at the copy. What that relies on is pinned: a new CLI
 * version, a moved file or a changed hash stops the build instead of shipping a page that breaks.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fail } from "./build-error.js";

/** What the self-hosting relies on. Bumping @redocly/cli means re-checking all three. */
export const PINNED = {
  cliVersion: "2.77.0",
  redocVersion: "3.0.1",
  bundlePath: "lib/chunks/redoc.standalone.js",
  bundleSha384: "sha384-j07qRKHNNmcwU1/Y1elJc7pDLHXP/QfbQXTtSkbOJ7uYGJikqAzsFVbY2zR9FqOT",
} as const;

/** The copy's file name, beside index.html. */
export const BUNDLE_FILE = "redoc.standalone.js";

/** A file's Subresource Integrity value (`sha384-<base64>`). */
export function sha384(file: string): string {
  return `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;
}

/** The Redoc bundle inside the installed @redocly/cli at `cliDir`, after checking it is the pinned one. */
export function pinnedBundle(cliDir: string): string {
  const cliVersion = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")).version;
  if (cliVersion !== PINNED.cliVersion) {
    fail(
      `@redocly/cli is ${cliVersion}, but scripts/docs/redoc-bundle.ts is pinned to ${PINNED.cliVersion}: re-check ` +
        `the Redoc bundle path, version and hash, then update PINNED`,
    );
  }
  const bundle = join(cliDir, PINNED.bundlePath);
  if (!existsSync(bundle))
    fail(
      `the Redoc bundle is no longer at @redocly/cli/${PINNED.bundlePath}: find where ${cliVersion} ships it and ` +
        `update PINNED`,
    );
  const bundleHash = sha384(bundle);
  if (bundleHash !== PINNED.bundleSha384)
    fail(`@redocly/cli/${PINNED.bundlePath} has hash ${bundleHash}, pinned ${PINNED.bundleSha384}: the file changed`);
  return bundle;
}

/**
 * The page with its preload and import of the CDN's bundle pointed at `./redoc.standalone.js`,
 * the integrity attribute kept. Fails when the page does not have them as expected (the Redoc
 * version or the page template changed) or names another hash than the pinned one.
 */
export function selfHostRedoc(html: string): string {
  const cdnUrl = `https://cdn.redocly.com/redoc/v${PINNED.redocVersion}/bundles/redoc.standalone.js`;
  const preload = new RegExp(
    `<link rel="modulepreload" href="${cdnUrl.replace(/[.?/]/g, "\\$&")}" integrity="([^"]+)" ` +
      `crossorigin="anonymous" />`,
  );
  const preloadMatch =
    preload.exec(html) ??
    fail(
      `build-docs no longer emits <link rel="modulepreload" href="${cdnUrl}" integrity=...>: the Redoc version or ` +
        `page template changed`,
    );
  if (preloadMatch[1] !== PINNED.bundleSha384)
    fail(`the page's integrity ${preloadMatch[1]} differs from the pinned ${PINNED.bundleSha384}`);
  const importLine = `import { hydrate } from "${cdnUrl}";`;
  if (!html.includes(importLine)) fail(`build-docs no longer emits '${importLine}'`);
  const localUrl = `./${BUNDLE_FILE}`;
  return html
    .replace(
      preloadMatch[0],
      `<link rel="modulepreload" href="${localUrl}" integrity="${PINNED.bundleSha384}" crossorigin="anonymous" />`,
    )
    .replace(importLine, `import { hydrate } from "${localUrl}";`);
}
