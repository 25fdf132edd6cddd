/**
 * A vitest reporter for the test budget: after a run it prints the slowest files and writes
 * every file's duration to .vitest/durations/<projects>.json, which `npm run test:budget` reads.
 * A file's duration is what it cost its worker: setup, imports, collection, tests and hooks.
 * It also samples the machine's load average during the run, so the budget guard can tell a
 * suite that grew from a machine that was busy with something else.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

/** What one run leaves for the budget guard. */
export interface DurationsReport {
  projects: string[];
  /** Wall time of the run, in ms. */
  wallMs: number;
  cores: number;
  /** The 1-minute load average, sampled every 2 s during the run, and its mean. */
  meanLoad: number;
  /** Every file's duration, in ms, slowest first; `project` is vitest's project name. */
  files: { file: string; project: string; ms: number }[];
}

export const DURATIONS_DIR = ".vitest/durations";
const SHOWN = 8;

export default class BudgetReporter implements Reporter {
  private started = performance.now();
  private loads: number[] = [];
  private sampler: ReturnType<typeof setInterval> | undefined;
  private root = process.cwd();

  onInit(vitest: Vitest) {
    this.root = vitest.config.root;
    this.started = performance.now();
    this.loads = [loadavg()[0]!];
    this.sampler = setInterval(() => this.loads.push(loadavg()[0]!), 2_000);
    this.sampler.unref();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    clearInterval(this.sampler);
    this.loads.push(loadavg()[0]!);
    const files = modules
      .map((module) => {
        const d = module.diagnostic();
        const ms = d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
        return { file: relative(this.root, module.moduleId), project: module.project.name, ms: Math.round(ms) };
      })
      .sort((a, b) => b.ms - a.ms);
    if (files.length === 0) return;
    const projects = [...new Set(files.map((f) => f.project))].sort();
    const report: DurationsReport = {
      projects,
      wallMs: Math.round(performance.now() - this.started),
      cores: availableParallelism(),
      meanLoad: Number((this.loads.reduce((a, b) => a + b, 0) / this.loads.length).toFixed(2)),
      files,
    };
    const dir = join(this.root, DURATIONS_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${projects.join("+")}.json`), `${JSON.stringify(report, null, 2)}\n`);
    if (files.length <= SHOWN) return;
    const sum = files.reduce((n, f) => n + f.ms, 0);
    const lines = files.slice(0, SHOWN).map((f) => `  ${seconds(f.ms).padStart(7)}  ${f.file}`);
    const load = `mean load ${report.meanLoad} on ${report.cores} cores`;
    console.log(
      `\nslowest files (${projects.join(", ")}: ${files.length} files, ${seconds(sum)} summed, ` +
        `${seconds(report.wallMs)} wall, ${load}):\n${lines.join("\n")}\n`,
    );
  }
}

/** A duration in ms as seconds, to a tenth: "12.3 s". */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
