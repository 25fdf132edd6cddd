/**
 * The rule that versions move together: the workspace root, opensync-api and opensync-sandbox carry
 * one version, opensync-sandbox depends on exactly that version of opensync-api, and the lockfile
 * agrees (so `npm ci` installs what the manifests say). A release tag `v<version>` must name that
 * version, and CHANGELOG.md must have a heading for it.
 *
 *   node --import tsx/esm scripts/release/versions.ts [v<version>]
 *
 * prints the version and exits 0, or prints each problem and exits 1. The release workflow runs it
 * with the pushed tag; a test runs the same check on every commit.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainModule } from "../lib/main-module.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

export interface Workspace {
  root: Manifest;
  client: Manifest;
  sandbox: Manifest;
  /** package-lock.json's `packages` entries, by folder ("" is the root). */
  lock: Record<string, { version?: string; dependencies?: Record<string, string> }>;
  /** CHANGELOG.md's text, when there is one. */
  changelog?: string;
}

export function readWorkspace(root = ROOT): Workspace {
  const json = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));
  const changelog = join(root, "CHANGELOG.md");
  return {
    root: json("package.json"),
    client: json("packages/opensync-api/package.json"),
    sandbox: json("packages/opensync-sandbox/package.json"),
    lock: json("package-lock.json").packages,
    changelog: existsSync(changelog) ? readFileSync(changelog, "utf8") : undefined,
  };
}

/** What breaks the rule; empty when the versions agree (and the tag, when given, names them). */
export function versionProblems(ws: Workspace, tag?: string): string[] {
  const problems: string[] = [];
  const version = ws.client.version;
  if (ws.client.name !== "opensync-api" || ws.sandbox.name !== "opensync-sandbox")
    problems.push(`the packages are ${ws.client.name} and ${ws.sandbox.name}, not opensync-api and opensync-sandbox`);
  if (ws.sandbox.version !== version)
    problems.push(
      `opensync-sandbox is ${ws.sandbox.version} but opensync-api is ${version}: the packages are released ` +
        `together, at one version`,
    );
  if (ws.root.version !== version)
    problems.push(`the workspace root (package.json) is ${ws.root.version} but opensync-api is ${version}`);
  const dependency = ws.sandbox.dependencies?.["opensync-api"];
  if (dependency !== version)
    problems.push(`opensync-sandbox depends on opensync-api ${JSON.stringify(dependency)}, not exactly ${version}`);
  const locked: [string, string | undefined][] = [
    ["", ws.lock[""]?.version],
    ["packages/opensync-api", ws.lock["packages/opensync-api"]?.version],
    ["packages/opensync-sandbox", ws.lock["packages/opensync-sandbox"]?.version],
    [
      "packages/opensync-sandbox's opensync-api dependency",
      ws.lock["packages/opensync-sandbox"]?.dependencies?.["opensync-api"],
    ],
  ];
  for (const [entry, value] of locked) {
    if (value !== version)
      problems.push(
        `package-lock.json has ${JSON.stringify(value)} for ${entry || "the root"}, not ${version}: run npm install`,
      );
  }
  if (tag !== undefined) {
    if (tag !== `v${version}`)
      problems.push(`the tag ${tag} does not name the packages' version ${version} (expected v${version})`);
    const escaped = version.replace(/[.+]/g, "\\$&");
    const heading = new RegExp(`^#{1,6} .*(?<![\\w.-])v?${escaped}(?![\\w.-])`, "m");
    if (ws.changelog === undefined) problems.push("there is no CHANGELOG.md to say what changed for users");
    else if (!heading.test(ws.changelog))
      problems.push(`CHANGELOG.md has no heading for ${version}: say what changed for users`);
  }
  return problems;
}

if (isMainModule(import.meta.url)) {
  const workspace = readWorkspace();
  const problems = versionProblems(workspace, process.argv[2]);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`versions: ${problem}`);
    process.exit(1);
  }
  console.log(workspace.client.version);
}
