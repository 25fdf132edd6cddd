/**
 * `npm run bench`: every benchmark, one after another (each one interleaves its own contenders),
 * then BENCHMARKS.md with the machine, versions, medians, spreads, ratios and the targets.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { runClientOverhead } from "./client-overhead.js";
import { runLoopback } from "./loopback.js";
import { measureBundles, WRAPPER_BUDGET_BYTES, WRAPPER_TARGET_BYTES } from "./lib/bundle-size.js";
import { runPipelineBench, PIPELINE_BUDGET_MS } from "./pipeline.js";
import { runSandboxThroughput } from "./sandbox-throughput.js";
import { ENQUEUE_P99_TARGET_MS, runOutboxEnqueue, runOutboxFlush } from "./outbox.js";
import { compareCost, fmt, pairedRatios, table } from "./lib/stats.js";

const version = (name: string) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
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
const overheadVsPeers = peersOverhead.map((peer) => ({ peer: peerLabel(peer.name), ratio: pairedRatios(peer.samples, ours.samples) }));
const loopbackVsPeers = loopPeers.map((peer) => ({ peer: peerLabel(peer.name), ratio: pairedRatios(loopOurs.roundMedians, peer.roundMedians) }));
const describePeers = (list: typeof overheadVsPeers) =>
  list.map(({ peer, ratio }) => `${fmt(ratio.median, 3)}x of ${peer} (±${fmt(ratio.madPercent, 1)} %, ${compareCost(ratio)})`).join("; ");
const beatsAll = (list: typeof overheadVsPeers) => {
  const outcomes = list.map(({ ratio }) => compareCost(ratio));
  return outcomes.every((o) => o === "faster") ? "met" : outcomes.some((o) => o === "slower") ? "**missed**" : "met, except ties within noise";
};

const md = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Versions: openapi-fetch ${version("openapi-fetch")}, ky ${version("ky")}, fetch-retry ${version("fetch-retry")}, @stoplight/prism-cli ${version("@stoplight/prism-cli")}, autocannon ${version("autocannon")}, esbuild ${version("esbuild")}.
Every comparison runs its contenders in one process, interleaved round by round; figures are medians, spreads are the median absolute deviation.
Ratios between clients are paired: one ratio per round (both measured back to back), then the median of those. A comparison
whose ratio is within one spread of 1 is called a tie, not a win.

## Targets

| target | result | |
|---|---|---|
| client per-call cost ≤ 1.10x bare openapi-fetch | ${fmt(ours.cost, 3)}x (±${fmt(ours.costSummary.madPercent, 1)} %, defaults); ${fmt(oursNoTimeout.cost, 3)}x with \`timeoutMs: false\` | ${verdict(ours.cost <= 1.1)} |
| faster than both peer set-ups (per call; our cost over theirs) | ${describePeers(overheadVsPeers)} | ${beatsAll(overheadVsPeers)} |
| loopback latency ≤ 1.03x | ${fmt(loopOurs.ratio, 3)}x (±${fmt(loopOurs.ratioSummary.madPercent, 1)} %) | ${verdict(loopOurs.ratio <= 1.03)} |
| faster than both peers on loopback (our latency over theirs) | ${describePeers(loopbackVsPeers)} | ${beatsAll(loopbackVsPeers)} |
| wrapper adds ≤ ${WRAPPER_TARGET_BYTES} B min+gzip | ${bundles.wrapperGzipped} B | ${verdict(bundles.meetsTarget)} (CI guards ≤ ${WRAPPER_BUDGET_BYTES} B) |
| lint + generate + docs ≤ ${PIPELINE_BUDGET_MS / 1000} s | ${fmt(pipeline.totalMedianMs / 1000, 2)} s | ${verdict(pipeline.withinBudget)} |
| sandbox ≥ 10x Prism's requests/s | ${sandbox.ratios.map((r) => `${r.scenario}: ${fmt(r.ratio, 1)}x`).join("; ")} | ${verdict(minSandbox >= 10)} |
| outbox enqueue p99 < ${ENQUEUE_P99_TARGET_MS} ms, 1 producer | ${fmt(oneProducer.p99, 2)} ms (p50 ${fmt(oneProducer.p50, 2)} ms, ${Math.round(oneProducer.recordsPerSecond).toLocaleString("en-US")} records/s) | ${verdict(oneProducer.p99 < ENQUEUE_P99_TARGET_MS)} |
| outbox enqueue p99 < ${ENQUEUE_P99_TARGET_MS} ms, 8 producer processes | ${fmt(manyProducers.p99, 2)} ms (a bare fdatasync'd append in 8 processes: ${fmt(manyFloor.p99, 2)} ms) | ${verdict(manyProducers.p99 < ENQUEUE_P99_TARGET_MS)} |

## 1. Per-call client overhead

An in-process \`fetch\` answers a small JSON body without network (the method openapi-fetch's own
benchmark uses), so only the clients' own work is measured. ${OVERHEAD.rounds} rounds × ${OVERHEAD.batch} sequential calls.

${overhead.markdown}

## 2. End-to-end on loopback

The same clients against a plain JSON server in another process, one call at a time, ${LOOPBACK.rounds} rounds × ${LOOPBACK.perRound} calls.

${loopback.markdown}

## 3. Bundle size

esbuild, \`platform: "browser"\`, minified, gzip level 9.

${table(["bundle", "minified B", "min+gzip B"], Object.entries(bundles.sizes).map(([name, s]) => [name, s.minified, s.gzipped]))}

The client adds **${bundles.wrapperGzipped} B** min+gzip on top of openapi-fetch.

## 4. Pipeline

${pipeline.markdown}

## 5. Sandbox throughput

Both servers serve this openapi.yaml, each in its own process; the sandbox as it ships (the built
\`opensync-sandbox\` bin, rate limits off), holding 50 sessions, so \`GET /api/sessions?limit=10\` pages
through them and sends 10 (Prism sends the spec's one-session example).

${sandbox.markdown}

## 6. Outbox

Enqueue: \`message()\` resolves once the record is fdatasync'd, so its latency is mostly the disk's. 1,000 messages with
parts (~400 B) per writer and round, 5 rounds interleaved; percentiles over every call, records/s the median round.
Each floor is a bare \`writeSync\` + \`fdatasyncSync\` per record, in as many processes as the outbox rows below it.

${outboxEnqueue.markdown}

Flush: 1 session and 5,000 messages with parts, enqueued, then \`flush()\` against the built sandbox in its own process
(rate limits off), against the same records posted straight through the client in as many batches.

${outboxFlush.markdown}

## Findings, before and after

Each target that an earlier run missed was profiled (\`node --cpu-prof\`, which \`npm run bench:profile\` repeats;
\`perf\` and \`strace -c\` for the sandbox) and its cause fixed in the code. "Before" is the previous
BENCHMARKS.md; "after" is this run.

- **Client per-call cost: 1.063x (previous run) → ${fmt(ours.cost, 3)}x** with the client rebuilt as a façade. Its
  methods call an untouched openapi-fetch client; per call they create one context object (attempts,
  Retry-After, whether the request may be repeated, decided from the body before it is serialised) and
  hand the transport to openapi-fetch as that request's \`fetch\`, a closure, where the context used to
  travel as an init key that openapi-fetch copied onto the Request as an added property. The body is read
  as text and parsed by the media type the request asked for (the same text and \`JSON.parse\` openapi-fetch
  does for JSON; the content type is read only for Markdown and NDJSON); a failed result carries its context
  in a non-enumerable property, a successful one nothing. Without attempt timeouts: ${fmt(oursNoTimeout.cost, 3)}x.
  Loopback: ${fmt(loopOurs.ratio, 3)}x. Earlier rounds (2.344x → 1.535x → 1.063x): the profile showed undici
  following the attempt's timeout signal when openapi-fetch built our Request (a Request subclass carried
  it: a WeakRef, an abort listener and a FinalizationRegistry entry per call), and, with Node's own fetch,
  once more when \`fetch\` built its own Request from ours. The signal goes to \`fetch\` in its init, where
  undici follows it once, and is joined with the caller's signal only when there is one.
- **Bundle: 3,688 B (previous run) → ${bundles.wrapperGzipped} B added; CI guard raised from 3,760 B to
  ${WRAPPER_BUDGET_BYTES} B** (this size plus ~2 %). The growth is this round's required behaviour, measured per module
  (esbuild metafile, minified, openapi-fetch external) when the guard was raised: reading bodies by media
  type, Markdown and NDJSON included (1.0 kB); per-call repeatability from the body and the spec's
  \`x-repeatable-without\` (0.6 kB) with the never-sent connection check (0.3 kB); BatchError and
  OutcomeUnknownError (0.8 kB); \`errorOf\` and the call facts on failed results (0.4 kB); the
  \`Symbol.for\` brands that make \`instanceof\` work between the ESM and CJS builds (0.4 kB, the static
  blocks included); the format table and the repeatability facts from the spec (0.4 kB); method and path in
  every error message (0.1 kB). About 4.8 kB minified, 1.7 kB gzipped. Trimmed before raising: the call
  prefix and method/path moved into the base class, shorter messages, retry options resolved in a loop.
  Earlier (4,064 B → 3,688 B): the Request subclass went, then declared instead of emitted class fields, no
  Node-only \`util.inspect\` hook (Node's own view shows more), one error-body normaliser returning the body,
  a tighter Retry-After parser, and shorter messages that still say what to do. Reaching 2 kB would mean
  dropping behaviour the issues require. CI guards the size reached (≤ ${WRAPPER_BUDGET_BYTES} B) so it cannot creep back.
- **Pipeline: 5.91 s → 4.41 s (previous run) → ${fmt(pipeline.totalMedianMs / 1000, 2)} s.** Redocly and Spectral lint side by
  side, scripts run in one process, and the docs build parses the single-file spec instead of spawning
  \`redocly bundle\`. This round the profile of \`npm run generate\` showed module loading as most of its
  time, much of it tsx's CommonJS hook wrapping every \`require\` of TypeScript and Redocly: the pipeline
  scripts now load with \`--import tsx/esm\` (they are ES modules; their CommonJS dependencies go through
  Node's own loader), about 0.15 s less for generate. Spectral's CLI (~1.4 s, its ajv compilation
  included) is the critical path of lint.
- **Sandbox vs Prism: 12.6x GET and 13.2x POST (previous run) → ${sandbox.ratios.map((r) => `${fmt(r.ratio, 1)}x`).join(" and ")}** (4.2x GET on an empty
  store and 2.6x POST in the run before that). That earlier gap was the sandbox itself, at 100 % of a core
  (not, as first thought, a saturated load generator). Its profile: hono's \`cors()\` writes into
  \`c.res.headers\`, which made @hono/node-server build a real web Response and a ReadableStream for every
  answer (undici 22 %, web streams 12 % of the process); POST bodies were read through a web Request with
  an AbortSignal and two streams; a \`*\` middleware made hono compose a chain per request; a listing sorted
  every session and copied each summary, and serialising the page was ~19 % of a GET. Since then the CORS
  headers go on Node's response, bodies, headers and query are read from Node's IncomingMessage under the
  Node listener (the web path stays for \`app.fetch\`, and a test holds the two to the same answers), each
  route's handler does what the middleware did, and the store keeps its sessions in recency order and each
  summary's JSON until the next write. What remains per request is Node's HTTP layer and the kernel:
  \`writev\` on loopback is ~40 % of the sandbox's busy time; the bare node:http row is the machine's
  ceiling under the same load.
  The sandbox has since been restructured (its request pipeline as steps composed per operation, handlers
  by area, one error class answered in one place, the Node fast path in a module of its own); its cost per
  request did not change. On loopback, the previous and the restructured build interleaved with Prism in
  one run on a quiet machine: GET 9.0x and 9.0x of Prism, POST 9.2x and 8.8x (a second run, partly under
  other load: GET 8.3x and 8.3x, POST 7.9x and 8.8x). In process, by a one-off harness without sockets
  (@hono/node-server's listener over socket-less IncomingMessage/ServerResponse pairs, both builds in one
  process, 200 or 300 paired rounds of 1,000 requests), the restructured build's CPU time per request
  against the previous one's was GET 1.005x to 1.017x and POST 0.993x to 1.014x over five runs (one with
  the builds' order swapped), where two copies of one build measure 1.013x to 1.016x against each other.
  In a CPU profile of GET the pipeline's steps take ~8 % of the time in both builds; encoding a page's
  cursor (JSON, then base64) 5 to 7 %. Over loopback the sandbox serves ${ofCeiling.join(" and ")} of the ceiling's
  requests/s (GET and POST; 0.39 and 0.46 on 2026-11-26). Ratios to Prism measure the machine as well:
  on 2026-11-30 every server ran slower than on 2026-11-26 on the same kind of machine, Node's HTTP stack
  most (GET: the ceiling 53,750 → 17,868 requests/s, the sandbox 21,144 → 8,765, Prism 1,682 → 905), and
  the ceiling's own ratio to Prism fell from 32.0x and 28.8x to 19.7x and 20.1x; read the sandbox's ratio
  against the ceiling's row of the same run.
- **Outbox enqueue (new).** The first version wrote each group of appends, then fdatasync'd it: 8 producer
  processes made 2,155 records/s (p50 2.26 ms, p99 13.4 ms, against a floor of 13.5 ms in that run). Segments
  are now opened with O_DSYNC, so each write returns once durable, one thread-pool round trip fewer per append:
  ${Math.round(manyProducers.recordsPerSecond).toLocaleString("en-US")} records/s, p50 ${fmt(manyProducers.p50, 2)} ms. The ${ENQUEUE_P99_TARGET_MS} ms p99 target is ${verdict(oneProducer.p99 < ENQUEUE_P99_TARGET_MS)} by one producer
  (${fmt(oneProducer.p99, 2)} ms) and ${verdict(enqueueRow("outbox, 8 callers").p99 < ENQUEUE_P99_TARGET_MS)} by eight callers in one process (${fmt(enqueueRow("outbox, 8 callers").p99, 2)} ms; they share
  fsyncs). With eight processes it is ${verdict(manyProducers.p99 < ENQUEUE_P99_TARGET_MS)} (${fmt(manyProducers.p99, 2)} ms), against ${fmt(manyFloor.p99, 2)} ms for a bare
  fdatasync'd append in eight processes in the same run${manyFloor.p99 >= ENQUEUE_P99_TARGET_MS ? ", which no writer can beat on this machine" : ""}. What the outbox adds per append is
  event-loop and thread-pool scheduling (an asynchronous write and a stat, each a round trip, in eight Node processes
  sharing two cores) and the record's checks and encoding; a synchronous write would cut it, at the price of
  blocking the event loop of a producer that runs inside the tool (an in-process plugin) for each append.
  Flush: ${Math.round(outboxFlush.outboxRecordsPerSecond).toLocaleString("en-US")} records/s, ${fmt(outboxFlush.ratio, 1)}x the time of posting the same batches directly: planning,
  digests, the journal's synced events before and after each request, compaction.
`;

writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), md);
console.log(md);
