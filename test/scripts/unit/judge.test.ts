/**
 * The test budget's verdict (scripts/test-budget/judge.ts): within the budget and its tolerance,
 * over it on a quiet machine (a failure), over it on a busy one (not judged), or a run without a budget.
 */
import { describe, expect, it } from "vitest";
import { type Budget, judge } from "../../../scripts/test-budget/judge.js";
import type { DurationsReport } from "../../support/budget-reporter.js";

const budget: Budget = { tolerance: 0.2, busyLoadPerCore: 1.5, summedSeconds: { "integration+installed": 100 } };

function report(summedSeconds: number, meanLoad: number, projects = ["integration", "installed"]): DurationsReport {
  const half = (summedSeconds * 1000) / 2;
  return {
    projects,
    wallMs: 60_000,
    cores: 2,
    meanLoad,
    files: [
      { file: "test/a.test.ts", project: "integration", ms: half },
      { file: "test/b.test.ts", project: "installed", ms: half },
    ],
  };
}

describe("judge", () => {
  it("passes a run within its budget", () => expect(judge(report(90, 1), budget).kind).toBe("within"));
  it("passes a run over its budget by no more than the tolerance", () =>
    expect(judge(report(120, 1), budget).kind).toBe("within"));
  it("fails a run over the tolerance on a quiet machine", () => {
    const verdict = judge(report(121, 2.9), budget);
    expect(verdict.kind).toBe("over");
    expect(verdict.message).toContain("121.0 s summed against a budget of 100 s (limit 120.0 s)");
  });
  it("does not judge a run over its budget on a machine busy with other work", () => {
    const verdict = judge(report(300, 3.1), budget);
    expect(verdict.kind).toBe("not judged");
    expect(verdict.message).toContain("mean load 3.1 on 2 cores");
  });
  it("still passes a run within its budget on a busy machine", () =>
    expect(judge(report(50, 10), budget).kind).toBe("within"));
  it("names a run that has no budget", () =>
    expect(judge(report(500, 1, ["integration"]), budget)).toMatchObject({ kind: "no budget", run: "integration" }));
});
