/**
 * After tsup: puts into each package folder the files it ships beside dist/, so that
 * packages/opensync-api and packages/opensync-sandbox are exactly what `npm pack` publishes.
 *   both       openapi.yaml (the spec; the sandbox validates with its own copy), LICENSE and CHANGELOG.md
 *              (both packages are released together, so one changelog tells what each version changed)
 *   client     README.md, the repository's README (one README for npm users and contributors)
 *   sandbox    dist/docs, the built API reference it serves at /docs/ (built first when missing)
 * The copies are build output (.gitignore), never edited in place.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocs } from "../docs/build.js";
import { isMainModule } from "../lib/main-module.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGE_DIRS = {
  client: join(root, "packages", "opensync-api"),
  sandbox: join(root, "packages", "opensync-sandbox"),
} as const;

export function assemblePackages(options: { quiet?: boolean } = {}): void {
  for (const dir of Object.values(PACKAGE_DIRS)) {
    for (const file of ["openapi.yaml", "LICENSE", "CHANGELOG.md"]) cpSync(join(root, file), join(dir, file));
  }
  cpSync(join(root, "README.md"), join(PACKAGE_DIRS.client, "README.md"));
  const docs = join(root, "dist", "docs");
  if (!existsSync(join(docs, "index.html"))) buildDocs({ quiet: options.quiet ?? false });
  const shipped = join(PACKAGE_DIRS.sandbox, "dist", "docs");
  rmSync(shipped, { recursive: true, force: true });
  // Screenshots the browser test leaves beside the docs are not part of them.
  cpSync(docs, shipped, { recursive: true, filter: (path) => !path.endsWith(".png") });
}

if (isMainModule(import.meta.url)) assemblePackages();
