/**
 * Packs both packages once per run (`npm run pack`'s code) and installs the tarballs, as users
 * would, into two scratch projects: one with the client alone, one with the client and the
 * sandbox. The projects live under a path with a space and a `#`, which a naive file-URL
 * conversion in a CommonJS build gets wrong. Tests read the paths through `inject("installed")`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { packPackages } from "../../../scripts/pack.js";

const run = promisify(execFile);

export interface InstalledProjects {
  /** Holds the two tarballs. */
  packDir: string;
  tarballs: { client: string; sandbox: string };
  /** A project with `npm install <client tarball>` only. */
  clientOnly: string;
  /** A project with both tarballs installed. */
  withSandbox: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    installed: InstalledProjects;
  }
}

async function installInto(root: string, name: string, tarballs: string[]): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  // Relative specs: npm would read the `#` of an absolute path as a git committish.
  const specs = tarballs.map((t) => `../pack/${basename(t)}`);
  await run("npm", ["install", ...specs, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], {
    cwd: dir,
  });
  return dir;
}

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), "opensync consumer #"));
  const packDir = join(root, "pack");
  const tarballs = packPackages(packDir, { quiet: true });
  const [clientOnly, withSandbox] = await Promise.all([
    installInto(root, "client-only", [tarballs.client]),
    installInto(root, "with-sandbox", [tarballs.client, tarballs.sandbox]),
  ]);
  project.provide("installed", { packDir, tarballs, clientOnly, withSandbox });
  return () => rmSync(root, { recursive: true, force: true });
}
