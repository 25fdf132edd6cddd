/**
 * The outbox: how long `message()` takes to be durable, and how fast a flush delivers.
 *
 * Enqueue: each resolved call means the record is fdatasync'd, so its latency is mostly the disk's.
 * Contenders, interleaved round by round, each enqueueing the same messages with parts (~500 B lines):
 *   - the floor: a bare durable append of the same line, writeSync + fdatasyncSync per record, one
 *     process, in a file created as a segment is (lib/enqueue-floor.ts);
 *   - one producer, awaiting each call (a hook writing its records one by one);
 *   - eight callers in one process, concurrently (they share fsyncs: group commit);
 *   - eight producer processes at once, one segment each (hooks of parallel sessions), against
 *     eight processes of bare durable appends, one file each in one directory.
 * Latency percentiles are over every call of every round; records/s is per round (median).
 *
 * Flush: 1 session + 5,000 messages with parts, enqueued, then flush() against the built sandbox
 * in its own process (rate limits off), against the same records posted straight through the
 * client in batches of the same size (the floor: the outbox's own work is the difference).
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { isMainModule } from "../scripts/lib/main-module.js";
import { createOpenSyncClient, unwrap } from "../src/index.js";
import { createOutbox } from "../src/outbox/index.js";
import { SANDBOX_KEY, startBuiltSandbox } from "./lib/built-sandbox.js";
import { benchMessage, floorAppend, messageLine, openFloorFile } from "./lib/enqueue-floor.js";
import { fmt, median, pairedRatios, quantile, summarize, table } from "./lib/stats.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const ROUNDS = 5;
const RECORDS = 1000;
const PRODUCERS = 8;
const FLUSH_ROUNDS = 3;
const ONLY_ENQUEUE = process.argv.includes("--enqueue");
const FLUSH_MESSAGES = 5000;

interface Run {
  latencies: number[];
  recordsPerSecond: number;
}

/** Bare durable appends, one record at a time: the disk's floor for "durable before return". */
function floor(dir: string, n: number): Run {
  const fd = openFloorFile(dir, "floor");
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    floorAppend(fd, messageLine(benchMessage("floor", i)));
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  closeSync(fd);
  return { latencies, recordsPerSecond: n / seconds };
}

/** `callers` concurrent loops in this process, each awaiting its calls one by one. */
async function inProcess(dir: string, n: number, callers: number): Promise<Run> {
  const outbox = createOutbox({ dir });
  await outbox.session({ externalId: "warm", title: "warm-up: creates the segment" });
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      for (let i = c; i < n; i += callers) {
        const t = performance.now();
        await outbox.message(benchMessage(`in-${callers}`, i));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await outbox.close();
  return { latencies, recordsPerSecond: n / seconds };
}

const PRODUCER = `
import { createOutbox } from ${JSON.stringify(join(root, "src/outbox/index.ts"))};
import { benchMessage, floorAppend, messageLine, openFloorFile } from ${JSON.stringify(
  join(root, "bench/lib/enqueue-floor.ts"),
)};
import { closeSync } from "node:fs";
const [dir, count, startAt, bare] = process.argv.slice(2);
const session = "p" + process.pid;
const untilStart = async () => {
  while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
};
const latencies = [];
let started;
let ended;
if (bare) {
  // The floor for this many processes: each a bare durable append per record, of the same lines.
  const fd = openFloorFile(dir, process.pid + ".seg");
  await untilStart();
  started = Date.now();
  for (let i = 0; i < Number(count); i++) {
    const t = performance.now();
    floorAppend(fd, messageLine(benchMessage(session, i)));
    latencies.push(performance.now() - t);
  }
  ended = Date.now();
  closeSync(fd);
} else {
  const outbox = createOutbox({ dir });
  await outbox.session({ externalId: "warm-" + process.pid, title: "warm-up: creates the segment" });
  await untilStart();
  started = Date.now();
  for (let i = 0; i < Number(count); i++) {
    const t = performance.now();
    await outbox.message(benchMessage(session, i));
    latencies.push(performance.now() - t);
  }
  ended = Date.now();
  await outbox.close();
}
process.stdout.write(JSON.stringify({ latencies, started, ended }));
`;

/** `PRODUCERS` processes at once, one segment each (or, `bare`, one floor file each), started together. */
async function processes(dir: string, script: string, n: number, bare = false): Promise<Run> {
  const startAt = Date.now() + 1500;
  const outputs = await Promise.all(
    Array.from({ length: PRODUCERS }, () => {
      const child = spawn(
        process.execPath,
        [script, dir, String(n / PRODUCERS), String(startAt), ...(bare ? ["bare"] : [])],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      return new Promise<{ latencies: number[]; started: number; ended: number }>((resolve, reject) =>
        child.once("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`producer exited ${code}`)),
        ),
      );
    }),
  );
  const seconds = (Math.max(...outputs.map((o) => o.ended)) - Math.min(...outputs.map((o) => o.started))) / 1000;
  return { latencies: outputs.flatMap((o) => o.latencies), recordsPerSecond: n / seconds };
}

export interface EnqueueRow {
  name: string;
  p50: number;
  p99: number;
  max: number;
  recordsPerSecond: number;
  /** p50 over the floor's p50, paired by round. */
  p50OverFloor: number;
}

export async function runOutboxEnqueue(): Promise<{ rows: EnqueueRow[]; markdown: string }> {
  const scratch = mkdtempSync(join(tmpdir(), "opensync-outbox-bench-"));
  try {
    const script = join(scratch, "producer.mjs");
    await build({
      stdin: { contents: PRODUCER, resolveDir: root, loader: "ts" },
      outfile: script,
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
      tsconfig: join(root, "tsconfig.json"),
    });
    const names = [
      "bare writeSync + fdatasync, 1 process (floor)",
      "outbox, 1 producer",
      `outbox, ${PRODUCERS} callers in 1 process`,
      `bare writeSync + fdatasync, ${PRODUCERS} processes (floor)`,
      `outbox, ${PRODUCERS} producer processes`,
    ] as const;
    const runs = new Map<string, Run[]>(names.map((n) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const dir = (name: string) => join(scratch, `r${round}-${name.replace(/\W+/g, "-")}`);
      runs.get(names[0])!.push(floor(dir("floor"), RECORDS));
      runs.get(names[1])!.push(await inProcess(dir("one"), RECORDS, 1));
      runs.get(names[2])!.push(await inProcess(dir("callers"), RECORDS, PRODUCERS));
      runs.get(names[3])!.push(await processes(dir("bare"), script, RECORDS, true));
      runs.get(names[4])!.push(await processes(dir("processes"), script, RECORDS));
    }
    const medianOf = (name: string) => runs.get(name)!.map((r) => median(r.latencies));
    const rows: EnqueueRow[] = names.map((name, i) => {
      const floorMedians = medianOf(names[i >= 3 ? 3 : 0]);
      const all = runs.get(name)!;
      const latencies = all.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const medians = medianOf(name);
      return {
        name,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        max: latencies[latencies.length - 1]!,
        recordsPerSecond: summarize(all.map((r) => r.recordsPerSecond)).median,
        p50OverFloor: pairedRatios(medians, floorMedians).median,
      };
    });
    const markdown = table(
      ["writer", "p50 ms", "p99 ms", "max ms", "records/s", "p50 over the floor's"],
      rows.map((r) => [
        r.name,
        fmt(r.p50, 2),
        fmt(r.p99, 2),
        fmt(r.max, 1),
        Math.round(r.recordsPerSecond).toLocaleString("en-US"),
        `${fmt(r.p50OverFloor, 2)}x`,
      ]),
    );
    return { rows, markdown };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface FlushResult {
  outboxRecordsPerSecond: number;
  directRecordsPerSecond: number;
  /** Outbox time over the direct posting's, paired by round. */
  ratio: number;
  requests: number;
  markdown: string;
}

export async function runOutboxFlush(): Promise<FlushResult> {
  const sandbox = await startBuiltSandbox();
  const scratch = mkdtempSync(join(tmpdir(), "opensync-outbox-flush-bench-"));
  try {
    const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: SANDBOX_KEY, retry: false });
    const outboxMs: number[] = [];
    const directMs: number[] = [];
    let requests = 0;
    for (let round = 0; round < FLUSH_ROUNDS; round++) {
      // The outbox: enqueue (not timed), then flush.
      const outbox = createOutbox({ dir: join(scratch, `r${round}`), baseUrl: sandbox.url, apiKey: SANDBOX_KEY });
      await outbox.session({ externalId: `flush-${round}`, title: "Flush benchmark", model: "claude-sonnet-4" });
      await Promise.all(
        Array.from({ length: FLUSH_MESSAGES }, (_, i) => outbox.message(benchMessage(`flush-${round}`, i))),
      );
      let t = performance.now();
      const report = await outbox.flush();
      outboxMs.push(performance.now() - t);
      if (report.pending !== 0 || report.sent !== FLUSH_MESSAGES + 1)
        throw new Error(`flush left ${report.pending} records`);
      requests = report.requests;
      await outbox.close();
      // The floor: the same records straight through the client, in as many batches.
      const messages = Array.from({ length: FLUSH_MESSAGES }, (_, i) => benchMessage(`direct-${round}`, i));
      const per = Math.ceil(messages.length / report.requests);
      t = performance.now();
      for (let i = 0; i < messages.length; i += per) {
        await unwrap(
          client.POST("/sync/batch", {
            body: {
              ...(i === 0
                ? { sessions: [{ externalId: `direct-${round}`, title: "Flush benchmark", model: "claude-sonnet-4" }] }
                : {}),
              messages: messages.slice(i, i + per),
            },
          }),
        );
      }
      directMs.push(performance.now() - t);
    }
    const records = FLUSH_MESSAGES + 1;
    const outboxRecordsPerSecond = records / (summarize(outboxMs).median / 1000);
    const directRecordsPerSecond = records / (summarize(directMs).median / 1000);
    const ratio = pairedRatios(outboxMs, directMs);
    const markdown =
      table(
        ["sender", "median time", "records/s", "requests"],
        [
          [
            "outbox flush()",
            `${fmt(summarize(outboxMs).median, 0)} ms`,
            Math.round(outboxRecordsPerSecond).toLocaleString("en-US"),
            requests,
          ],
          [
            "client, same batches (floor)",
            `${fmt(summarize(directMs).median, 0)} ms`,
            Math.round(directRecordsPerSecond).toLocaleString("en-US"),
            requests,
          ],
        ],
      ) +
      `\n\nThe outbox takes ${fmt(ratio.median, 2)}x the floor's time (±${fmt(ratio.madPercent, 1)} %, ` +
      `${FLUSH_ROUNDS} rounds).`;
    return { outboxRecordsPerSecond, directRecordsPerSecond, ratio: ratio.median, requests, markdown };
  } finally {
    sandbox.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  const enqueue = await runOutboxEnqueue();
  console.log(enqueue.markdown);
  if (!ONLY_ENQUEUE) console.log(`\n${(await runOutboxFlush()).markdown}`);
}
