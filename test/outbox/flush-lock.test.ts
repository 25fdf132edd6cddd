/**
 * One flusher at a time per directory, across processes, and never stuck behind a dead one:
 * holders SIGKILLed at random instants, a holder from another machine that stopped beating, a
 * live holder that must be waited for.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acquireFlushLock } from "../../src/outbox/flush/flush-lock.js";
import { scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function scratch() {
  const { dir, remove } = scratchDir("outbox-lock-");
  cleanups.push(remove);
  return dir;
}

/**
 * A process that takes the lock, says so on stdout and holds it; or (with a log file) loops: take
 * it, log "enter", hold it a moment, log "exit", release. Bundled once, so it starts fast.
 */
const FLUSH_LOCK_MODULE = new URL("../../src/outbox/flush/flush-lock.ts", import.meta.url);
const HOLDER = `
import { acquireFlushLock } from ${JSON.stringify(fileURLToPath(FLUSH_LOCK_MODULE))};
import { appendFileSync } from "node:fs";
const [path, log] = process.argv.slice(2);
if (!log) {
  const lock = await acquireFlushLock(path, { deadline: Date.now() + 30000, staleMs: 20000 });
  process.stdout.write(lock ? "held\\n" : "never\\n");
  setInterval(() => {}, 1000);
} else {
  for (;;) {
    const lock = await acquireFlushLock(path, { deadline: Date.now() + 30000, staleMs: 20000 });
    appendFileSync(log, "enter " + process.pid + "\\n");
    await new Promise((r) => setTimeout(r, Math.random() * 30));
    appendFileSync(log, "exit " + process.pid + "\\n");
    await lock.release();
  }
}`;
const bundled = scratchDir("outbox-lock-bin-");
let holderScript: string;
beforeAll(async () => {
  holderScript = join(bundled.dir, "holder.mjs");
  await build({
    stdin: { contents: HOLDER, resolveDir: bundled.dir, loader: "ts" },
    outfile: holderScript,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
});
afterAll(() => bundled.remove());

function holder(lockPath: string, log?: string): ChildProcess {
  const child = spawn(process.execPath, [holderScript, lockPath, ...(log ? [log] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(() => child.kill("SIGKILL"));
  return child;
}
const said = (child: ChildProcess, what: string) =>
  new Promise<void>((resolve) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes(what)) resolve();
    });
  });
const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve),
  );

describe("flush lock", () => {
  it("lets one holder in at a time; the next waits, and gets it when released", async () => {
    const path = join(scratch(), "flush.lock");
    const first = await acquireFlushLock(path, { deadline: Date.now() + 1000, staleMs: 20_000 });
    expect(first).toBeDefined();
    const started = Date.now();
    expect(await acquireFlushLock(path, { deadline: Date.now() + 400, staleMs: 20_000 })).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await first!.held()).toBe(true);
    const waiting = acquireFlushLock(path, { deadline: Date.now() + 5000, staleMs: 20_000 });
    await first!.release();
    const second = await waiting;
    expect(second).toBeDefined();
    expect(await first!.held()).toBe(false);
    expect(await second!.held()).toBe(true);
    await second!.release();
  });

  it("takes over at once from a holder killed with SIGKILL, long before the lock would go stale", async () => {
    const path = join(scratch(), "flush.lock");
    const child = holder(path);
    await said(child, "held");
    expect(await acquireFlushLock(path, { deadline: Date.now() + 300, staleMs: 60_000 })).toBeUndefined();
    child.kill("SIGKILL");
    await exited(child);
    const started = Date.now();
    const lock = await acquireFlushLock(path, { deadline: Date.now() + 5000, staleMs: 60_000 });
    expect(lock).toBeDefined();
    expect(Date.now() - started).toBeLessThan(1000);
    await lock!.release();
  }, 30_000);

  it("takes over from a holder on another machine once its heartbeat is older than staleMs, not before", async () => {
    const path = join(scratch(), "flush.lock");
    writeFileSync(path, JSON.stringify({ pid: 1, host: "another-machine", token: "theirs", at: Date.now() }));
    expect(await acquireFlushLock(path, { deadline: Date.now() + 300, staleMs: 5000 })).toBeUndefined();
    const old = new Date(Date.now() - 6000);
    utimesSync(path, old, old);
    const lock = await acquireFlushLock(path, { deadline: Date.now() + 1000, staleMs: 5000 });
    expect(lock).toBeDefined();
    expect(JSON.parse(readFileSync(path, "utf8")).token).toBe(lock!.token);
    await lock!.release();
  });

  it("keeps its holder's heartbeat going while held", async () => {
    const path = join(scratch(), "flush.lock");
    const lock = await acquireFlushLock(path, { deadline: Date.now() + 1000, staleMs: 500 });
    const old = new Date(Date.now() - 10_000);
    utimesSync(path, old, old);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Beaten again: another process would not find it stale.
    expect(await acquireFlushLock(path, { deadline: Date.now() + 200, staleMs: 500 })).toBeUndefined();
    await lock!.release();
  });

  it("never lets two holders in at once, with holders SIGKILLed at random instants (30 kills)", async () => {
    const dir = scratch();
    const path = join(dir, "flush.lock");
    const log = join(dir, "log");
    writeFileSync(log, "");
    const children = new Set<ChildProcess>();
    const start = () => {
      const child = holder(path, log);
      children.add(child);
      child.once("exit", () => children.delete(child));
    };
    for (let i = 0; i < 3; i++) start();
    for (let kills = 0; kills < 30; ) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
      const victims = [...children];
      const victim = victims[Math.floor(Math.random() * victims.length)];
      if (!victim) continue;
      // Logged before the kill: whoever enters next does so after it.
      appendFileSync(log, `killing ${victim.pid}\n`);
      victim.kill("SIGKILL");
      await exited(victim);
      kills++;
      start();
    }
    for (const child of children) child.kill("SIGKILL");
    let holderPid: string | undefined;
    let killed = false;
    let entries = 0;
    for (const line of readFileSync(log, "utf8").split("\n").filter(Boolean)) {
      const [what, pid] = line.split(" ");
      if (what === "enter") {
        // Only after the previous holder left, or was killed.
        expect(holderPid === undefined || killed, `enter ${pid} while ${holderPid} held the lock`).toBe(true);
        holderPid = pid;
        killed = false;
        entries++;
      } else if (what === "exit") {
        expect(pid).toBe(holderPid);
        holderPid = undefined;
      } else if (what === "killing" && pid === holderPid) killed = true;
    }
    expect(entries).toBeGreaterThan(30);
  }, 60_000);
});
