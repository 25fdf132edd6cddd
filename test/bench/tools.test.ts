/**
 * The benchmark tools whose arithmetic decides a verdict in BENCHMARKS.md: paired ratios, the
 * tie rule, and the reading of CPU profiles that `npm run bench:profile` prints.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareCost, pairedRatios, summarize } from "../../bench/lib/stats.js";
import { summarizeProfile } from "../../bench/lib/cpu-profile.js";

describe("paired ratios", () => {
  it("take one ratio per round, so drift that hits both contenders cancels", () => {
    // The machine slows down 2x halfway; ours is 10 % slower than the baseline in every round.
    const baseline = [100, 100, 100, 200, 200, 200];
    const ours = baseline.map((t) => t * 1.1);
    expect(pairedRatios(ours, baseline).median).toBeCloseTo(1.1, 10);
    expect(pairedRatios(ours, baseline).madPercent).toBeCloseTo(0, 10);
    // Unpaired, the same samples spread by a third around their median.
    expect(summarize(ours).madPercent).toBeGreaterThan(30);
  });

  it("call a difference inside one spread a tie, and name the winner only outside it", () => {
    expect(compareCost(summarize([0.7, 0.72, 0.71, 0.69]))).toBe("faster");
    expect(compareCost(summarize([1.3, 1.28, 1.31]))).toBe("slower");
    expect(compareCost(summarize([0.9, 1.05, 0.97, 1.1, 0.92]))).toBe("tie");
  });
});

describe("CPU profile summary", () => {
  it("splits busy samples into self and inclusive time, counting a recursive frame once, idle left out", () => {
    const frame = (functionName: string, url = "file:///app/src/a.js", lineNumber = 0) => ({ functionName, url, lineNumber });
    // root -> main -> work -> work (recursive) ; main -> parse ; root -> (idle)
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 6] },
        { id: 2, callFrame: frame("main"), children: [3, 5] },
        { id: 3, callFrame: frame("work", "file:///app/src/a.js", 9), children: [4] },
        { id: 4, callFrame: frame("work", "file:///app/src/a.js", 9), children: [] },
        { id: 5, callFrame: frame("parse", "file:///app/lib/b.js", 2), children: [] },
        { id: 6, callFrame: frame("(idle)", ""), children: [] },
      ],
      samples: [3, 3, 4, 4, 5, 2, 6, 6, 6, 6],
    };
    const path = join(mkdtempSync(join(tmpdir(), "profile-test-")), "p.cpuprofile");
    writeFileSync(path, JSON.stringify(profile));
    const summary = summarizeProfile(path);
    expect(summary.busySamples).toBe(6);
    expect(summary.self).toEqual([
      { frame: "work src/a.js:10", share: 4 / 6 },
      { frame: "parse lib/b.js:3", share: 1 / 6 },
      { frame: "main src/a.js:1", share: 1 / 6 },
    ]);
    expect(summary.inclusive).toEqual([
      { frame: "main src/a.js:1", share: 1 },
      { frame: "work src/a.js:10", share: 4 / 6 },
      { frame: "parse lib/b.js:3", share: 1 / 6 },
    ]);
  });
});
