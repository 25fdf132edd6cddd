/**
 * Per-call client overhead: every contender calls an in-process fetch that answers a small JSON
 * body without touching the network, so what is measured is the client's own work. Rounds
 * interleave the contenders (rotating the order) so drift hits all alike; each round times a
 * batch of sequential calls. Reported: calls/s median and spread over rounds, and each
 * contender's cost per call relative to bare openapi-fetch, paired round by round (the median of
 * the per-round ratios, and their spread).
 */

import { isMainModule } from "../scripts/lib/main-module.js";
import { BASELINE, type Call, contenders } from "./lib/contenders.js";
import { fmt, pairedRatios, type Summary, summarize, table } from "./lib/stats.js";

const BODY = JSON.stringify({
  sessions: [
    {
      id: "a",
      externalId: "b",
      promptTokens: 1,
      completionTokens: 1,
      totalTokens: 2,
      cost: 0,
      isPublic: false,
      messageCount: 0,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
});
export const inProcessFetch = async (_input: RequestInfo | URL, _init?: RequestInit) =>
  new Response(BODY, { headers: { "content-type": "application/json" } });

export async function runClientOverhead(rounds = 15, batch = 3000) {
  const calls = contenders("https://bench.convex.site", inProcessFetch as typeof fetch);
  const names = Object.keys(calls);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (let i = 0; i < 500; i++) await calls[name]!(); // warm-up
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      const call: Call = calls[name]!;
      const start = performance.now();
      for (let i = 0; i < batch; i++) await call();
      samples[name]!.push(batch / ((performance.now() - start) / 1000));
    }
  }
  const rows = names.map((name) => {
    const s = summarize(samples[name]!);
    // Calls/s are rates: cost relative to the baseline is baseline rate / own rate.
    const cost: Summary = pairedRatios(samples[BASELINE]!, samples[name]!);
    return { name, median: s.median, mad: s.madPercent, cost: cost.median, costSummary: cost, samples: samples[name]! };
  });
  return {
    rows,
    markdown: table(
      [
        "client",
        "calls/s (median)",
        "spread (MAD %)",
        "cost per call vs openapi-fetch (paired)",
        "ratio spread (MAD %)",
      ],
      rows.map((r) => [
        r.name,
        fmt(r.median, 0),
        fmt(r.mad, 1),
        `${fmt(r.cost, 3)}x`,
        fmt(r.costSummary.madPercent, 1),
      ]),
    ),
  };
}

if (isMainModule(import.meta.url)) {
  const { markdown } = await runClientOverhead();
  console.log(markdown);
}
