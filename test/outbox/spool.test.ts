/**
 * The spool from both sides: producers' segment files (one per writer, group-committed) and the
 * flusher's incremental reads and compaction, including what a crash or a race leaves behind.
 */
import { spawn } from "node:child_process";
import { appendFileSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOutbox, OutboxFullError } from "../../src/outbox/index.js";
import { encodeLine } from "../../src/outbox/line-codec.js";
import { SegmentWriter } from "../../src/outbox/spool/segment-writer.js";
import { Spool } from "../../src/outbox/spool/spool.js";
import { scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch() {
  const { dir, remove } = scratchDir("outbox-spool-");
  cleanups.push(remove);
  return dir;
}

const writerFor = (spoolDir: string, extra: Partial<ConstructorParameters<typeof SegmentWriter>[0]> = {}) => {
  const writer = new SegmentWriter({
    spoolDir,
    measuredDirs: [spoolDir],
    maxSpoolBytes: 1 << 30,
    minFreeBytes: 0,
    segmentBytes: 1 << 20,
    segmentAgeMs: 60_000,
    ...extra,
  });
  cleanups.push(() => writer.close());
  return writer;
};
const record = (i: number) =>
  encodeLine({
    k: "m",
    t: i,
    b: { sessionExternalId: "s", externalId: `s:${i}`, role: "user", textContent: `text ${i}` },
  });
const ids = (spool: Spool) => [...spool.records()].map((r) => (r.body as { externalId: string }).externalId);

/** A process id that is certainly not running: a child that has exited. */
async function goneProcessId(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

describe("segments", () => {
  it("writes concurrent appends together, each resolving once written, in one segment with a header", async () => {
    const dir = scratch();
    const writer = writerFor(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(record(i))));
    const spool = new Spool(dir);
    await spool.refresh();
    expect(ids(spool)).toEqual(Array.from({ length: 200 }, (_, i) => `s:${i}`));
    expect(spool.segments.size).toBe(1);
    const [segment] = spool.segments.values();
    expect(segment!.header).toMatchObject({ pid: process.pid, host: hostname() });
    expect(segment!.sealed).toBe(false);
    await writer.close();
    await spool.refresh();
    expect([...spool.segments.values()][0]!.sealed).toBe(true);
  });

  it("rolls over to a new segment past its size, sealing the full one", async () => {
    const dir = scratch();
    const writer = writerFor(dir, { segmentBytes: 2000 });
    for (let i = 0; i < 60; i++) await writer.append(record(i));
    const spool = new Spool(dir);
    await spool.refresh();
    expect(spool.segments.size).toBeGreaterThan(1);
    expect([...spool.segments.values()].slice(0, -1).every((s) => s.sealed)).toBe(true);
    expect(ids(spool)).toHaveLength(60);
  });

  it("measures the spool again beside its appends, and refuses what would pass the cap once it knows", async () => {
    const dir = scratch();
    const writer = writerFor(dir, { maxSpoolBytes: 64 * 1024 });
    await writer.append(record(0));
    // Another writer fills the spool; this one learns of it from its next measurement, a second on.
    writeFileSync(join(dir, "other.seg"), Buffer.alloc(63 * 1024, 0x20));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    let accepted = 0;
    let refusal: unknown;
    for (let i = 1; i < 200 && !refusal; i++) {
      await writer.append(record(i)).then(
        () => accepted++,
        (error) => (refusal = error),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(refusal).toBeInstanceOf(OutboxFullError);
    expect(String((refusal as Error).message)).toMatch(/holds \d+ bytes; \d+ more would pass its cap of 65536/);
    const spool = new Spool(dir);
    await spool.refresh();
    expect(ids(spool)).toHaveLength(accepted + 1);
  });

  it("gives processes writing one directory at once a segment each: every record intact, none interleaved", async () => {
    const dir = scratch();
    const OUTBOX_MODULE = new URL("../../src/outbox/index.ts", import.meta.url).href;
    const script = `
      const { createOutbox } = await import(${JSON.stringify(OUTBOX_MODULE)});
      const outbox = createOutbox({ dir: process.argv[1] });
      await Promise.all(Array.from({ length: 300 }, (_, i) => outbox.message({ sessionExternalId: "p" + process.pid,
        externalId: process.pid + ":" + i, role: "user", textContent: "x".repeat(i * 7) })));
      await outbox.close();`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, join(dir)], {
        stdio: "inherit",
      }),
    );
    await Promise.all(children.map((c) => new Promise((resolve) => c.once("exit", resolve))));
    expect(children.map((c) => c.exitCode)).toEqual([0, 0, 0, 0]);
    const spool = new Spool(join(dir, "spool"));
    await spool.refresh();
    expect(spool.segments.size).toBe(4);
    expect(
      [...spool.segments.values()].every((s) => s.damaged.length === 0 && s.sealed && s.records.length === 300),
    ).toBe(true);
    for (const s of spool.segments.values())
      for (const [i, r] of s.records.entries())
        expect((r.body as { textContent: string }).textContent).toBe("x".repeat(i * 7));
  }, 60_000);
});

describe("reading the spool", () => {
  it("reads only what was appended since, and waits for a live writer's incomplete line", async () => {
    const dir = scratch();
    const path = join(dir, "0000000001-1-aa.seg");
    writeFileSync(path, Buffer.concat([encodeLine({ h: 1, pid: process.pid, host: hostname(), at: 1 }), record(0)]));
    const spool = new Spool(dir);
    expect(await spool.refresh()).toBe(true);
    expect(ids(spool)).toEqual(["s:0"]);
    expect(await spool.refresh()).toBe(false);
    const next = record(1);
    appendFileSync(path, next.subarray(0, 10));
    expect(await spool.refresh()).toBe(false);
    appendFileSync(path, next.subarray(10));
    expect(await spool.refresh()).toBe(true);
    expect(ids(spool)).toEqual(["s:0", "s:1"]);
  });

  it("takes a crashed writer's segment up to its torn tail, counts it finished, and removes it once its records are done", async () => {
    const dir = scratch();
    const pid = await goneProcessId();
    const path = join(dir, "0000000001-2-bb.seg");
    writeFileSync(
      path,
      Buffer.concat([
        encodeLine({ h: 1, pid, host: hostname(), at: 1 }),
        record(0),
        record(1),
        record(2).subarray(0, 25),
      ]),
    );
    const spool = new Spool(dir);
    await spool.refresh();
    expect(ids(spool)).toEqual(["s:0", "s:1"]);
    expect(await spool.compact(() => false, 60_000)).toEqual([]);
    expect(await spool.compact(() => true, 60_000)).toEqual(["0000000001-2-bb.seg"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a live, unsealed writer's segment even when all its records are done", async () => {
    const dir = scratch();
    const writer = writerFor(dir);
    await writer.append(record(0));
    const spool = new Spool(dir);
    await spool.refresh();
    expect(await spool.compact(() => true, 60_000)).toEqual([]);
    await writer.close();
    await spool.refresh();
    expect(await spool.compact(() => true, 60_000)).toHaveLength(1);
  });

  it("loses no acknowledged record to a compaction racing a live writer", async () => {
    const dir = scratch();
    const writer = writerFor(dir);
    const spool = new Spool(dir);
    const seen = new Set<string>();
    let writing = true;
    const compactor = (async () => {
      // idleMs 0: every segment counts as finished, so compaction tries to remove the live one too.
      while (writing) {
        await spool.refresh();
        for (const id of ids(spool)) seen.add(id);
        await spool.compact((r) => seen.has((r.body as { externalId: string }).externalId), 0);
      }
    })();
    const acknowledged: string[] = [];
    for (let i = 0; i < 300; i++) {
      await writer.append(record(i));
      acknowledged.push(`s:${i}`);
    }
    writing = false;
    await compactor;
    await spool.refresh();
    for (const id of ids(spool)) seen.add(id);
    expect(acknowledged.filter((id) => !seen.has(id))).toEqual([]);
  });

  it("puts back a segment left renamed aside by a compaction that crashed, when asked by the lock's holder only", async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "0000000001-3-cc.seg.compacting"),
      Buffer.concat([encodeLine({ h: 1, pid: 1, host: "elsewhere", at: 1 }), record(7)]),
    );
    const spool = new Spool(dir);
    // A reader (status, or a flusher without the lock) leaves it: a compaction may be under way.
    await spool.refresh();
    expect(ids(spool)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["0000000001-3-cc.seg.compacting"]);
    await spool.repair();
    await spool.refresh();
    expect(ids(spool)).toEqual(["s:7"]);
    expect(readdirSync(dir)).toEqual(["0000000001-3-cc.seg"]);
  });
});

describe("an outbox that is never flushed", () => {
  it("needs no server configuration to enqueue", async () => {
    const dir = scratch();
    const outbox = createOutbox({ dir });
    await outbox.session({ externalId: "offline", title: "No server yet" });
    expect(await outbox.status()).toMatchObject({ pending: 1, rejected: 0 });
    await outbox.close();
  });
});
