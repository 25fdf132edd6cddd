/**
 * The opensync-sandbox CLI as a person meets it: its flags reach the sandbox, it prints where it
 * listens and a key that works, --demo starts with sessions to query, and every bad invocation (an
 * unknown flag, a bad value, a key the client would refuse, a port in use) gets one line saying
 * what is wrong, then the usage, and exit code 2, never a stack trace.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { USAGE } from "../../sandbox/cli/command-line.js";
import { bundledEntry } from "../support/bundle-script.js";

let cli: Awaited<ReturnType<typeof bundledEntry>>;
beforeAll(async () => {
  cli = await bundledEntry("sandbox/cli/cli.ts");
});
afterAll(() => cli.remove());
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli.path, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, OPENSYNC_API_KEY: "", ...env },
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  // "close", not "exit": by then both pipes are drained, so the output is complete.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout!.on("data", () => {
      // The line to paste into a shell comes last: the banner is complete once it is there.
      const [, url, key] = /^export OPENSYNC_BASE_URL=(\S+) OPENSYNC_API_KEY=(\S+)$/m.exec(out) ?? [];
      if (url && key) resolve({ url, key });
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  ready.catch(() => {}); // a test that expects an exit never awaits `ready`
  return { ready, exited, output: () => out, errors: () => err };
}

/** A port something else is listening on, for the CLI to find busy. */
async function busyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** What every refusal must look like: one line, a blank line, the usage; exit 2; nothing else. */
async function expectRefusal(cli: ReturnType<typeof run>, line: RegExp) {
  expect(await cli.exited).toBe(2);
  const [first, ...rest] = cli.errors().split("\n");
  expect(first).toMatch(/^opensync-sandbox: /);
  expect(first).toMatch(line);
  expect(rest.join("\n")).toBe(`\n${USAGE}\n`);
  // No stack trace and no error class dump, anywhere.
  expect(cli.errors()).not.toMatch(/^\s+at /m);
  expect(cli.errors()).not.toMatch(/\b[A-Z]\w*Error\b|Error:/);
  expect(cli.errors()).not.toContain("node:internal");
  expect(cli.output()).toBe("");
}

describe("opensync-sandbox CLI", () => {
  it("prints its URL, the docs URL and a working key, and honours its flags", async () => {
    const key = "osk_dddddddddddddddddddddddddddddddd";
    const cli = run(["--port", "0", "--api-key", key, "--no-rate-limit", "--legacy-errors", "--seed", "3"]);
    const { url, key: printed } = await cli.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed).toBe(key);
    expect(cli.output()).toContain(`API docs:     ${url}/docs/`);
    expect(cli.output()).toContain(`OpenSync sandbox listening on ${url}`);
    expect(cli.output()).toContain(`API key:      ${key} (given with --api-key)`);
    expect(cli.output()).toMatch(/^Mode: +the contract, with deployed servers' .*--legacy-errors/m);
    expect(cli.output()).toMatch(/^Rate limits: +off \(--no-rate-limit\)/m);
    // The token the eval export needs works as printed.
    const token = /^WorkOS token: (\S+)/m.exec(cli.output())?.[1];
    const evals = await fetch(`${url}/api/export/evals`, { headers: { authorization: `Bearer ${token}` } });
    // Accepted (an empty account has no eval sessions to export: 404), where an API key is refused.
    expect(evals.status).not.toBe(401);
    expect(evals.status).not.toBe(403);
    const ok = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    // Without --demo the account starts empty.
    expect(await ok.json()).toMatchObject({ sessionCount: 0 });
    // --legacy-errors: the deployed servers' shape.
    expect(await (await fetch(`${url}/api/stats`)).json()).toEqual({ error: "Invalid or missing API key" });
    // --no-rate-limit: well past the api group's 60/min.
    const statuses = await Promise.all(
      Array.from({ length: 70 }, () =>
        fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  }, 20_000);

  it("behaves as deployed servers with --deployed: their error texts, their 404, no rate limits", async () => {
    const cli = run(["--port", "0", "--deployed"]);
    const { url, key } = await cli.ready;
    expect(cli.output()).toMatch(/^Mode: +deployed servers \(--deployed\)/m);
    expect(cli.output()).toMatch(/^Rate limits: +none/m);
    expect(cli.output()).toMatch(/^API key: +\S+ \(demo key, the same on every run with --seed 1\)/m);
    const missing = await fetch(`${url}/api/stats`);
    expect([missing.status, await missing.json()]).toEqual([401, { error: "Missing Authorization header" }]);
    const nowhere = await fetch(`${url}/api/sessions/abc`, { headers: { authorization: `Bearer ${key}` } });
    expect([nowhere.status, nowhere.headers.get("content-type"), await nowhere.text()]).toEqual([
      404,
      "text/plain; charset=UTF-8",
      "No matching routes found",
    ]);
    const statuses = await Promise.all(
      Array.from({ length: 70 }, () =>
        fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  }, 20_000);

  it("injects random faults with --fault-rate, and says so", async () => {
    const cli = run(["--port", "0", "--fault-rate", "1", "--no-rate-limit"]);
    const { url } = await cli.ready;
    expect(cli.output()).toMatch(/^Faults: +100 % of requests at random, seed 1/m);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      // Every request is faulted; slow ones are cut short, resets reject.
      statuses.push(
        await fetch(`${url}/health`, { signal: AbortSignal.timeout(300) }).then(
          (r) => r.status,
          () => "dropped",
        ),
      );
    }
    expect(statuses.every((s) => s !== 200)).toBe(true);
  }, 20_000);

  it("starts with the demo sessions with --demo, and says how to try them", async () => {
    const cli = run(["--port", "0", "--demo"]);
    const { url, key } = await cli.ready;
    expect(cli.output()).toMatch(/Demo data: +12 sessions from .*claude-code/);
    // The printed command works as printed.
    const tryUrl = /Try: curl -H "Authorization: Bearer \S+" "([^"]+)"/.exec(cli.output())?.[1];
    expect(tryUrl).toBeDefined();
    const search = await fetch(tryUrl!, { headers: { authorization: `Bearer ${key}` } });
    const { results } = (await search.json()) as { results: { title: string }[] };
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.title).toMatch(/token refresh/i);
    const list = (await (
      await fetch(`${url}/api/sessions`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { sessions: { source: string }[] };
    expect(list.sessions).toHaveLength(12);
    expect(new Set(list.sessions.map((s) => s.source)).size).toBeGreaterThanOrEqual(5);
  }, 20_000);

  it("takes its key from OPENSYNC_API_KEY without --api-key, and says where it came from", async () => {
    const key = "osk_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    const cli = run(["--port", "0"], { OPENSYNC_API_KEY: key });
    const { url, key: printed } = await cli.ready;
    expect(printed).toBe(key);
    expect(cli.output()).toContain(`API key:      ${key} (from OPENSYNC_API_KEY)`);
    const ok = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
  }, 20_000);

  it("prints one line per request with --log: method, path without its query, status, ms, fault", async () => {
    const cli = run(["--port", "0", "--log", "--no-rate-limit"]);
    const { url, key } = await cli.ready;
    const auth = { authorization: `Bearer ${key}` };
    await fetch(`${url}/api/search?q=my+private+query`, { headers: auth });
    await fetch(`${url}/api/stats`, { headers: { ...auth, "x-sandbox-fault": "503" } });
    await expect.poll(() => cli.output()).toMatch(/^GET \/api\/stats 503 \d+ ms fault=503$/m);
    expect(cli.output()).toMatch(/^GET \/api\/search 200 \d+ ms$/m);
    expect(cli.output()).not.toContain("private");
  }, 20_000);

  it("prints the usage for --help and -h, on stdout, with exit code 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const cli = run([flag]);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toBe(`${USAGE}\n`);
      expect(cli.errors()).toBe("");
    }
  }, 20_000);

  // A refusal as a process, once per way the CLI reaches one: the command line (every message of
  // readCommandLine is checked in test/sandbox/unit/command-line.test.ts), the client's key check,
  // and listening. Spawning each of readCommandLine's messages again would test the same wiring.
  const refusals: [string, string[], RegExp][] = [
    ["an unknown flag", ["--fault_rate", "0.2"], /unknown option --fault_rate: did you mean --fault-rate\?/],
    [
      "a malformed API key",
      ["--api-key", "osk_short"],
      new RegExp(
        "--api-key would be refused by the opensync-api client, which says: apiKey is malformed" +
          ".*Pass a key of that shape, or leave --api-key out",
      ),
    ],
    [
      "a host that is not on this machine",
      ["--port", "0", "--host", "192.0.2.1"],
      /--host 192\.0\.2\.1 is not an address of this machine/,
    ],
  ];
  it.each(refusals)(
    "refuses %s: one line, the usage, exit code 2",
    async (_name, args, line) => {
      await expectRefusal(run(args), line);
    },
    20_000,
  );

  it("never echoes a refused key", async () => {
    const key = "osk_this-key-has-a space in it 0123456";
    const cli = run(["--api-key", key]);
    await expectRefusal(cli, /--api-key would be refused/);
    expect(cli.errors()).not.toContain("this-key");
  }, 20_000);

  it("refuses a port that is already in use: one line, the usage, exit code 2", async () => {
    const port = await busyPort();
    await expectRefusal(
      run(["--port", String(port)]),
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use: .*--port 0 picks a free one`),
    );
  }, 20_000);
});
