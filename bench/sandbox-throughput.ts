/**
 * Sandbox throughput against Prism's mock server, both serving this openapi.yaml, each in its own
 * process: GET /api/sessions and POST /sync/session. The sandbox runs as it ships (the built
 * opensync-sandbox bin); Prism as its own bin. The load generator is autocannon, in a third
 * process (one autocannon process per run, 16 connections, no pipelining), identical for every
 * server. Per scenario: one warm-up run per server, then ROUNDS measured runs with the servers
 * interleaved; reported are the medians of requests/s and of p99 latency, and each process's share
 * of a core during the measured runs (Linux only), which shows which side was the bottleneck.
 * A bare node:http server runs under the same load as the machine's ceiling. It sends, for each
 * scenario's request, the answer the sandbox gave to that request (status, headers and body,
 * recorded once after seeding and precomputed), so that both servers send the same bytes and the
 * ratio measures only what the sandbox does to make its answer.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainModule } from "../scripts/lib/main-module.js";
import { freePort } from "../test/support/free-port.js";
import { SANDBOX_KEY as KEY, seedSessions, startBuiltSandbox } from "./lib/built-sandbox.js";
import { type Child, startChild } from "./lib/child.js";
import { type RecordedAnswer, recordAnswer } from "./lib/recorded-answer.js";
import { fmt, median, table } from "./lib/stats.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const DURATION_S = 5;
const CONNECTIONS = 16;
const ROUNDS = 3;

const SANDBOX = "opensync sandbox";
const PRISM = "Prism mock";
const CEILING = "bare node:http, the sandbox's answers precomputed (ceiling)";
const HEADERS = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };

export const scenarios = [
  { name: "GET /api/sessions?limit=10", method: "GET" as const, path: "/api/sessions?limit=10" },
  {
    name: "POST /sync/session",
    method: "POST" as const,
    path: "/sync/session",
    body: JSON.stringify({ externalId: "bench-1", title: "Benchmark session", model: "m" }),
  },
];
type Scenario = (typeof scenarios)[number];

interface Run {
  rps: number;
  p99: number;
  errors: number;
  /** Share of one core used by the load generator and by the server, while the run lasted. */
  loadCpu: number;
  serverCpu: number | undefined;
}

/** CPU seconds used so far by a process (Linux /proc), or undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /, "")
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/** The sandbox's answer to each scenario's request, for the ceiling to send. */
export async function recordScenarioAnswers(sandboxUrl: string): Promise<RecordedAnswer[]> {
  const answers: RecordedAnswer[] = [];
  // POST first: its write (a new session) is then already in the listing GET records.
  for (const s of [...scenarios].reverse())
    answers.push(await recordAnswer(sandboxUrl, s.method, s.path, HEADERS, s.body));
  return answers;
}

/** The ceiling server sending `answers`; `nodeArgs` go before its script (e.g. --cpu-prof). */
export function startCeiling(answers: RecordedAnswer[], nodeArgs: string[] = []): Promise<Child> {
  return startChild(
    process.execPath,
    [...nodeArgs, "--import", "tsx", `${root}bench/lib/ceiling-server.ts`, JSON.stringify(answers)],
    /listening on (http:\/\/\S+)/,
  );
}

export function load(url: string, scenario: Scenario, serverPid: number | undefined): Promise<Run> {
  const options = {
    url: url + scenario.path,
    method: scenario.method,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: HEADERS,
    body: scenario.body,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", `${root}bench/lib/load-generator.ts`, JSON.stringify(options)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    let cpuBefore: number | undefined;
    let cpuAfter: number | undefined;
    let started = 0;
    let wallS = 0;
    // The server's CPU is sampled from the load generator's "start" line to its result line.
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
      if (!started && out.startsWith("start\n")) {
        cpuBefore = cpuSeconds(serverPid);
        started = performance.now();
      }
      if (!wallS && started && out.endsWith("}\n")) {
        cpuAfter = cpuSeconds(serverPid);
        wallS = (performance.now() - started) / 1000;
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0 || !wallS) return reject(new Error(`load generator exited with ${code}: ${out}`));
      const r = JSON.parse(out.slice("start\n".length)) as { rps: number; p99: number; errors: number; cpu: number };
      const serverCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / wallS;
      resolve({ rps: r.rps, p99: r.p99, errors: r.errors, loadCpu: r.cpu, serverCpu });
    });
  });
}

export async function runSandboxThroughput() {
  const loadBefore = loadavg()[0]!;
  const servers: Record<string, Child> = {};
  try {
    servers[SANDBOX] = await startBuiltSandbox();
    const sandboxUrl = servers[SANDBOX].match[1]!;
    await seedSessions(sandboxUrl);
    const answers = await recordScenarioAnswers(sandboxUrl);
    const prismPort = await freePort();
    servers[PRISM] = await startChild(
      `${root}node_modules/.bin/prism`,
      ["mock", `${root}openapi.yaml`, "-h", "127.0.0.1", "-p", String(prismPort)],
      /Prism is listening on (http:\/\/\S+)/,
      90_000,
    );
    servers[CEILING] = await startCeiling(answers);
    const urls: Record<string, string> = {
      [SANDBOX]: sandboxUrl,
      [PRISM]: `http://127.0.0.1:${prismPort}`,
      [CEILING]: servers[CEILING].match[1]!,
    };
    const rows: {
      scenario: string;
      server: string;
      rps: number;
      p99: number;
      errors: number;
      serverCpu: number | undefined;
      loadCpu: number;
    }[] = [];
    for (const scenario of scenarios) {
      const runs: Record<string, Run[]> = {};
      for (const server of Object.keys(urls)) {
        await load(urls[server]!, scenario, servers[server]!.process.pid); // warm-up, not recorded
        runs[server] = [];
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of Object.keys(urls))
          runs[server]!.push(await load(urls[server]!, scenario, servers[server]!.process.pid));
      }
      for (const server of Object.keys(urls)) {
        const r = runs[server]!;
        const serverCpus = r.map((x) => x.serverCpu).filter((x): x is number => x !== undefined);
        rows.push({
          scenario: scenario.name,
          server,
          rps: median(r.map((x) => x.rps)),
          p99: median(r.map((x) => x.p99)),
          errors: r.reduce((n, x) => n + x.errors, 0),
          serverCpu: serverCpus.length ? median(serverCpus) : undefined,
          loadCpu: median(r.map((x) => x.loadCpu)),
        });
      }
    }
    const ratios = scenarios.map((s) => {
      const ours = rows.find((r) => r.scenario === s.name && r.server === SANDBOX)!;
      const prism = rows.find((r) => r.scenario === s.name && r.server === PRISM)!;
      return { scenario: s.name, ratio: ours.rps / prism.rps };
    });
    const ceilingRatios = scenarios.map((s) => {
      const ceiling = rows.find((r) => r.scenario === s.name && r.server === CEILING)!;
      const prism = rows.find((r) => r.scenario === s.name && r.server === PRISM)!;
      return { scenario: s.name, ratio: ceiling.rps / prism.rps };
    });
    const pct = (x: number | undefined) => (x === undefined ? "n/a" : `${fmt(100 * x, 0)} %`);
    return {
      rows,
      ratios,
      markdown: [
        `Load set-up, the same for every server: autocannon 8 in a process of its own, ${CONNECTIONS} connections, ` +
          `no pipelining, one ${DURATION_S} s warm-up run per server, then ${ROUNDS} rounds of ${DURATION_S} s ` +
          `runs with the servers interleaved; medians shown. CPU columns: share of one core used by the server and ` +
          `by the load generator during the runs ` +
          `(the machine has ${availableParallelism()}). Other work on the machine: 1-minute load average ` +
          `${fmt(loadBefore, 2)} as the runs began, ${fmt(loadavg()[0]!, 2)} as they ended (the benchmark's own ` +
          `processes count in it).`,
        "",
        table(
          ["scenario", "server", "requests/s", "p99 ms", "errors + non-2xx", "server CPU", "load generator CPU"],
          rows.map((r) => [
            r.scenario,
            r.server,
            fmt(r.rps, 0),
            fmt(r.p99, 1),
            r.errors,
            pct(r.serverCpu),
            pct(r.loadCpu),
          ]),
        ),
        "",
        table(
          ["scenario", "sandbox vs Prism (requests/s)", "ceiling vs Prism (requests/s)"],
          ratios.map((r, i) => [r.scenario, `${fmt(r.ratio, 1)}x`, `${fmt(ceilingRatios[i]!.ratio, 1)}x`]),
        ),
      ].join("\n"),
    };
  } finally {
    for (const child of Object.values(servers)) child.stop();
  }
}

if (isMainModule(import.meta.url)) console.log((await runSandboxThroughput()).markdown);
