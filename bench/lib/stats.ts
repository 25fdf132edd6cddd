/** Small statistics for benchmarks: medians and spreads over repeated, interleaved samples. */

export interface Summary {
  samples: number;
  median: number;
  p99: number;
  min: number;
  max: number;
  /** Median absolute deviation relative to the median, in percent: the spread we report. */
  madPercent: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  return {
    samples: sorted.length,
    median,
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    madPercent: median === 0 ? 0 : (quantile(deviations, 0.5) / median) * 100,
  };
}

/**
 * Ratios of two contenders measured in the same rounds (interleaved), one per round: drift that hits
 * a round hits both, so the paired ratio is steadier than a ratio of overall medians.
 */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): Summary {
  return summarize(numerator.map((value, round) => value / denominator[round]!));
}

/**
 * Reads a paired cost ratio (ours / theirs, lower is better): "faster" or "slower" only when 1 lies
 * outside the median ± one spread, else "tie", so a coin flip is not reported as a win or a loss.
 */
export function compareCost(ratio: Summary): "faster" | "slower" | "tie" {
  const spread = (ratio.madPercent / 100) * ratio.median;
  if (Math.abs(ratio.median - 1) <= spread) return "tie";
  return ratio.median < 1 ? "faster" : "slower";
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** A markdown table from a header and rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
