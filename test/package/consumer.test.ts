/**
 * The package as users get it: `npm pack`, installed into a scratch project. A consumer using
 * typed imports type-checks (nodenext and bundler resolution), one with deliberate type errors
 * does not, and ESM and CJS consumers sync and read through the installed sandbox, which serves
 * the spec and the docs it ships; so does the bin. The project lives under a path with a space
 * and a `#`, which a naive file-URL conversion in the CJS build gets wrong.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../scripts/docs.js";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(repo, "node_modules/typescript/bin/tsc");
let project: string;

beforeAll(async () => {
  // npm test builds dist/ first (check:package); a lone run of this file on a fresh clone does it here.
  if (!existsSync(join(repo, "dist/index.js")) || !existsSync(join(repo, "dist/sandbox/cli.js"))) {
    await run("npm", ["run", "build:package"], { cwd: repo });
  }
  project = mkdtempSync(join(tmpdir(), "opensync consumer #"));
  // Packed from a copy of the package's files: the docs browser test rebuilds the repo's
  // dist/docs while this runs, so the copy gets a docs build of its own (as prepack would make).
  const stage = join(project, "stage");
  for (const file of ["package.json", "README.md", "LICENSE", "openapi.yaml"]) cpSync(join(repo, file), join(stage, file));
  const dist = join(repo, "dist");
  cpSync(dist, join(stage, "dist"), { recursive: true, filter: (path) => !relative(dist, path).startsWith("docs") });
  buildDocs({ outDir: join(stage, "dist", "docs"), quiet: true });
  mkdirSync(join(project, "pack"));
  await run("npm", ["pack", "--pack-destination", join(project, "pack"), "--ignore-scripts"], { cwd: stage });
  const tarball = readdirSync(join(project, "pack")).find((f) => f.endsWith(".tgz"))!;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // A relative spec: npm would read the `#` of an absolute path as a git committish.
  await run("npm", ["install", `.${sep}pack${sep}${tarball}`, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], { cwd: project });
}, 180_000);

afterAll(() => project && rmSync(project, { recursive: true, force: true }));

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
await client.GET("/api/no-such-path", {});
`;

describe("the packed package", () => {
  it.each(["nodenext", "bundler"] as const)("type-checks a consumer with typed imports (%s resolution)", async (resolution) => {
    writeFileSync(join(project, "consumer.ts"), CONSUMER);
    const result = await typecheck("consumer.ts", resolution);
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  }, 60_000);

  it("rejects a consumer with deliberate type errors: a wrong body field type, an unknown path", async () => {
    writeFileSync(join(project, "bad.ts"), BAD);
    const result = await typecheck("bad.ts", "nodenext");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/bad\.ts\(4,.*error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(result.output).toMatch(/bad\.ts\(5,.*error TS2345: Argument of type '"\/api\/no-such-path"' is not assignable/);
    expect(result.output.match(/error TS/g)).toHaveLength(2);
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
  const docs = await fetch(sandbox.url + "/docs/");
  const docsPage = await docs.text();
  console.log(JSON.stringify({ titles: list.sessions.map((s) => s.title), spec: spec.startsWith("openapi: 3.1.0"), bad: bad.error, docs: [docs.status, docsPage.includes("<title>OpenSync API</title>")] }));
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
      docs: [200, true],
    });
  }, 60_000);

  it("installs the opensync-sandbox bin, which serves the API, the spec and the docs", async () => {
    const child = spawn(join(project, "node_modules/.bin/opensync-sandbox"), ["--port", "0"], { cwd: project });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 30_000);
        child.on("exit", (code) => reject(new Error(`exited with ${code}: ${text}`)));
        child.stdout.on("data", (d) => {
          text += d;
          if (/Demo API key: osk_/.test(text)) (clearTimeout(timer), resolve(text));
        });
        child.stderr.on("data", (d) => (text += d));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/openapi.yaml`)).status).toBe(200);
      const docs = await fetch(`${url}/docs/redoc.standalone.js`);
      expect(docs.status).toBe(200);
      expect((await docs.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    } finally {
      child.kill();
    }
  }, 60_000);
});
