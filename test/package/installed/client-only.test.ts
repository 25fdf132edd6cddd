/**
 * `npm install opensync-api` alone, from its packed tarball: what it brings into node_modules, and
 * that typed imports compile (and deliberate type errors do not) and programs run, ESM and CJS.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../../sandbox/index.js";
import { type Checked, run, typecheckEach } from "./support.js";

const { clientOnly: project } = inject("installed");

/** Every installed package (scoped ones as `@scope/name`), and the bytes of all files under node_modules. */
function footprint(nodeModules: string): { packages: string[]; bytes: number } {
  const packages: string[] = [];
  let bytes = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else bytes += statSync(path).size;
    }
  };
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const names = entry.name.startsWith("@")
      ? readdirSync(join(nodeModules, entry.name)).map((n) => `${entry.name}/${n}`)
      : [entry.name];
    packages.push(...names);
    walk(join(nodeModules, entry.name));
  }
  return { packages: packages.sort(), bytes };
}

describe("opensync-api installed alone", () => {
  it("brings at most itself, openapi-fetch and openapi-typescript-helpers, in at most 1.5 MiB", () => {
    const { packages, bytes } = footprint(join(project, "node_modules"));
    expect(packages).toEqual(["openapi-fetch", "openapi-typescript-helpers", "opensync-api"]);
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  it("ships no sandbox, no docs and no server dependency", () => {
    const files = readdirSync(join(project, "node_modules/opensync-api"), { recursive: true }).map(String);
    expect(files.filter((f) => /sandbox|docs|redoc|hono|ajv/i.test(f))).toEqual([]);
    expect(files).toContain("openapi.yaml");
    // What each version changed, on the package page's file list and in node_modules.
    expect(files).toContain("CHANGELOG.md");
  });

  const CONSUMER = `
import type { paths, components, SessionSummary } from "opensync-api/schema";
import { OPERATIONS, RATE_LIMITS } from "opensync-api/contract";
import { createOpenSyncClient, unwrap, ApiError, type OpenSyncClient } from "opensync-api";

type Upsert = components["schemas"]["SessionUpsert"];
const body: Upsert = { externalId: "ses_1", title: "Typed", promptTokens: 3 };
type ListBody = paths["/api/sessions"]["get"]["responses"][200]["content"]["application/json"];
export const syncLimit: number = RATE_LIMITS.sync.limit;
export const batchRepeatable: boolean = OPERATIONS["POST /sync/batch"].idempotent;

export async function main(client: OpenSyncClient = createOpenSyncClient({ baseUrl: "http://127.0.0.1:1",
  apiKey: "osk_0123456789abcdefghijklmnopqrstuv" })) {
  const { sessionId } = await unwrap(client.POST("/sync/session", { body }));
  const list: ListBody = await unwrap(client.GET("/api/sessions", { params: { query: { limit: 10 } } }));
  const first: SessionSummary | undefined = list.sessions[0];
  const { error } = await client.GET("/api/sessions/get", { params: { query: { id: sessionId } } });
  if (error) return error.error.code;
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

  // One compiler run per resolution: under nodenext the good consumer and the bad one together.
  const runs = new Map<"nodenext" | "bundler", Promise<Record<string, Checked>>>();
  const checked = (resolution: "nodenext" | "bundler") => {
    let result = runs.get(resolution);
    if (!result) {
      writeFileSync(join(project, "consumer.ts"), CONSUMER);
      writeFileSync(join(project, "bad.ts"), BAD);
      const files = resolution === "nodenext" ? ["consumer.ts", "bad.ts"] : ["consumer.ts"];
      result = typecheckEach(project, files, { resolution });
      runs.set(resolution, result);
    }
    return result;
  };

  it.each(["nodenext", "bundler"] as const)(
    "type-checks a consumer of every subpath (%s resolution)",
    async (resolution) => {
      const result = (await checked(resolution))["consumer.ts"]!;
      expect(result.output).toBe("");
      expect(result.ok).toBe(true);
    },
    60_000,
  );

  it("rejects a consumer with deliberate type errors: a wrong body field type, an unknown path", async () => {
    const result = (await checked("nodenext"))["bad.ts"]!;
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/bad\.ts\(4,.*error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(result.output).toMatch(
      /bad\.ts\(5,.*error TS2345: Argument of type '"\/api\/no-such-path"' is not assignable/,
    );
    expect(result.output.match(/error TS/g)).toHaveLength(2);
  }, 60_000);

  describe("programs against a running sandbox", () => {
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ rateLimits: false });
    });
    afterAll(() => sandbox?.close());

    const SCRIPT = (style: "esm" | "cjs") => `
${
  style === "esm"
    ? 'import { createOpenSyncClient, unwrap, ApiError } from "opensync-api";\n' +
      'import { OPERATIONS } from "opensync-api/contract";'
    : 'const { createOpenSyncClient, unwrap, ApiError } = require("opensync-api");\n' +
      'const { OPERATIONS } = require("opensync-api/contract");'
}
(async () => {
  const client = createOpenSyncClient({ baseUrl: process.argv[2], apiKey: process.argv[3] });
  await unwrap(client.POST("/sync/session", { body: { externalId: "${style}-only",
    title: "Client alone, ${style}" } }));
  const list = await unwrap(client.GET("/api/sessions", { params: { query: { limit: 50 } } }));
  let status;
  try { await unwrap(client.GET("/api/sessions/get", { params: { query: { id: "missing" } } }));
    } catch (e) { status = e instanceof ApiError ? e.status : String(e); }
  console.log(JSON.stringify({ found: list.sessions.some((s) => s.title === "Client alone, ${style}"), status,
    operations: Object.keys(OPERATIONS).length }));
})();
`;

    it.each([
      ["esm", "client.mjs"],
      ["cjs", "client.cjs"],
    ] as const)(
      "runs a %s program",
      async (style, file) => {
        writeFileSync(join(project, file), SCRIPT(style));
        const { stdout } = await run(process.execPath, [file, sandbox.url, sandbox.apiKey], { cwd: project });
        expect(JSON.parse(stdout)).toEqual({ found: true, status: 404, operations: 12 });
      },
      60_000,
    );
  });
});
