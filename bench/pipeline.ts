/**
 * Wall time of the contract pipeline against the bare tools it is built on, in the same run.
 *
 * Ours: lint (Redocly, Spectral and two schema validators side by side), generate (openapi-typescript
 * plus the contract tables) and the docs build, each run as the script behind its npm command.
 * Baseline: `redocly lint`, `spectral lint`, `openapi-typescript` and `redocly build-docs`, each run
 * alone as a team would without this project: on a copy of openapi.yaml in a scratch folder, with each
 * tool's default rules (Spectral's spectral:oas), so none of them reads this project's configuration.
 * Rounds alternate the order, ours and the baseline interleaved, so no step always meets a cold or a
 * warm cache. The target is a ratio: what the
 * extra validators and the docs assembly add must stay within half again what the tools cost.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainModule } from "../scripts/lib/main-module.js";
import { fmt, summarize, table } from "./lib/stats.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = (name: string) => join(root, "node_modules", ".bin", name);
/** A pipeline script as its npm command runs it (scripts/run.mjs bundles it with esbuild first). */
const script = (file: string) => [process.execPath, [join(root, "scripts", "run.mjs"), join(root, file)]] as const;

export const PIPELINE_RATIO_TARGET = 1.5;

interface Step {
  name: string;
  command: readonly [string, readonly string[]];
  cwd: string;
}

function stepsIn(scratch: string): { ours: Step[]; bare: Step[] } {
  copyFileSync(join(root, "openapi.yaml"), join(scratch, "openapi.yaml"));
  writeFileSync(join(scratch, ".spectral.yaml"), 'extends: ["spectral:oas"]\n');
  const bare = (name: string, file: string, args: string[]): Step => ({
    name,
    command: [bin(file), args],
    cwd: scratch,
  });
  return {
    ours: [
      { name: "npm run lint", command: script("scripts/lint.ts"), cwd: root },
      { name: "npm run generate", command: script("scripts/generate.ts"), cwd: root },
      { name: "npm run docs", command: script("scripts/docs/build.ts"), cwd: root },
    ],
    bare: [
      bare("redocly lint", "redocly", ["lint", "openapi.yaml"]),
      bare("spectral lint", "spectral", ["lint", "openapi.yaml"]),
      bare("openapi-typescript", "openapi-typescript", ["openapi.yaml", "-o", "schema.d.ts"]),
      bare("redocly build-docs", "redocly", ["build-docs", "openapi.yaml", "-o", "index.html"]),
    ],
  };
}

export interface PipelineResult {
  markdown: string;
  oursMs: number;
  bareMs: number;
  ratio: number;
  withinTarget: boolean;
}

function time({ command: [file, args], cwd }: Step): number {
  const start = performance.now();
  execFileSync(file, args, { cwd, stdio: "ignore", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  return performance.now() - start;
}

export function runPipelineBench(rounds = 3): PipelineResult {
  const scratch = mkdtempSync(join(tmpdir(), "pipeline-bench-"));
  try {
    const { ours, bare } = stepsIn(scratch);
    const all = [...ours, ...bare];
    const times = new Map<string, number[]>(all.map((s) => [s.name, []]));
    for (let round = 0; round < rounds; round++) {
      // Ours then the baseline, then the other way round: neither always runs first.
      const order = round % 2 === 0 ? all : [...all].reverse();
      for (const step of order) times.get(step.name)!.push(time(step));
    }
    const medianOf = (step: Step) => summarize(times.get(step.name)!).median;
    const total = (steps: Step[]) => steps.reduce((sum, step) => sum + medianOf(step), 0);
    const oursMs = total(ours);
    const bareMs = total(bare);
    const ratio = oursMs / bareMs;
    const row = (side: string) => (step: Step) => {
      const s = summarize(times.get(step.name)!);
      return [side, step.name, fmt(s.median, 0), fmt(s.min, 0), fmt(s.max, 0), fmt(s.madPercent, 1)];
    };
    const rows = [
      ...ours.map(row("ours")),
      ["ours", "**total**", fmt(oursMs, 0), "", "", ""],
      ...bare.map(row("bare tools")),
      ["bare tools", "**total**", fmt(bareMs, 0), "", "", ""],
    ];
    const withinTarget = ratio <= PIPELINE_RATIO_TARGET;
    const markdown = [
      table(["side", "step", "median ms", "min ms", "max ms", "MAD %"], rows),
      "",
      `Ours over the bare tools: **${fmt(ratio, 2)}x** ` +
        `(${fmt(oursMs / 1000, 2)} s against ${fmt(bareMs / 1000, 2)} s, ` +
        `${rounds} rounds). Target ≤ ${PIPELINE_RATIO_TARGET}x: ${withinTarget ? "met" : "**missed**"}.`,
    ].join("\n");
    return { markdown, oursMs, bareMs, ratio, withinTarget };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  console.log(runPipelineBench().markdown);
}
