/**
 * Sandbox throughput against Prism's mock server, both serving this openapi.yaml, each in its own
 * process, loaded by autocannon from this one: GET /api/sessions and POST /sync/session.
 * Contenders alternate per scenario. Reported: requests/s and p99 latency, and the ratio.
 */
import autocannon from "autocannon";
import { fileURLToPath } from "node:url";
import { startChild, type Child } from "./lib/child.js";
import { fmt, table } from "./lib/stats.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const KEY = "osk_BenchKey_0123456789abcdefghijklm";
const DURATION_S = 5;
const CONNECTIONS = 16;

const scenarios = [
  { name: "GET /api/sessions?limit=10", method: "GET" as const, path: "/api/sessions?limit=10" },
  { name: "POST /sync/session", method: "POST" as const, path: "/sync/session", body: JSON.stringify({ externalId: "bench-1", title: "Benchmark session", model: "m" }) },
];

function load(url: string, scenario: (typeof scenarios)[number]): Promise<autocannon.Result> {
  return autocannon({
    url: url + scenario.path,
    method: scenario.method,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: scenario.body,
  });
}

export async function runSandboxThroughput() {
  const servers: Record<string, Child> = {};
  try {
    servers["opensync sandbox"] = await startChild(process.execPath, ["--import", "tsx", `${root}src/sandbox/cli.ts`, "--port", "0", "--no-rate-limit", "--api-key", KEY], /listening on (http:\/\/\S+)/);
    servers["Prism mock"] = await startChild(`${root}node_modules/.bin/prism`, ["mock", `${root}openapi.yaml`, "-h", "127.0.0.1", "-p", "4019"], /Prism is listening on (http:\/\/\S+)/, 90_000);
    const urls: Record<string, string> = { "opensync sandbox": servers["opensync sandbox"].match[1]!, "Prism mock": "http://127.0.0.1:4019" };
    const rows: { scenario: string; server: string; rps: number; p99: number; errors: number }[] = [];
    for (const scenario of scenarios) {
      for (const server of Object.keys(urls)) {
        await load(urls[server]!, scenario); // warm-up, not recorded
      }
      for (const server of Object.keys(urls)) {
        const result = await load(urls[server]!, scenario);
        rows.push({ scenario: scenario.name, server, rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx });
      }
    }
    const ratios = scenarios.map((s) => {
      const ours = rows.find((r) => r.scenario === s.name && r.server === "opensync sandbox")!;
      const prism = rows.find((r) => r.scenario === s.name && r.server === "Prism mock")!;
      return { scenario: s.name, ratio: ours.rps / prism.rps };
    });
    return {
      rows,
      ratios,
      markdown: [
        table(["scenario", "server", "requests/s", "p99 ms", "errors + non-2xx"], rows.map((r) => [r.scenario, r.server, fmt(r.rps, 0), fmt(r.p99, 1), r.errors])),
        "",
        table(["scenario", "sandbox vs Prism (requests/s)"], ratios.map((r) => [r.scenario, `${fmt(r.ratio, 1)}x`])),
      ].join("\n"),
    };
  } finally {
    for (const child of Object.values(servers)) child.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await runSandboxThroughput()).markdown);
