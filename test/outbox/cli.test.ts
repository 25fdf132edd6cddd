/** The opensync-outbox command: its exit codes, output and configuration, against the sandbox. */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { destinationOf } from "../../src/outbox/destination.js";
import { acquireFlushLock } from "../../src/outbox/flush/flush-lock.js";
import { createOutbox, readDeadLetters } from "../../src/outbox/index.js";
import { bundledEntry } from "../support/bundle-script.js";
import { freePort } from "../support/free-port.js";
import { scratchDir } from "./support.js";

let cli: Awaited<ReturnType<typeof bundledEntry>>;
const run = (args: string[], env: Record<string, string | undefined> = {}) =>
  promisify(execFile)(process.execPath, [cli.path, ...args], {
    env: {
      ...process.env,
      OPENSYNC_BASE_URL: undefined,
      OPENSYNC_API_KEY: undefined,
      OPENSYNC_OUTBOX_DIR: undefined,
      ...env,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let sandbox: RunningSandbox;
const scratch = scratchDir("outbox-cli-");
beforeAll(async () => {
  [sandbox, cli] = await Promise.all([startSandbox({ rateLimits: false }), bundledEntry("src/outbox/cli/cli.ts")]);
});
afterAll(async () => {
  await sandbox.close();
  scratch.remove();
  cli.remove();
});

async function filled(name: string, records: number) {
  const dir = `${scratch.dir}/${name}`;
  const outbox = createOutbox({ dir });
  await outbox.session({ externalId: name, title: name });
  for (let i = 1; i < records; i++)
    await outbox.message({ sessionExternalId: name, externalId: `${name}:${i}`, role: "user", textContent: `m${i}` });
  await outbox.close();
  return dir;
}

describe("opensync-outbox", () => {
  it("status: pending and rejected counts and the oldest pending age, as text and as JSON", async () => {
    const dir = await filled("status", 3);
    const text = await run(["status", "--dir", dir]);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(/: 3 pending \(0 in flight\), 0 rejected, oldest pending: \d+\.\d s\n$/);
    const json = await run(["status", "--json"], { OPENSYNC_OUTBOX_DIR: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({
      dir,
      pending: 3,
      inFlight: 0,
      rejected: 0,
      oldestPendingAgeMs: expect.any(Number),
    });
  }, 30_000);

  it("flush: exits 0 once the spool is empty, and says what it did", async () => {
    const dir = await filled("flushed", 4);
    const result = await run(["flush", "--dir", dir], {
      OPENSYNC_BASE_URL: sandbox.url,
      OPENSYNC_API_KEY: sandbox.apiKey,
    });
    expect(result).toMatchObject({ code: 0, stdout: "sent 4, pending 0, rejected 0, requests 1\n", stderr: "" });
    expect(JSON.parse((await run(["status", "--dir", dir, "--json"])).stdout)).toMatchObject({ pending: 0 });
  }, 30_000);

  it("flush: exits 1 when records remain (the server is down until the deadline)", async () => {
    const dir = await filled("down", 2);
    const result = await run(
      ["flush", "--dir", dir, "--deadline-ms", "500", "--base-url", `http://127.0.0.1:${await freePort()}`],
      { OPENSYNC_API_KEY: sandbox.apiKey },
    );
    expect(result.code).toBe(1);
    // It says why, in the output and in flush.log.
    expect(result.stdout).toMatch(
      /^sent 0, pending 2, rejected 0, requests \d+; last error: connection-refused: .*ECONNREFUSED.*\n$/,
    );
    expect(readFileSync(`${dir}/flush.log`, "utf8")).toMatch(/Z sent 0, pending 2, .*connection-refused/);
    const status = await run(["status", "--dir", dir]);
    expect(status.stdout).toMatch(/\n {2}last error \(.+Z\): connection-refused: /);
  }, 30_000);

  it("flush: exits 1 with the server's answer, on one line and without the key, when the key is refused", async () => {
    const dir = await filled("refused", 1);
    const key = "osk_refused_refused_refused_refused_";
    const result = await run(["flush", "--dir", dir], { OPENSYNC_BASE_URL: sandbox.url, OPENSYNC_API_KEY: key });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^opensync-outbox: flush failed: POST \/sync\/batch: 401 UNAUTHORIZED: .*\n$/);
    expect(result.stderr + result.stdout).not.toContain(key.slice(4));
  }, 30_000);

  it.each([
    [[], /a command is required/],
    [["push"], /unknown command: push/],
    [["flush", "--frob"], /Unknown option '--frob'/],
    [["flush", "--deadline-ms", "soon"], /--deadline-ms must be a positive whole number/],
    [["flush", "--deadline-ms", "0"], /--deadline-ms must be a positive whole number/],
    [["flush", "extra"], /unexpected argument: extra/],
    [["status", "--deadline-ms", "5"], /status takes only --dir and --json/],
    [["flush", "--dir", "/tmp/opensync-outbox-cli-no-key"], /apiKey is required/],
  ])(
    "bad usage %j: exit 2, one line saying why, then the usage, no stack trace",
    async (args, why) => {
      const result = await run(args, args.includes("--dir") ? { OPENSYNC_BASE_URL: sandbox.url } : {});
      expect(result.code).toBe(2);
      const [first, ...rest] = result.stderr.split("\n");
      expect(first).toMatch(/^opensync-outbox: /);
      expect(first).toMatch(why);
      expect(rest[0]).toMatch(/^usage: opensync-outbox flush/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    30_000,
  );

  it("status: a directory that does not exist is said so (exit 1), never '0 pending'", async () => {
    const result = await run(["status", "--dir", `${scratch.dir}/typo`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`opensync-outbox: no outbox directory at ${scratch.dir}/typo\n`);
  }, 30_000);

  it("flush: a directory it cannot create is one line and exit 1, not a raw error and exit 0", async () => {
    writeFileSync(`${scratch.dir}/a-file`, "");
    const result = await run(["flush", "--dir", `${scratch.dir}/a-file/outbox`], {
      OPENSYNC_BASE_URL: sandbox.url,
      OPENSYNC_API_KEY: sandbox.apiKey,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^opensync-outbox: cannot use the outbox directory: ENOTDIR \(mkdir .*a-file.*\)\n$/);
  }, 30_000);

  it("flush: finding another flush running, exits at once instead of waiting (no pile-up in an outage)", async () => {
    const dir = await filled("busy", 2);
    const env = { OPENSYNC_BASE_URL: `http://127.0.0.1:${await freePort()}`, OPENSYNC_API_KEY: sandbox.apiKey };
    // Held by a flush of the same server and account: it delivers what they would.
    const destination = destinationOf(env.OPENSYNC_BASE_URL, env.OPENSYNC_API_KEY)!.key;
    const lock = await acquireFlushLock(`${dir}/flush.lock`, { deadline: Date.now(), staleMs: 20_000, destination });
    try {
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 4 }, () => run(["flush", "--dir", dir, "--deadline-ms", "25000"], env)),
      );
      // Each exited long before its deadline: no process waits for the lock.
      expect(Date.now() - started).toBeLessThan(15_000);
      for (const result of results) {
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^sent 0, pending 2, .*another flush is running/);
      }
    } finally {
      await lock?.release();
    }
  }, 60_000);

  it("flush: a running flush of another server or account does not deliver these records: wait for it", async () => {
    const dir = await filled("other-holder", 2);
    const destination = destinationOf("https://elsewhere.example", sandbox.apiKey)!.key;
    const lock = await acquireFlushLock(`${dir}/flush.lock`, { deadline: Date.now(), staleMs: 20_000, destination });
    const released = new Promise((resolve) => setTimeout(resolve, 1500)).then(() => lock?.release());
    const result = await run(["flush", "--dir", dir, "--deadline-ms", "20000"], {
      OPENSYNC_BASE_URL: sandbox.url,
      OPENSYNC_API_KEY: sandbox.apiKey,
    });
    await released;
    expect(result).toMatchObject({ code: 0, stdout: "sent 2, pending 0, rejected 0, requests 1\n" });
  }, 60_000);

  it("dead-letters lists what the server refused; requeue sends it again", async () => {
    const dir = `${scratch.dir}/letters`;
    const outbox = createOutbox({ dir, baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    await outbox.session({ externalId: "refused-once", title: "Negative", promptTokens: -1 });
    expect(await outbox.flush()).toMatchObject({ rejected: 1, pending: 0 });
    await outbox.close();
    const env = { OPENSYNC_BASE_URL: sandbox.url, OPENSYNC_API_KEY: sandbox.apiKey };

    const listed = await run(["dead-letters", "--dir", dir, "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ externalId: "refused-once" })]);
    expect((await run(["dead-letters", "--dir", dir])).stdout).toMatch(/ session refused-once: .*promptTokens/);

    expect(await run(["requeue", "--dir", dir, "no-such-record"], env)).toMatchObject({
      code: 1,
      stdout: "requeued 0\n",
    });
    expect(await run(["requeue", "--dir", dir, "refused-once"], env)).toMatchObject({
      code: 0,
      stdout: "requeued 1\n",
    });
    expect(await readDeadLetters(dir)).toEqual([]);
    expect(JSON.parse((await run(["status", "--dir", dir, "--json"])).stdout)).toMatchObject({ pending: 1 });
    // Sent again (and, still negative, refused again).
    const flushed = await run(["flush", "--dir", dir], env);
    expect(flushed.stdout).toMatch(/^sent 0, pending 0, rejected 1, requests [1-9]/);
  }, 60_000);

  it("--help prints the usage and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: opensync-outbox flush \[--dir D\] \[--deadline-ms N\]/);
  }, 30_000);
});
