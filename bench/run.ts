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
import { runOutboxEnqueue, runOutboxFlush } from "./outbox.js";
import { PIPELINE_RATIO_TARGET, runPipelineBench } from "./pipeline.js";
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
const enqueueRow = (name: string) => outboxEnqueue.rows.find((r) => r.name.startsWith(name))!;
const oneProducer = enqueueRow("outbox, 1 producer");
const manyProducers = enqueueRow("outbox, 8 producer processes");
const manyFloor = enqueueRow("bare writeSync + fdatasync, 8 processes");
/** The sandbox's requests/s over the bare node:http server's, per scenario, in the same run. */
const ofCeiling = sandbox.ratios.map(({ scenario }) => {
  const rps = (server: string) => sandbox.rows.find((r) => r.scenario === scenario && r.server.startsWith(server))!.rps;
  return rps("opensync sandbox") / rps("bare node:http");
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
/** Every target is a ratio against a baseline measured in the same run (bytes excepted: they do not drift). */
const PER_CALL_TARGET = 1.05;
const CEILING_SHARE_TARGET = 0.6;
const ENQUEUE_FLOOR_RATIO_TARGET = 2;
const oneFloor = enqueueRow("bare writeSync + fdatasync, 1 process");
const manyOverFloor = manyProducers.p99 / manyFloor.p99;
const minCeilingShare = Math.min(...ofCeiling);
const targets = table(
  ["target", "baseline", "result", "ratio", "verdict"],
  [
    [
      `client per-call cost ≤ ${PER_CALL_TARGET}x bare openapi-fetch`,
      "bare openapi-fetch, same rounds",
      `defaults (±${fmt(ours.costSummary.madPercent, 1)} %); ${fmt(oursNoTimeout.cost, 3)}x with \`timeoutMs: false\``,
      `${fmt(ours.cost, 3)}x`,
      verdict(ours.cost <= PER_CALL_TARGET),
    ],
    [
      "faster than both peer set-ups (per call)",
      "each peer, same rounds",
      describePeers(overheadVsPeers),
      "our cost over theirs",
      beatsAll(overheadVsPeers),
    ],
    [
      "loopback latency ≤ 1.03x bare openapi-fetch",
      "bare openapi-fetch, same rounds",
      `±${fmt(loopOurs.ratioSummary.madPercent, 1)} %`,
      `${fmt(loopOurs.ratio, 3)}x`,
      verdict(loopOurs.ratio <= 1.03),
    ],
    [
      "faster than both peers on loopback",
      "each peer, same rounds",
      describePeers(loopbackVsPeers),
      "our latency over theirs",
      beatsAll(loopbackVsPeers),
    ],
    [
      `wrapper adds ≤ ${WRAPPER_TARGET_BYTES} B min+gzip`,
      `openapi-fetch alone: ${bundles.sizes["openapi-fetch alone"].gzipped} B`,
      `${bundles.wrapperGzipped} B added (CI guards ≤ ${WRAPPER_BUDGET_BYTES} B)`,
      `${fmt(bundles.wrapperGzipped / WRAPPER_TARGET_BYTES, 2)}x the target`,
      verdict(bundles.meetsTarget),
    ],
    [
      `lint + generate + docs ≤ ${PIPELINE_RATIO_TARGET}x the bare tools`,
      `redocly lint, spectral lint, openapi-typescript, redocly build-docs: ${fmt(pipeline.bareMs / 1000, 2)} s`,
      `${fmt(pipeline.oursMs / 1000, 2)} s`,
      `${fmt(pipeline.ratio, 2)}x`,
      verdict(pipeline.withinTarget),
    ],
    [
      `sandbox ≥ ${CEILING_SHARE_TARGET} of a bare node:http server's requests/s`,
      "bare node:http sending the sandbox's answers, same load",
      sandbox.ratios.map((r, i) => `${r.scenario}: ${fmt(ofCeiling[i]!, 2)}`).join("; "),
      `${fmt(minCeilingShare, 2)} (lowest)`,
      verdict(minCeilingShare >= CEILING_SHARE_TARGET),
    ],
    [
      "outbox enqueue p99, 1 producer (reported)",
      `bare fdatasync'd append, 1 process: ${fmt(oneFloor.p99, 2)} ms`,
      `${fmt(oneProducer.p99, 2)} ms (p50 ${fmt(oneProducer.p50, 2)} ms, ${records(oneProducer)} records/s)`,
      `${fmt(oneProducer.p99 / oneFloor.p99, 2)}x`,
      "",
    ],
    [
      `outbox enqueue p99 ≤ ${ENQUEUE_FLOOR_RATIO_TARGET}x the floor, 8 producer processes`,
      `bare fdatasync'd append, 8 processes: ${fmt(manyFloor.p99, 2)} ms`,
      `${fmt(manyProducers.p99, 2)} ms`,
      `${fmt(manyOverFloor, 2)}x`,
      verdict(manyOverFloor <= ENQUEUE_FLOOR_RATIO_TARGET),
    ],
  ],
);

const ceilingShares = ofCeiling.map((share) => fmt(share, 2)).join(" and ");
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

The client adds **${bundles.wrapperGzipped} B** min+gzip on top of openapi-fetch. What each of its modules costs
(minified bytes in the browser bundle, before gzip; gzip does not split by module):

${table(
  ["module", "minified B"],
  bundles.modules.map((m) => [m.module, m.minified]),
)}

## 4. Pipeline

${pipeline.markdown}

## 5. Sandbox throughput

Both servers serve this openapi.yaml, each in its own process; the sandbox as it ships (the built
\`opensync-sandbox\` bin, rate limits off), holding 50 sessions, so \`GET /api/sessions?limit=10\` pages
through them and sends 10 (Prism sends the spec's one-session example).

${sandbox.markdown}

The ceiling is a bare node:http server sending, for each request, the answer the sandbox gave to it (status,
headers and body recorded once, precomputed), so both send the same bytes. Over loopback the sandbox serves
${ceilingShares} of the bare node:http server's requests/s (${sandbox.ratios.map((r) => r.scenario).join(" and ")});
Prism's figures are for comparison, not a target.

## 6. Outbox

Enqueue: \`message()\` resolves once the record is fdatasync'd, so its latency is mostly the disk's. 1,000 messages with
parts (~500 B lines) per writer and round, 5 rounds interleaved; percentiles over every call, records/s the median
round. Each floor is a bare \`writeSync\` + \`fdatasyncSync\` per record of the same lines, in as many processes as the
outbox rows below it, each into a file of the spool layout created and synced (name included) before timing.

${outboxEnqueue.markdown}

Flush: 1 session and 5,000 messages with parts, enqueued, then \`flush()\` against the built sandbox in its own process
(rate limits off), against the same records posted straight through the client in as many batches.

${outboxFlush.markdown}

${findings}`;

writeFileSync(BENCHMARKS_MD, md);
console.log(md);
