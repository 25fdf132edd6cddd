/**
 * After tsup: puts into each package folder the files it ships beside dist/ (declared in
 * scripts/package/packages.ts), so that packages/opensync-api and packages/opensync-sandbox are
 * exactly what `npm pack` publishes. The sandbox also ships dist/docs, the built API reference it
 * serves at /docs/ (built first when missing).
 * The copies are build output (.gitignore), never edited in place.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocs } from "../docs/build.js";
import { isMainModule } from "../lib/main-module.js";
import { PACKAGES } from "./packages.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGE_DIRS = {
  client: join(root, PACKAGES.client.dir),
  sandbox: join(root, PACKAGES.sandbox.dir),
} as const;

export function assemblePackages(options: { quiet?: boolean } = {}): void {
  for (const pkg of Object.values(PACKAGES)) {
    for (const file of pkg.shipped) cpSync(join(root, file), join(root, pkg.dir, file));
  }
  const docs = join(root, "dist", "docs");
  if (!existsSync(join(docs, "index.html"))) buildDocs({ quiet: options.quiet ?? false });
  const shipped = join(PACKAGE_DIRS.sandbox, "dist", "docs");
  rmSync(shipped, { recursive: true, force: true });
  // Screenshots the browser test leaves beside the docs are not part of them.
  cpSync(docs, shipped, { recursive: true, filter: (path) => !path.endsWith(".png") });
}

if (isMainModule(import.meta.url)) assemblePackages();
