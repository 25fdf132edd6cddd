/**
 * One autocannon run in a process of its own, so that the load generator shares no event loop or
 * heap with the benchmark runner. Options as JSON in argv[2]; the result as one JSON line on stdout,
 * with the share of a core this process used while it ran (after a line "start" when it begins).
 */
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2]!) as autocannon.Options;
process.stdout.write("start\n"); // the parent starts measuring the server's CPU here
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await autocannon(options);
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - started;
const summary = {
  rps: result.requests.average,
  p99: result.latency.p99,
  errors: result.errors + result.non2xx,
  cpu: (cpu.user + cpu.system) / 1000 / wallMs,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
