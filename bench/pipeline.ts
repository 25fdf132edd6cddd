/**
 * Wall time of the contract pipeline: lint (Redocly + Spectral), generate (openapi-typescript +
 * contract tables) and the docs build, each run as the npm script a user runs, several times,
 * alternating the order so no step always runs on a cold or warm cache.
 */
import { execFileSync } from "node:child_process";
import { isMainModule } from "../scripts/lib/main-module.js";
import { fmt, summarize, table } from "./lib/stats.js";

const STEPS = ["lint", "generate", "docs"] as const;
export const PIPELINE_BUDGET_MS = 5_000;

export interface PipelineResult {
  markdown: string;
  totalMedianMs: number;
  withinBudget: boolean;
}

function timeScript(script: string): number {
  const start = performance.now();
  execFileSync("npm", ["run", "-s", script], { stdio: "ignore", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  return performance.now() - start;
}

export function runPipelineBench(rounds = 3): PipelineResult {
  const times: Record<string, number[]> = Object.fromEntries(STEPS.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? STEPS : [...STEPS].reverse();
    for (const step of order) times[step]!.push(timeScript(step));
  }
  const rows = STEPS.map((step) => {
    const s = summarize(times[step]!);
    return [step, fmt(s.median, 0), fmt(s.min, 0), fmt(s.max, 0), fmt(s.madPercent, 1)];
  });
  const totalMedianMs = STEPS.reduce((sum, step) => sum + summarize(times[step]!).median, 0);
  rows.push(["**total**", fmt(totalMedianMs, 0), "", "", ""]);
  const withinBudget = totalMedianMs <= PIPELINE_BUDGET_MS;
  const markdown = [
    table(["step (npm run ...)", "median ms", "min ms", "max ms", "MAD %"], rows),
    "",
    `Target: lint + generate + docs at most ${PIPELINE_BUDGET_MS / 1000} s. ${withinBudget ? "Met" : "**Missed**"} ` +
      `(${fmt(totalMedianMs / 1000, 2)} s, ${rounds} rounds).`,
  ].join("\n");
  return { markdown, totalMedianMs, withinBudget };
}

if (isMainModule(import.meta.url)) {
  console.log(runPipelineBench().markdown);
}
