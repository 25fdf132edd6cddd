/**
 * `npm run test:budget`: the slowest test files of the last `npm test` (from the durations the
 * budget reporter left in .vitest/durations/), each run's summed and wall time, and with
 * `--check` the budget guard: exit 1 when a run is over its budget (test/budget.json) by more
 * than the tolerance on a machine that was not busy with other work (judge.ts says why).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DURATIONS_DIR, type DurationsReport, seconds } from "../../test/support/budget-reporter.js";
import { type Budget, judge } from "./judge.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(root, DURATIONS_DIR);
const SHOWN = 15;

const budget: Budget = JSON.parse(readFileSync(join(root, "test/budget.json"), "utf8"));
// Only the runs npm test makes (those with a budget): a run of one file leaves a report of its own.
const reports: DurationsReport[] = Object.keys(budget.summedSeconds)
  .map((run) => join(dir, `${run}.json`))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, "utf8")));
if (reports.length === 0) {
  console.error(`test:budget: no durations in ${DURATIONS_DIR}/: run npm test first`);
  process.exit(1);
}

const files = reports.flatMap((r) => r.files).sort((a, b) => b.ms - a.ms);
const total = files.reduce((n, f) => n + f.ms, 0);
console.log(`slowest ${Math.min(SHOWN, files.length)} of ${files.length} test files (${seconds(total)} summed):`);
for (const f of files.slice(0, SHOWN))
  console.log(`  ${seconds(f.ms).padStart(7)}  ${((f.ms / total) * 100).toFixed(0).padStart(3)} %  ${f.file}`);

let over = false;
for (const report of reports) {
  const verdict = judge(report, budget);
  console.log(`${verdict.message}; ${seconds(report.wallMs)} wall`);
  if (verdict.kind === "over") over = true;
  if (verdict.kind === "not judged" && process.env.GITHUB_ACTIONS) console.log(`::warning::${verdict.message}`);
}
if (process.argv.includes("--check") && over) {
  console.error("test:budget: over budget (test/budget.json)");
  process.exit(1);
}
