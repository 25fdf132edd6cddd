/**
 * Publishing the packed tarballs, short of uploading them: `npm publish --dry-run` of both passes
 * with no network (CI runs the same dry run), and a real `npm publish` outside CI is refused
 * before anything is uploaded, because both manifests ask for npm provenance, which npm can only
 * make in CI. A loopback registry stands in for npm and records what reaches it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const { packDir, tarballs, withSandbox } = inject("installed");

let registry: Server;
let registryUrl: string;
const received: string[] = [];
let home: string;

beforeAll(async () => {
  registry = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    // Nothing is published here yet; an upload would be accepted, so a test sees it was tried.
    if (req.method === "PUT") res.writeHead(201, { "content-type": "application/json" }).end('{"ok":true}');
    else res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  home = mkdtempSync(join(tmpdir(), "opensync-publish-"));
  writeFileSync(join(home, ".npmrc"), "");
});

afterAll(async () => {
  await new Promise((resolve) => registry.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

/**
 * npm in a clean environment: a HOME, config and cache of its own, none of the CI variables npm
 * reads to decide where it runs, no update check, and the loopback registry, so nothing can reach
 * npm's.
 */
function npm(args: string[]): Promise<{ code: number; output: string }> {
  const env = {
    PATH: process.env.PATH!,
    HOME: home,
    npm_config_userconfig: join(home, ".npmrc"),
    npm_config_cache: join(home, "cache"),
    npm_config_registry: registryUrl,
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
  };
  return new Promise((resolve) => {
    // `./<file>`: npm reads `dir/file.tgz` as a GitHub repository, and a `#` in an absolute path as a git ref.
    execFile("npm", [...args, "--registry", registryUrl], { cwd: packDir, env }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const manifest = (tarball: string) => ({
  name: basename(tarball).replace(/-\d.*$/, ""),
  version: /-(\d[^/]*)\.tgz$/.exec(tarball)![1]!,
});

describe.each([
  ["opensync-api", tarballs.client],
  ["opensync-sandbox", tarballs.sandbox],
])("publishing %s", (name, tarball) => {
  it("passes npm publish --dry-run, public, with no network", async () => {
    const before = received.length;
    const { code, output } = await npm(["publish", "--dry-run", "--offline", `./${basename(tarball)}`]);
    expect(output).toContain(`+ ${name}@${manifest(tarball).version}`);
    expect(output).toMatch(/with tag latest and public access \(dry-run\)/);
    expect(code).toBe(0);
    expect(received.slice(before), "requests to the registry").toEqual([]);
  }, 60_000);

  it("is refused outside CI before anything is uploaded (provenance)", async () => {
    const before = received.length;
    const { code, output } = await npm([
      "publish",
      `./${basename(tarball)}`,
      `--${registryUrl.replace(/^http:/, "")}:_authToken=not-a-real-token`,
    ]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/provenance generation not supported/i);
    expect(received.slice(before).filter((r) => !r.startsWith("GET "))).toEqual([]);
  }, 60_000);
});

it("ships manifests that ask for provenance and public access, and run nothing on publish", () => {
  for (const name of ["opensync-api", "opensync-sandbox"]) {
    const pkg = JSON.parse(readFileSync(join(withSandbox, "node_modules", name, "package.json"), "utf8"));
    expect(pkg.publishConfig).toEqual({ access: "public", provenance: true });
    expect(
      Object.keys(pkg.scripts ?? {}).filter((s) => /publish|pack|prepare/.test(s)),
      `${name}'s publish scripts`,
    ).toEqual([]);
  }
});
