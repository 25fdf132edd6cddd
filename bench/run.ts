/**
 * `npm run bench`: every benchmark, one after another (each one interleaves its own contenders),
 * then BENCHMARKS.md with the machine, versions, medians, spreads, ratios and the targets.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { runClientOverhead } from "./client-overhead.js";
import { measureBundles, WRAPPER_BUDGET_BYTES, WRAPPER_TARGET_BYTES } from "./lib/bundle-size.js";
import { findingsOf } from "./lib/findings.js";
import { compareCost, fmt, pairedRatios, table } from "./lib/stats.js";
import { runLoopback } from "./loopback.js";
import { ENQUEUE_P99_TARGET_MS, runOutboxEnqueue, runOutboxFlush } from "./outbox.js";
import { PIPELINE_BUDGET_MS, runPipelineBench } from "./pipeline.js";
import { runSandboxThroughput } from "./sandbox-throughput.js";

const BENCHMARKS_MD = new URL("../BENCHMARKS.md", import.meta.url);
/** Kept from the BENCHMARKS.md this run replaces (bench/lib/findings.ts). */
const findings = existsSync(BENCHMARKS_MD) ? findingsOf(readFileSync(BENCHMARKS_MD, "utf8")) : "";
const version = (name: string) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

console.log("client overhead ...");
const OVERHEAD = { rounds: 21, batch: 3000 };
const overhead = await runClientOverhead(OVERHEAD.rounds, OVERHEAD.batch);
console.log("loopback ...");
const LOOPBACK = { rounds: 20, perRound: 400 };
const loopback = await runLoopback(LOOPBACK.rounds, LOOPBACK.perRound);
console.log("bundle size ...");
const bundles = await measureBundles();
console.log("pipeline ...");
const pipeline = runPipelineBench();
console.log("sandbox throughput ...");
const sandbox = await runSandboxThroughput();
console.log("outbox ...");
const outboxEnqueue = await runOutboxEnqueue();
const outboxFlush = await runOutboxFlush();

const ours = overhead.rows.find((r) => r.name === "opensync-api")!;
const oursNoTimeout = overhead.rows.find((r) => r.name === "opensync-api (timeoutMs: false)")!;
const peersOverhead = overhead.rows.filter((r) => r.name.startsWith("openapi-fetch +"));
const loopOurs = loopback.rows.find((r) => r.name === "opensync-api")!;
const loopPeers = loopback.rows.filter((r) => r.name.startsWith("openapi-fetch +"));
const minSandbox = Math.min(...sandbox.ratios.map((r) => r.ratio));
const enqueueRow = (name: string) => outboxEnqueue.rows.find((r) => r.name.startsWith(name))!;
const oneProducer = enqueueRow("outbox, 1 producer");
const manyProducers = enqueueRow("outbox, 8 producer processes");
const manyFloor = enqueueRow("bare writeSync + fdatasync, 8 processes");
/** The sandbox's requests/s over the bare node:http server's, per scenario, in the same run. */
const ofCeiling = sandbox.ratios.map(({ scenario }) => {
  const rps = (server: string) => sandbox.rows.find((r) => r.scenario === scenario && r.server.startsWith(server))!.rps;
  return fmt(rps("opensync sandbox") / rps("bare node:http"), 2);
});

/** Ours against each peer, paired round by round: our cost over theirs, and what it says. */
const peerLabel = (name: string) => name.replace("openapi-fetch + ", "");
const overheadVsPeers = peersOverhead.map((peer) => ({
  peer: peerLabel(peer.name),
  ratio: pairedRatios(peer.samples, ours.samples),
}));
const loopbackVsPeers = loopPeers.map((peer) => ({
  peer: peerLabel(peer.name),
  ratio: pairedRatios(loopOurs.roundMedians, peer.roundMedians),
}));
const describePeers = (list: typeof overheadVsPeers) =>
  list
    .map(
      ({ peer, ratio }) =>
        `${fmt(ratio.median, 3)}x of ${peer} (±${fmt(ratio.madPercent, 1)} %, ${compareCost(ratio)})`,
    )
    .join("; ");
const beatsAll = (list: typeof overheadVsPeers) => {
  const outcomes = list.map(({ ratio }) => compareCost(ratio));
  return outcomes.every((o) => o === "faster")
    ? "met"
    : outcomes.some((o) => o === "slower")
      ? "**missed**"
      : "met, except ties within noise";
};

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const versions = ["openapi-fetch", "ky", "fetch-retry", "@stoplight/prism-cli", "autocannon", "esbuild"]
  .map((name) => `${name} ${version(name)}`)
  .join(", ");
const records = (r: { recordsPerSecond: number }) => Math.round(r.recordsPerSecond).toLocaleString("en-US");
const targets = table(
  ["target", "result", ""],
  [
    [
      "client per-call cost ≤ 1.10x bare openapi-fetch",
      `${fmt(ours.cost, 3)}x (±${fmt(ours.costSummary.madPercent, 1)} %, defaults); ` +
        `${fmt(oursNoTimeout.cost, 3)}x with \`timeoutMs: false\``,
      verdict(ours.cost <= 1.1),
    ],
    [
      "faster than both peer set-ups (per call; our cost over theirs)",
      describePeers(overheadVsPeers),
      beatsAll(overheadVsPeers),
    ],
    [
      "loopback latency ≤ 1.03x",
      `${fmt(loopOurs.ratio, 3)}x (±${fmt(loopOurs.ratioSummary.madPercent, 1)} %)`,
      verdict(loopOurs.ratio <= 1.03),
    ],
    [
      "faster than both peers on loopback (our latency over theirs)",
      describePeers(loopbackVsPeers),
      beatsAll(loopbackVsPeers),
    ],
    [
      `wrapper adds ≤ ${WRAPPER_TARGET_BYTES} B min+gzip`,
      `${bundles.wrapperGzipped} B`,
      `${verdict(bundles.meetsTarget)} (CI guards ≤ ${WRAPPER_BUDGET_BYTES} B)`,
    ],
    [
      `lint + generate + docs ≤ ${PIPELINE_BUDGET_MS / 1000} s`,
      `${fmt(pipeline.totalMedianMs / 1000, 2)} s`,
      verdict(pipeline.withinBudget),
    ],
    [
      "sandbox ≥ 10x Prism's requests/s",
      sandbox.ratios.map((r) => `${r.scenario}: ${fmt(r.ratio, 1)}x`).join("; "),
      verdict(minSandbox >= 10),
    ],
    [
      `outbox enqueue p99 < ${ENQUEUE_P99_TARGET_MS} ms, 1 producer`,
      `${fmt(oneProducer.p99, 2)} ms (p50 ${fmt(oneProducer.p50, 2)} ms, ${records(oneProducer)} records/s)`,
      verdict(oneProducer.p99 < ENQUEUE_P99_TARGET_MS),
    ],
    [
      `outbox enqueue p99 < ${ENQUEUE_P99_TARGET_MS} ms, 8 producer processes`,
      `${fmt(manyProducers.p99, 2)} ms (a bare fdatasync'd append in 8 processes: ${fmt(manyFloor.p99, 2)} ms)`,
      verdict(manyProducers.p99 < ENQUEUE_P99_TARGET_MS),
    ],
  ],
);

const md = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}, Node ${process.version}.
Versions: ${versions}.
Every comparison runs its contenders in one process, interleaved round by round; figures are medians, spreads are
the median absolute deviation. Ratios between clients are paired: one ratio per round (both measured back to back),
then the median of those. A comparison whose ratio is within one spread of 1 is called a tie, not a win.

## Targets

${targets}

## 1. Per-call client overhead

An in-process \`fetch\` answers a small JSON body without network (the method openapi-fetch's own
benchmark uses), so only the clients' own work is measured. ${OVERHEAD.rounds} rounds × ${OVERHEAD.batch} sequential
calls.

${overhead.markdown}

## 2. End-to-end on loopback

The same clients against a plain JSON server in another process, one call at a time, ${LOOPBACK.rounds} rounds ×
${LOOPBACK.perRound} calls.

${loopback.markdown}

## 3. Bundle size

esbuild, \`platform: "browser"\`, minified, gzip level 9.

${table(
  ["bundle", "minified B", "min+gzip B"],
  Object.entries(bundles.sizes).map(([name, s]) => [name, s.minified, s.gzipped]),
)}

The client adds **${bundles.wrapperGzipped} B** min+gzip on top of openapi-fetch.

## 4. Pipeline

${pipeline.markdown}

## 5. Sandbox throughput

Both servers serve this openapi.yaml, each in its own process; the sandbox as it ships (the built
\`opensync-sandbox\` bin, rate limits off), holding 50 sessions, so \`GET /api/sessions?limit=10\` pages
through them and sends 10 (Prism sends the spec's one-session example).

${sandbox.markdown}

Over loopback the sandbox serves ${ofCeiling.join(" and ")} of the bare node:http server's requests/s
(${sandbox.ratios.map((r) => r.scenario).join(" and ")}).

## 6. Outbox

Enqueue: \`message()\` resolves once the record is fdatasync'd, so its latency is mostly the disk's. 1,000 messages with
parts (~400 B) per writer and round, 5 rounds interleaved; percentiles over every call, records/s the median round.
Each floor is a bare \`writeSync\` + \`fdatasyncSync\` per record, in as many processes as the outbox rows below it.

${outboxEnqueue.markdown}

Flush: 1 session and 5,000 messages with parts, enqueued, then \`flush()\` against the built sandbox in its own process
(rate limits off), against the same records posted straight through the client in as many batches.

${outboxFlush.markdown}

${findings}`;

writeFileSync(BENCHMARKS_MD, md);
console.log(md);
