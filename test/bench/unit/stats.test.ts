/** The benchmark arithmetic that decides a verdict in BENCHMARKS.md: paired ratios and the tie rule. */
import { describe, expect, it } from "vitest";
import { compareCost, pairedRatios, summarize } from "../../../bench/lib/stats.js";

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
