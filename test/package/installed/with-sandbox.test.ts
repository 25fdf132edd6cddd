/**
 * `npm install opensync-api opensync-sandbox`, from the packed tarballs: ESM and CJS programs start
 * the installed sandbox and talk to it with the installed client; it serves the spec and the docs
 * it ships; its bin runs, directly and through npx, and `npx opensync-sandbox check` checks a
 * server; its types compile.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { startSandbox } from "../../../sandbox/index.js";
import { run, typecheck } from "./support.js";

const { withSandbox: project } = inject("installed");

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("opensync-api with opensync-sandbox installed", () => {
  const SCRIPT = (style: "esm" | "cjs") => `
${
  style === "esm"
    ? 'import { createOpenSyncClient, unwrap } from "opensync-api";\nimport { startSandbox } from "opensync-sandbox";'
    : 'const { createOpenSyncClient, unwrap } = require("opensync-api");\n' +
      'const { startSandbox } = require("opensync-sandbox");'
}
(async () => {
  const sandbox = await startSandbox();
  const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  await unwrap(client.POST("/sync/session", { body: { externalId: "${style}-1", title: "From ${style}" } }));
  const list = await unwrap(client.GET("/api/sessions"));
  const spec = await (await fetch(sandbox.url + "/openapi.yaml")).text();
  const bad = await client.POST("/sync/message", { body: { externalId: "m", role: "user" } });
  const docs = await fetch(sandbox.url + "/docs/");
  const docsPage = await docs.text();
  console.log(JSON.stringify({ titles: list.sessions.map((s) => s.title), spec,
    bad: bad.error, docs: [docs.status, docsPage.includes("<title>OpenSync API</title>")] }));
  await sandbox.close();
})();
`;

  it.each([
    ["esm", "run.mjs"],
    ["cjs", "run.cjs"],
  ] as const)(
    "runs a %s program against the installed sandbox",
    async (style, file) => {
      writeFileSync(join(project, file), SCRIPT(style));
      const { stdout } = await run(process.execPath, [file], { cwd: project });
      // The spec served is the installed client's copy: the sandbox ships none of its own.
      const clientSpec = readFileSync(join(project, "node_modules/opensync-api/openapi.yaml"), "utf8");
      expect(clientSpec.startsWith("openapi: 3.1.0")).toBe(true);
      expect(existsSync(join(project, "node_modules/opensync-sandbox/openapi.yaml"))).toBe(false);
      expect(JSON.parse(stdout)).toEqual({
        titles: [`From ${style}`],
        spec: clientSpec,
        bad: { error: { code: "INVALID_REQUEST", message: "Missing required field: sessionExternalId" } },
        docs: [200, true],
      });
    },
    60_000,
  );

  const TYPED = `
import { startSandbox, createSandboxApp, type SandboxOptions, type RunningSandbox } from "opensync-sandbox";
import { createOpenSyncClient } from "opensync-api";
const options: SandboxOptions = { rateLimits: false, faults: { rate: 0.1, kinds: ["503"] } };
export async function main(): Promise<string> {
  const sandbox: RunningSandbox = await startSandbox({ ...options, port: 0 });
  const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const { data } = await client.GET("/health");
  await sandbox.close();
  createSandboxApp();
  return data?.status ?? "down";
}
`;

  it.each(["nodenext", "bundler"] as const)(
    "type-checks a consumer of opensync-sandbox (%s resolution)",
    async (resolution) => {
      writeFileSync(join(project, "sandbox-consumer.ts"), TYPED);
      const result = await typecheck(project, "sandbox-consumer.ts", {
        resolution,
        compilerOptions: { skipLibCheck: true },
      });
      expect(result.output).toBe("");
      expect(result.ok).toBe(true);
    },
    60_000,
  );

  /**
   * Starts a command in a process group of its own, so that stopping it stops what it started too
   * (npx runs the bin as a child of its own, which a signal to npx alone would leave running).
   */
  function start(command: string, args: string[]) {
    return spawn(command, args, { cwd: project, detached: true });
  }

  /** Stops a command started by start(), and whatever it started, and waits for it to exit. */
  async function stop(child: ReturnType<typeof start>) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }

  /** Starts `command`, waits for the URL it prints, checks what it serves, and stops it. */
  async function serves(command: string, args: string[]) {
    const child = start(command, args);
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 30_000);
        child.on("exit", (code) => reject(new Error(`exited with ${code}: ${text}`)));
        child.stdout.on("data", (d) => {
          text += d;
          // The banner ends with the line to paste into a shell.
          if (/^export OPENSYNC_BASE_URL=\S+ OPENSYNC_API_KEY=osk_\S+$/m.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        child.stderr.on("data", (d) => (text += d));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/openapi.yaml`)).status).toBe(200);
      const docs = await fetch(`${url}/docs/redoc.standalone.js`);
      expect(docs.status).toBe(200);
      expect((await docs.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
      // The shipped page links inside the docs (hash routes), never to the server's root.
      const page = await (await fetch(`${url}/docs/`)).text();
      expect(page).toContain('href="#/section/errors"');
      expect(page.match(/<a\b[^>]*\shref="\/(?!\/)[^"]*"/g) ?? []).toEqual([]);
    } finally {
      await stop(child);
    }
  }

  it(
    "installs the opensync-sandbox bin, which serves the API, the spec and the docs",
    () => serves(join(project, "node_modules/.bin/opensync-sandbox"), ["--port", "0"]),
    60_000,
  );

  it("ships the changelog both packages share", () => {
    const root = readFileSync(join(REPO_ROOT, "CHANGELOG.md"), "utf8");
    for (const name of ["opensync-api", "opensync-sandbox"]) {
      const shipped = join(project, "node_modules", name, "CHANGELOG.md");
      expect(existsSync(shipped), name).toBe(true);
      expect(readFileSync(shipped, "utf8")).toBe(root);
    }
  });

  it("runs under npx", () => serves("npx", ["--no-install", "opensync-sandbox", "--port", "0"]), 60_000);

  it("starts the installed bin with the demo data", async () => {
    const child = start(join(project, "node_modules/.bin/opensync-sandbox"), ["--port", "0", "--demo"]);
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.on("exit", (code) => reject(new Error(`exited with ${code}: ${text}`)));
        child.stdout.on("data", (d) => {
          text += d;
          if (/^export OPENSYNC_BASE_URL=/m.test(text)) resolve(text);
        });
      });
      const [, url, key] = /^export OPENSYNC_BASE_URL=(\S+) OPENSYNC_API_KEY=(\S+)$/m.exec(output)!;
      const list = (await (
        await fetch(`${url}/api/sessions`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { sessions: unknown[] };
      expect(list.sessions).toHaveLength(12);
    } finally {
      await stop(child);
    }
  }, 60_000);

  it("checks a server with npx opensync-sandbox check: which profile it matches, and the exit code", async () => {
    const server = await startSandbox({ deployed: true });
    const check = (profile: string) =>
      run(
        "npx",
        ["--no-install", "opensync-sandbox", "check", "--base-url", server.url, "--profile", profile, "--json"],
        {
          cwd: project,
          env: { ...process.env, OPENSYNC_API_KEY: server.apiKey },
        },
      ).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (e: { code?: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    try {
      const [contract, deployed] = await Promise.all([check("contract"), check("deployed")]);
      expect(contract.code).toBe(1);
      expect(JSON.parse(contract.stdout)).toMatchObject({ matches: "deployed", verdict: "fail" });
      expect(deployed.code).toBe(0);
      expect(contract.stdout + deployed.stdout).not.toContain(server.apiKey);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("refuses a key the installed client would refuse: one line, the usage, exit code 2", async () => {
    const refused = await run(join(project, "node_modules/.bin/opensync-sandbox"), ["--api-key", "osk_short"], {
      cwd: project,
    }).then(
      () => undefined,
      (e: { code?: number; stdout: string; stderr: string }) => e,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stdout).toBe("");
    const [line, blank, usage] = refused!.stderr.split("\n");
    expect(line).toMatch(
      /^opensync-sandbox: --api-key would be refused by the opensync-api client, which says: apiKey is malformed/,
    );
    expect([blank, usage]).toEqual(["", "usage: opensync-sandbox [options]"]);
    expect(refused!.stderr).not.toMatch(/^\s+at |Error:/m);
  }, 60_000);
});
