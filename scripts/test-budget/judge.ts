/**
 * The test budget's verdict on one run, from the durations the budget reporter wrote. The measure
 * is the sum of the files' durations, not the wall time: it does not depend on how many workers
 * vitest had, and a file that got slower shows in it whichever worker ran it. It still depends on
 * the machine's speed and load, so a run over its budget on a machine busy with other work (a
 * mean load above `busyLoadPerCore` per core, above what the run itself makes) is not judged:
 * the guard says so and passes, since failing there would block everyone for a figure that says
 * nothing about the suite. On a quiet machine, such as a CI runner, it is judged.
 */
import { type DurationsReport, seconds } from "../../test/support/budget-reporter.js";

export interface Budget {
  /** How far above its budget a run may go before it fails, as a share (0.2 is 20 %). */
  tolerance: number;
  /** A mean load per core above this means the machine was busy with something else. */
  busyLoadPerCore: number;
  /** Summed file durations, in seconds, per run (its projects joined by "+", as the reporter names it). */
  summedSeconds: Record<string, number>;
}

export type Verdict =
  | { kind: "within" | "over" | "not judged"; run: string; summedMs: number; limitMs: number; message: string }
  | { kind: "no budget"; run: string; summedMs: number; message: string };

export function judge(report: DurationsReport, budget: Budget): Verdict {
  const run = report.projects.join("+");
  const summedMs = report.files.reduce((n, f) => n + f.ms, 0);
  const summed = seconds(summedMs);
  const allowed = budget.summedSeconds[run];
  if (allowed === undefined) return { kind: "no budget", run, summedMs, message: `${run}: ${summed}, no budget` };
  const limitMs = allowed * 1000 * (1 + budget.tolerance);
  const against = `${summed} summed against a budget of ${allowed} s (limit ${seconds(limitMs)})`;
  if (summedMs <= limitMs) return { kind: "within", run, summedMs, limitMs, message: `${run}: ${against}` };
  const loadPerCore = report.meanLoad / report.cores;
  if (loadPerCore > budget.busyLoadPerCore)
    return {
      kind: "not judged",
      run,
      summedMs,
      limitMs,
      message:
        `${run}: ${against}, but the machine was busy (mean load ${report.meanLoad} on ${report.cores} cores): ` +
        "not judged; run it again on a quiet machine",
    };
  return {
    kind: "over",
    run,
    summedMs,
    limitMs,
    message: `${run}: ${against}: over budget; make the slowest files faster or move their long runs behind soakScale`,
  };
}
