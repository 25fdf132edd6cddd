/**
 * `npm run bench:profile -- client [contender]`, `-- sandbox [GET|POST]` or `-- ceiling [GET|POST]`:
 * one workload of the benchmarks under `node --cpu-prof`, then where its time went, by self and by
 * inclusive time, and the .cpuprofile's path (it opens in Chrome DevTools' Performance panel).
 * This is how the findings in BENCHMARKS.md were found; rerun it when a target slips.
 *   client:  a contender of the overhead benchmark (default "opensync-api") over the in-process fetch
 *   sandbox: the built bin holding 50 sessions, under one 5 s autocannon run of the benchmark's scenario
 *   ceiling: the bare node:http server sending the sandbox's recorded answers, under the same run (what
 *            Node itself costs per request, to set the sandbox's profile against)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedSessions, startBuiltSandbox } from "./lib/built-sandbox.js";
import type { Child } from "./lib/child.js";
import { mainThreadProfile, summarizeProfile } from "./lib/cpu-profile.js";
import { fmt, table } from "./lib/stats.js";
import { load, recordScenarioAnswers, scenarios, startCeiling } from "./sandbox-throughput.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const [mode, which] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "opensync-profile-"));
const profileFlags = ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250"];

const exited = (child: ReturnType<typeof spawn>) =>
  new Promise<number | null>((resolve) => child.once("exit", resolve));

if (mode === "client") {
  const child = spawn(
    process.execPath,
    [...profileFlags, "--import", "tsx", `${root}bench/lib/profile-client.ts`, which ?? "opensync-api", "200000"],
    { stdio: "inherit" },
  );
  if ((await exited(child)) !== 0) throw new Error("the profiled client run failed");
} else if (mode === "sandbox" || mode === "ceiling") {
  const scenario = scenarios.find((s) => s.method === (which ?? "POST").toUpperCase());
  if (!scenario) throw new Error(`no sandbox scenario for ${which}`);
  const sandbox = await startBuiltSandbox(mode === "sandbox" ? profileFlags : []);
  await seedSessions(sandbox.url);
  let server: Child & { url: string } = sandbox;
  if (mode === "ceiling") {
    const ceiling = await startCeiling(await recordScenarioAnswers(sandbox.url), profileFlags);
    server = { ...ceiling, url: ceiling.match[1]! };
  }
  const run = await load(server.url, scenario, server.process.pid);
  console.log(`${scenario.name}: ${fmt(run.rps, 0)} requests/s under the profiler (it costs some)`);
  // Both servers exit on SIGTERM, which is when Node writes the profile.
  const done = exited(server.process);
  server.stop();
  if (server !== sandbox) sandbox.stop();
  await done;
} else {
  console.error("usage: npm run bench:profile -- client [contender] | sandbox [GET|POST] | ceiling [GET|POST]");
  process.exit(2);
}

// Node writes one profile per thread: the calls ran on the main thread.
const main = mainThreadProfile(readdirSync(dir));
const profile = main && join(dir, main);
if (!profile) throw new Error(`no profile was written in ${dir}`);
const summary = summarizeProfile(profile);
const pct = (share: number) => `${fmt(100 * share, 1)} %`;
console.log(`\n${profile} (${summary.busySamples} busy samples)\n`);
console.log(
  table(
    ["self time", "function"],
    summary.self.map((r) => [pct(r.share), `\`${r.frame}\``]),
  ),
);
console.log();
console.log(
  table(
    ["inclusive time", "function"],
    summary.inclusive.map((r) => [pct(r.share), `\`${r.frame}\``]),
  ),
);
