/**
 * `npm run pack -- <dir>`: builds both packages and writes their publishable tarballs
 * (opensync-api-<version>.tgz, opensync-sandbox-<version>.tgz) into <dir>, printing their paths.
 * The release workflow publishes exactly these files; the consumer tests install them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocs } from "./docs/build.js";
import { isMainModule } from "./lib/main-module.js";
import { PACKAGE_DIRS } from "./package/assemble.js";

const root = fileURLToPath(new URL("../", import.meta.url));

/**
 * Builds the docs and both packages (unless `build: false`; `quiet` keeps the build's output unless it fails) and
 * packs them into `destination`; returns the tarballs' paths.
 */
export function packPackages(
  destination: string,
  options: { build?: boolean; quiet?: boolean } = {},
): { client: string; sandbox: string } {
  const out = resolve(destination);
  mkdirSync(out, { recursive: true });
  if (options.build !== false) {
    // The docs are rebuilt too: build:package copies whatever dist/docs holds, which may be older
    // than the spec or the docs build, and a tarball is what users get.
    buildDocs({ quiet: options.quiet ?? false });
    execFileSync("npm", ["run", "-s", "build:package"], { cwd: root, stdio: options.quiet ? "pipe" : "inherit" });
  }
  const pack = (dir: string) => {
    const json = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], {
      cwd: dir,
      encoding: "utf8",
    });
    return resolve(out, (JSON.parse(json) as { filename: string }[])[0]!.filename);
  };
  return { client: pack(PACKAGE_DIRS.client), sandbox: pack(PACKAGE_DIRS.sandbox) };
}

if (isMainModule(import.meta.url)) {
  const destination = process.argv[2];
  if (!destination) {
    console.error("usage: npm run pack -- <dir>");
    process.exit(2);
  }
  const tarballs = packPackages(destination);
  console.log(`${tarballs.client}\n${tarballs.sandbox}`);
}
