/**
 * The built client (packages/opensync-api/dist, ESM) on the other runtimes the README names, each
 * from npm (this folder's package.json): Bun and Deno run it unbundled, as a project importing the
 * package would; workerd, through Miniflare, runs it bundled by esbuild as a module Worker without
 * nodejs_compat. Each runs scenario.ts against a sandbox on 127.0.0.1 and prints its facts.
 * `npm run test:runtimes` (run.sh) installs this folder and runs this file (not part of `npm test`).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import type { ScenarioFacts } from "./scenario.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CLIENT = pathToFileURL(here("../../packages/opensync-api/dist/index.js")).href;
const SCENARIO = pathToFileURL(here("./scenario.ts")).href;
const bin = (name: string) => here(`./node_modules/.bin/${name}`);
const run = promisify(execFile);

/** An entry importing the built client and the scenario by absolute URL, printing the facts. */
const ENTRY = `import * as api from ${JSON.stringify(CLIENT)};
import { runScenario } from ${JSON.stringify(SCENARIO)};
const [baseUrl, apiKey, runtime] = globalThis.Deno ? Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await runScenario(api, baseUrl, apiKey, runtime)));
`;

/** The same as a module Worker: the request names the sandbox. */
const WORKER = `import * as api from ${JSON.stringify(fileURLToPath(CLIENT))};
import { runScenario } from ${JSON.stringify(fileURLToPath(SCENARIO))};
export default {
  async fetch(request) {
    const { baseUrl, apiKey } = await request.json();
    try { return Response.json(await runScenario(api, baseUrl, apiKey, "workerd")); }
    catch (error) { return Response.json({ failed: String(error) }, { status: 500 }); }
  },
};
`;

interface MiniflareLike {
  dispatchFetch(url: string, init: { method: string; body: string }): Promise<Response>;
  dispose(): Promise<void>;
}

let sandbox: RunningSandbox;
let scratch: string;
let entry: string;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
  scratch = mkdtempSync(join(tmpdir(), "opensync-runtimes-"));
  entry = join(scratch, "entry.ts");
  writeFileSync(entry, ENTRY);
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What every runtime must report. */
function expectFacts(facts: ScenarioFacts, runtime: string): void {
  expect(facts).toEqual({
    created: true,
    titles: expect.arrayContaining([`Synced from ${runtime}`]),
    retry: { status: 200, attempts: 2, delays: [1000], waitedMs: expect.any(Number) },
    timeout: { name: "TimeoutError", timeoutMs: 200 },
    abort: { name: "AbortError", afterMs: expect.any(Number) },
    missing: { name: "ApiError", code: "NOT_FOUND", status: 404 },
  });
  // The Retry-After was waited out; the abort ended the call long before the 3 s answer.
  expect(facts.retry.waitedMs).toBeGreaterThanOrEqual(990);
  expect(facts.abort.afterMs).toBeLessThan(2000);
}

const factsFrom = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!) as ScenarioFacts;

describe("the built client on other runtimes", () => {
  it("Bun 1.4", async () => {
    const { stdout } = await run(bin("bun"), [entry, sandbox.url, sandbox.apiKey, "bun"], { timeout: 60_000 });
    expectFacts(factsFrom(stdout), "bun");
  });

  it("Deno 2.9 (network to 127.0.0.1 only, no other permission)", async () => {
    const { stdout } = await run(
      bin("deno"),
      [
        "run",
        "--no-lock",
        "--node-modules-dir=manual",
        "--allow-net=127.0.0.1",
        entry,
        sandbox.url,
        sandbox.apiKey,
        "deno",
      ],
      { timeout: 60_000, env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } },
    );
    expectFacts(factsFrom(stdout), "deno");
  });

  it("workerd through Miniflare 4 (a module Worker, no nodejs_compat)", async () => {
    const bundled = await build({
      stdin: { contents: WORKER, resolveDir: scratch, loader: "js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
      // The repository's tsconfig paths map the package name to src/: this is the built package.
      tsconfigRaw: {},
    });
    // Miniflare lives in this folder's own node_modules (see package.json), not the root's.
    const { Miniflare } = (await import(`${"miniflare"}`)) as { Miniflare: new (options: object) => MiniflareLike };
    const worker = new Miniflare({
      modules: true,
      script: bundled.outputFiles[0]!.text,
      compatibilityDate: "2026-01-01",
    });
    try {
      const response = await worker.dispatchFetch("http://worker.test/", {
        method: "POST",
        body: JSON.stringify({ baseUrl: sandbox.url, apiKey: sandbox.apiKey }),
      });
      expectFacts((await response.json()) as ScenarioFacts, "workerd");
    } finally {
      await worker.dispose();
    }
  });
});
