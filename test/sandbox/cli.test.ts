/**
 * The opensync-sandbox CLI: its flags reach the sandbox, it prints where it listens and a key
 * that works, and it refuses bad flag values.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../sandbox/cli.ts", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const url = /listening on (http:\S+)/.exec(out)?.[1];
      const key = /Demo API key: (\S+)/.exec(out)?.[1];
      if (url && key) resolve({ url, key });
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  ready.catch(() => {}); // a test that expects an exit never awaits `ready`
  return { ready, exited, output: () => out, errors: () => err };
}

describe("opensync-sandbox CLI", () => {
  it("prints its URL, the docs URL and a working key, and honours its flags", async () => {
    const key = "osk_dddddddddddddddddddddddddddddddd";
    const cli = run(["--port", "0", "--api-key", key, "--no-rate-limit", "--legacy-errors", "--seed", "3"]);
    const { url, key: printed } = await cli.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed).toBe(key);
    expect(cli.output()).toContain(`API docs:     ${url}/docs/`);
    const ok = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    // --legacy-errors: the deployed servers' shape.
    expect(await (await fetch(`${url}/api/stats`)).json()).toEqual({ error: "Invalid or missing API key" });
    // --no-rate-limit: well past the api group's 60/min.
    const statuses = await Promise.all(Array.from({ length: 70 }, () => fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  }, 20_000);

  it("injects random faults with --fault-rate", async () => {
    const cli = run(["--port", "0", "--fault-rate", "1", "--no-rate-limit"]);
    const { url } = await cli.ready;
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      // Every request is faulted; slow ones are cut short, resets reject.
      statuses.push(await fetch(`${url}/health`, { signal: AbortSignal.timeout(300) }).then((r) => r.status, () => "dropped"));
    }
    expect(statuses.every((s) => s !== 200)).toBe(true);
  }, 20_000);

  it("refuses an out-of-range flag with exit code 2", async () => {
    const cli = run(["--port", "0", "--fault-rate", "2"]);
    expect(await cli.exited).toBe(2);
    expect(cli.errors()).toContain("--fault-rate must be a number from 0 to 1");
  }, 20_000);
});
