/** The benchmark arithmetic that decides a verdict in BENCHMARKS.md: paired ratios and the tie rule. */
import { describe, expect, it } from "vitest";
import { compareCost, fmt, median, pairedRatios, quantile, summarize, table } from "../../../bench/lib/stats.js";

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

describe("median, quantile and summarize", () => {
  it("median: the middle value, or the mean of the two middle ones, in any order; NaN for none", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
    const values = [5, 1, 4];
    median(values);
    expect(values).toEqual([5, 1, 4]);
  });

  it("quantile interpolates linearly between the sorted samples", () => {
    const sorted = [10, 20, 30, 40, 50];
    expect(quantile(sorted, 0)).toBe(10);
    expect(quantile(sorted, 1)).toBe(50);
    expect(quantile(sorted, 0.5)).toBe(30);
    expect(quantile(sorted, 0.99)).toBeCloseTo(49.6, 10);
    expect(quantile(sorted, 0.1)).toBe(14);
  });

  it("summarize reports the spread as the median absolute deviation over the median", () => {
    expect(summarize([12, 8, 10, 11, 9])).toEqual({
      samples: 5,
      median: 10,
      p99: 11.96,
      min: 8,
      max: 12,
      madPercent: 10,
    });
    expect(summarize([0, 0, 1]).madPercent).toBe(0);
  });

  it("fmt and table", () => {
    expect(fmt(1.23456, 3)).toBe("1.235");
    expect(fmt(NaN)).toBe("n/a");
    expect(fmt(Infinity)).toBe("n/a");
    expect(table(["a", "b"], [[1, "x"]])).toBe("| a | b |\n| --- | --- |\n| 1 | x |");
  });
});
