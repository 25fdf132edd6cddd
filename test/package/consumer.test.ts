/**
 * The package as users get it: `npm pack`, installed into a scratch project. A consumer using
 * typed imports type-checks (nodenext and bundler resolution), one with a deliberate type error
 * does not, and ESM and CJS consumers sync and read through the installed sandbox; so does the bin.
 */
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(repo, "node_modules/typescript/bin/tsc");
let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "opensync-consumer-"));
  const packDir = join(project, "pack");
  mkdirSync(packDir);
  await run("npm", ["pack", "--pack-destination", packDir, "--ignore-scripts"], { cwd: repo });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], { cwd: project });
}, 180_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

const tsconfig = (moduleResolution: "nodenext" | "bundler", file: string) =>
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: "es2022", lib: ["es2022", "dom"], module: moduleResolution === "nodenext" ? "nodenext" : "esnext", moduleResolution },
    files: [file],
  });

async function typecheck(file: string, moduleResolution: "nodenext" | "bundler") {
  const config = join(project, `tsconfig.${moduleResolution}.${file}.json`);
  writeFileSync(config, tsconfig(moduleResolution, file));
  try {
    await run(process.execPath, [tsc, "-p", config], { cwd: project });
    return { ok: true, output: "" };
  } catch (e: any) {
    return { ok: false, output: `${e.stdout}${e.stderr}` };
  }
}

const CONSUMER = `
import type { paths, components, SessionSummary } from "opensync-api/schema";
import { createOpenSyncClient, unwrap, ApiError, type OpenSyncClient } from "opensync-api";

type Upsert = components["schemas"]["SessionUpsert"];
const body: Upsert = { externalId: "ses_1", title: "Typed", promptTokens: 3 };
type ListBody = paths["/api/sessions"]["get"]["responses"][200]["content"]["application/json"];

export async function main(client: OpenSyncClient = createOpenSyncClient({ baseUrl: "http://127.0.0.1:1", apiKey: "osk_0123456789abcdefghijklmnopqrstuv" })) {
  const { sessionId } = await unwrap(client.POST("/sync/session", { body }));
  const list: ListBody = await unwrap(client.GET("/api/sessions", { params: { query: { limit: 10 } } }));
  const first: SessionSummary | undefined = list.sessions[0];
  const { error } = await client.GET("/api/sessions/get", { params: { query: { id: sessionId } } });
  if (error) { const code: components["schemas"]["ErrorCode"] = error.error.code; return code; }
  try { await unwrap(client.GET("/api/stats")); } catch (e) { if (e instanceof ApiError) return e.code; }
  return first?.title;
}
`;

const BAD = `
import { createOpenSyncClient } from "opensync-api";
const client = createOpenSyncClient({ baseUrl: "http://127.0.0.1:1", apiKey: "osk_0123456789abcdefghijklmnopqrstuv" });
await client.POST("/sync/session", { body: { externalId: 42 } });
`;

describe("the packed package", () => {
  it.each(["nodenext", "bundler"] as const)("type-checks a consumer with typed imports (%s resolution)", async (resolution) => {
    writeFileSync(join(project, "consumer.ts"), CONSUMER);
    const result = await typecheck("consumer.ts", resolution);
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  }, 60_000);

  it("rejects a consumer with a deliberate type error", async () => {
    writeFileSync(join(project, "bad.ts"), BAD);
    const result = await typecheck("bad.ts", "nodenext");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/bad\.ts\(4,.*error TS2322: Type 'number' is not assignable to type 'string'/);
  }, 60_000);

  const SCRIPT = (style: "esm" | "cjs") => `
${style === "esm" ? 'import { createOpenSyncClient, unwrap } from "opensync-api";\nimport { startSandbox } from "opensync-api/sandbox";' : 'const { createOpenSyncClient, unwrap } = require("opensync-api");\nconst { startSandbox } = require("opensync-api/sandbox");'}
(async () => {
  const sandbox = await startSandbox();
  const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  await unwrap(client.POST("/sync/session", { body: { externalId: "${style}-1", title: "From ${style}" } }));
  const list = await unwrap(client.GET("/api/sessions"));
  const spec = await (await fetch(sandbox.url + "/openapi.yaml")).text();
  const bad = await client.POST("/sync/message", { body: { externalId: "m", role: "user" } });
  console.log(JSON.stringify({ titles: list.sessions.map((s) => s.title), spec: spec.startsWith("openapi: 3.1.0"), bad: bad.error }));
  await sandbox.close();
})();
`;

  it.each([["esm", "run.mjs"], ["cjs", "run.cjs"]] as const)("runs a %s consumer against the installed sandbox", async (style, file) => {
    writeFileSync(join(project, file), SCRIPT(style));
    const { stdout } = await run(process.execPath, [file], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      titles: [`From ${style}`],
      spec: true,
      bad: { error: { code: "INVALID_REQUEST", message: "Missing required field: sessionExternalId" } },
    });
  }, 60_000);

  it("installs the opensync-sandbox bin", async () => {
    const child = spawn(join(project, "node_modules/.bin/opensync-sandbox"), ["--port", "0"], { cwd: project });
    const output = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 30_000);
      child.stdout.on("data", (d) => {
        text += d;
        if (/Demo API key: osk_/.test(text)) (clearTimeout(timer), resolve(text));
      });
      child.stderr.on("data", (d) => (text += d));
    });
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    child.kill();
  }, 60_000);
});
