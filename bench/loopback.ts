/**
 * End-to-end latency on loopback: the same contenders as the overhead benchmark call a plain JSON
 * server in another process over real HTTP, one call at a time. Rounds interleave the contenders;
 * every call's latency is kept. Reported: median and p99 per contender, and the latency ratio to
 * bare openapi-fetch paired round by round (median of the per-round median ratios, and its spread).
 */

import { isMainModule } from "../scripts/lib/main-module.js";
import { startChild } from "./lib/child.js";
import { BASELINE, contenders } from "./lib/contenders.js";
import { fmt, pairedRatios, summarize, table } from "./lib/stats.js";

const SERVER = `
const body = JSON.stringify({ sessions: [{ id: "a", externalId: "b", promptTokens: 1, completionTokens: 1,
  totalTokens: 2, cost: 0, isPublic: false, messageCount: 0, createdAt: 1, updatedAt: 1 }] });
require("node:http").createServer((req, res) => { req.resume(); res.writeHead(200,
  { "content-type": "application/json" }); res.end(body); })
  .listen(0, "127.0.0.1", function () { console.log("listening " + this.address().port); });`;

export async function runLoopback(rounds = 10, perRound = 400) {
  const server = await startChild(process.execPath, ["-e", SERVER], /listening (\d+)/);
  try {
    const calls = contenders(`http://127.0.0.1:${server.match[1]}`, globalThis.fetch);
    const names = Object.keys(calls);
    const latencies: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const roundMedians: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const name of names) for (let i = 0; i < 200; i++) await calls[name]!();
    for (let round = 0; round < rounds; round++) {
      for (const name of names.map((_, i) => names[(i + round) % names.length]!)) {
        const call = calls[name]!;
        const round: number[] = [];
        for (let i = 0; i < perRound; i++) {
          const start = performance.now();
          await call();
          round.push((performance.now() - start) * 1000);
        }
        latencies[name]!.push(...round);
        roundMedians[name]!.push(summarize(round).median);
      }
    }
    const rows = names.map((name) => {
      const ratio = pairedRatios(roundMedians[name]!, roundMedians[BASELINE]!);
      return {
        name,
        ...summarize(latencies[name]!),
        ratio: ratio.median,
        ratioSummary: ratio,
        roundMedians: roundMedians[name]!,
      };
    });
    return {
      rows,
      markdown: table(
        [
          "client",
          "median µs",
          "p99 µs",
          "spread (MAD %)",
          "latency vs openapi-fetch (paired)",
          "ratio spread (MAD %)",
        ],
        rows.map((r) => [
          r.name,
          fmt(r.median, 0),
          fmt(r.p99, 0),
          fmt(r.madPercent, 1),
          `${fmt(r.ratio, 3)}x`,
          fmt(r.ratioSummary.madPercent, 1),
        ]),
      ),
    };
  } finally {
    server.stop();
  }
}

if (isMainModule(import.meta.url)) console.log((await runLoopback()).markdown);
