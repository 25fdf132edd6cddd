import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocsBuildError } from "../../../scripts/docs/build-error.js";
import { PINNED, pinnedBundle, selfHostRedoc, sha384 } from "../../../scripts/docs/redoc-bundle.js";

const CDN = `https://cdn.redocly.com/redoc/v${PINNED.redocVersion}/bundles/redoc.standalone.js`;
const preload = (href: string, integrity: string = PINNED.bundleSha384) =>
  `<link rel="modulepreload" href="${href}" integrity="${integrity}" crossorigin="anonymous" />`;
const hydrate = (from: string) => `<script type="module">import { hydrate } from "${from}"; hydrate();</script>`;

describe("selfHostRedoc", () => {
  it("points the preload and the import at the copy beside the page, keeping the integrity", () => {
    const page = `<head>${preload(CDN)}</head><body>${hydrate(CDN)}</body>`;
    expect(selfHostRedoc(page)).toBe(
      `<head>${preload("./redoc.standalone.js")}</head><body>${hydrate("./redoc.standalone.js")}</body>`,
    );
  });

  it("stops the build when the page preloads another Redoc version", () => {
    const other = CDN.replace(`v${PINNED.redocVersion}`, "v9.9.9");
    expect(() => selfHostRedoc(`${preload(other)}${hydrate(other)}`)).toThrow(
      /build-docs no longer emits <link rel="modulepreload"/,
    );
  });

  it("stops the build when the page names another hash", () => {
    expect(() => selfHostRedoc(`${preload(CDN, "sha384-other")}${hydrate(CDN)}`)).toThrow(
      new DocsBuildError(`the page's integrity sha384-other differs from the pinned ${PINNED.bundleSha384}`),
    );
  });

  it("stops the build when the page no longer imports hydrate from the CDN", () => {
    expect(() => selfHostRedoc(`${preload(CDN)}<script type="module">import "${CDN}";</script>`)).toThrow(
      new DocsBuildError(`build-docs no longer emits 'import { hydrate } from "${CDN}";'`),
    );
  });
});

describe("pinnedBundle", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A stand-in for node_modules/@redocly/cli with `version` and, unless null, a bundle holding `bundle`. */
  const cli = (version: string, bundle: string | null) => {
    const dir = mkdtempSync(join(tmpdir(), "opensync-redoc-pin-"));
    dirs.push(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ version }));
    if (bundle !== null) {
      mkdirSync(join(dir, "lib", "chunks"), { recursive: true });
      writeFileSync(join(dir, PINNED.bundlePath), bundle);
    }
    return dir;
  };

  it("stops the build on another CLI version, saying what to re-check", () => {
    expect(() => pinnedBundle(cli("9.0.0", "x"))).toThrow(
      /^@redocly\/cli is 9\.0\.0, but scripts\/docs\/redoc-bundle\.ts is pinned to 2\.77\.0: re-check/,
    );
  });

  it("stops the build when the bundle moved", () => {
    expect(() => pinnedBundle(cli(PINNED.cliVersion, null))).toThrow(
      new DocsBuildError(
        `the Redoc bundle is no longer at @redocly/cli/${PINNED.bundlePath}: find where ${PINNED.cliVersion} ships ` +
          `it and update PINNED`,
      ),
    );
  });

  it("stops the build when the bundle's hash changed, naming both", () => {
    const dir = cli(PINNED.cliVersion, "changed");
    const actual = `sha384-${createHash("sha384").update("changed").digest("base64")}`;
    expect(sha384(join(dir, PINNED.bundlePath))).toBe(actual);
    expect(() => pinnedBundle(dir)).toThrow(
      new DocsBuildError(
        `@redocly/cli/${PINNED.bundlePath} has hash ${actual}, pinned ${PINNED.bundleSha384}: the file changed`,
      ),
    );
  });

  it("gives the installed CLI's bundle, which is the pinned one", () => {
    const installed = join(import.meta.dirname, "../../../node_modules/@redocly/cli");
    expect(pinnedBundle(installed)).toBe(join(installed, PINNED.bundlePath));
  });
});
