/**
 * The client as a user installs it, from its packed tarball: the README's client examples compile
 * under the strictest settings users turn on, a misspelt body property does not, every entry
 * point has types under every moduleResolution, and errors are recognised between the package's
 * ESM and CJS builds loaded in one process. The examples are read from the README the package
 * ships, so the README and this test cannot drift apart.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { RESPONSE_FORMATS } from "../../../generated/contract.js";
import { freePort } from "../../support/free-port.js";
import { type Checked, type Resolution, run, typecheckEach } from "./support.js";

const { clientOnly: project } = inject("installed");
const STRICTEST = {
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  // The examples read process.env: Node's types, from the repository (the scratch project has none).
  types: ["node"],
  typeRoots: [fileURLToPath(new URL("../../../node_modules/@types", import.meta.url))],
};

/** The README's sections about the client: using it, its errors and retry, the export formats. */
const CLIENT_SECTIONS = ["The client", "Errors and retry", "Export formats"];

/** The fenced TypeScript blocks of the README's client sections, as the installed package ships it. */
function clientExamples(): string[] {
  const readme = readFileSync(join(project, "node_modules/opensync-api/README.md"), "utf8");
  return CLIENT_SECTIONS.flatMap((heading) => {
    const start = readme.indexOf(`\n## ${heading}\n`);
    expect(start, heading).toBeGreaterThan(-1);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  });
}

const CONSUMER = `import { createOpenSyncClient, isOpenSyncError, type OpenSyncClient } from "opensync-api";
import type { SessionSummary, components } from "opensync-api/schema";
import { OPERATIONS, RESPONSE_FORMATS } from "opensync-api/contract";

export function titles(client: OpenSyncClient = createOpenSyncClient()): Promise<string[]> {
  return client
    .GET("/api/sessions")
    .then(({ data }) => (data ? data.sessions.map((s: SessionSummary) => s.title ?? "") : []));
}
export const formats: readonly string[] = Object.keys(RESPONSE_FORMATS["GET /api/export"].mediaTypes);
export const open: boolean = OPERATIONS["GET /health"].security.length === 0;
export const guard: (value: unknown) => boolean = isOpenSyncError;
// Real types, not any: each of these is an error.
// @ts-expect-error a session summary has no such property
export const nope = (s: SessionSummary) => s.titel;
// @ts-expect-error no such operation
export const none = OPERATIONS["GET /nowhere"];
// @ts-expect-error not a schema
export type Missing = components["schemas"]["Nothing"];
`;

const MISSPELT = `import { createOpenSyncClient } from "opensync-api";
const client = createOpenSyncClient({ baseUrl: "http://127.0.0.1:1", apiKey: "osk_0123456789abcdefghijklmnopqrstuv" });
export const ok = client.POST("/sync/session", { body: { externalId: "ses_1", title: "Fix auth" } });
export const typo = client.POST("/sync/session", { body: { externalId: "ses_1", titel: "Fix auth" } });
`;

/** The files each resolution checks, under the strictest options, written when first asked for. */
const FILES: Record<Resolution, string[]> = {
  nodenext: ["readme-client.ts", "misspelt.ts", "entry-points-nodenext.ts"],
  bundler: ["readme-client.ts", "entry-points-bundler.ts"],
  node16: ["entry-points-node16.ts"],
  node10: ["entry-points-node10.ts"],
};
const WRITERS: Record<string, () => void> = {
  "readme-client.ts": () => {
    // Each example is a module of its own; one entry imports them all.
    const examples = clientExamples();
    for (const [i, example] of examples.entries()) writeFileSync(join(project, `readme-client-${i + 1}.ts`), example);
    writeFileSync(
      join(project, "readme-client.ts"),
      `${examples.map((_, i) => `import "./readme-client-${i + 1}.js";`).join("\n")}\n`,
    );
  },
  "misspelt.ts": () => writeFileSync(join(project, "misspelt.ts"), MISSPELT),
};
const runs = new Map<Resolution, Promise<Record<string, Checked>>>();

/** One compiler run per resolution for all of this file's checks under it. */
async function checked(resolution: Resolution, file: string): Promise<Checked> {
  let result = runs.get(resolution);
  if (!result) {
    for (const f of FILES[resolution]) (WRITERS[f] ?? (() => writeFileSync(join(project, f), CONSUMER)))();
    result = typecheckEach(project, FILES[resolution], { resolution, compilerOptions: STRICTEST });
    runs.set(resolution, result);
  }
  return (await result)[file]!;
}

describe("the README's client examples", () => {
  it("cover the client, batches and BatchError, the export formats and the errors", () => {
    const examples = clientExamples().join("\n");
    expect(clientExamples().length).toBeGreaterThanOrEqual(4);
    for (const name of [
      "createOpenSyncClient",
      "unwrap",
      "BatchError",
      "isOpenSyncError",
      "errorOf",
      "OutcomeUnknownError",
      'format: "markdown"',
      'format: "openai"',
    ]) {
      expect(examples).toContain(name);
    }
    // The format table names every format the spec has, with its media type.
    const readme = readFileSync(join(project, "node_modules/opensync-api/README.md"), "utf8");
    for (const formats of Object.values(RESPONSE_FORMATS)) {
      for (const [value, mediaType] of Object.entries(formats.mediaTypes)) {
        expect(readme).toMatch(new RegExp(`\`${value}\`[^\\n]*\\| \`${mediaType.replace("/", "\\/")}\``));
      }
    }
  });

  it.each(["nodenext", "bundler"] as const)(
    "compile with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess (%s)",
    async (resolution) => {
      const result = await checked(resolution, "readme-client.ts");
      expect(result.output).toBe("");
      expect(result.ok).toBe(true);
    },
    240_000,
  );
});

describe("exact bodies, installed", () => {
  it("a misspelt body property does not compile, even beside the required one", async () => {
    const result = await checked("nodenext", "misspelt.ts");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /misspelt\.ts\(4,\d+\): error TS2322: Type 'string' is not assignable to type 'never'/,
    );
    expect(result.output.match(/error TS/g)).toHaveLength(1);
  }, 60_000);
});

describe("types for every entry point", () => {
  it.each(["node10", "node16", "nodenext", "bundler"] as Resolution[])(
    "resolve under moduleResolution %s",
    async (resolution) => {
      const result = await checked(resolution, `entry-points-${resolution}.ts`);
      expect(result.output).toBe("");
      expect(result.ok).toBe(true);
    },
    60_000,
  );
});

describe("the ESM and CJS builds in one process", () => {
  const SCRIPT = `
import * as esm from "opensync-api";
import { createRequire } from "node:module";
const cjs = createRequire(import.meta.url)("opensync-api");
const port = process.argv[2];

function instances(api) {
  const headers = new Headers();
  const call = { method: "GET", path: "/api/stats" };
  const upstream = new api.ApiError({ status: 503, code: "INTERNAL_ERROR", message: "busy", headers, attempts: 1,
    call });
  return {
    OpenSyncError: new api.OpenSyncError("base"),
    ApiError: upstream,
    BatchError: new api.BatchError({ errors: ["e"], sessions: 0, messages: 1, status: 200, headers, attempts: 1,
      call }),
    ConnectionError: new api.ConnectionError(1, new Error("reset"), call),
    TimeoutError: new api.TimeoutError(1, 10, undefined, call),
    OutcomeUnknownError: new api.OutcomeUnknownError(upstream, call),
    InvalidResponseError: new api.InvalidResponseError(200, headers, "not JSON", call),
    ConfigurationError: new api.ConfigurationError("bad option"),
    UnstorableValueError: new api.UnstorableValueError("parts[0].content.$schema", "field-name", "reserved"),
  };
}
const classes = (api) => Object.entries(api).filter(([, v]) => typeof v === "function" && v.prototype instanceof Error);
const mismatches = [];
for (const [fromName, from, against] of [["esm", esm, cjs], ["cjs", cjs, esm]]) {
  for (const [errorName, error] of Object.entries(instances(from))) {
    for (const [className, type] of classes(against)) {
      const expected = Function.prototype[Symbol.hasInstance].call(from[className], error);
      if ((error instanceof type) !== expected)
        mismatches.push(fromName + " " + errorName + " instanceof " + className);
    }
    if (!against.isOpenSyncError(error)) mismatches.push(fromName + " " + errorName + " isOpenSyncError");
  }
}
// A real failure from the CJS build, caught by the ESM build's classes and unwrapped by the ESM unwrap.
const thrown = await cjs.createOpenSyncClient({ baseUrl: "http://127.0.0.1:" + port,
  apiKey: "osk_0123456789abcdefghijklmnopqrstuv", retry: false }).GET("/api/stats").catch((e) => e);
console.log(JSON.stringify({
  distinct: esm.ApiError !== cjs.ApiError,
  classes: classes(esm).map(([name]) => name).sort(),
  covered: Object.keys(instances(esm)).sort(),
  mismatches,
  real: { name: thrown.name, esm: thrown instanceof esm.ConnectionError, base: thrown instanceof esm.OpenSyncError,
    guard: esm.isOpenSyncError(thrown) },
}));
`;

  it("recognise each other's errors, for every error class, in both directions", async () => {
    writeFileSync(join(project, "dual.mjs"), SCRIPT);
    const { stdout } = await run(process.execPath, ["dual.mjs", String(await freePort())], { cwd: project });
    const report = JSON.parse(stdout);
    expect(report.distinct).toBe(true);
    expect(report.covered).toEqual(report.classes);
    expect(report.classes).toHaveLength(9);
    expect(report.mismatches).toEqual([]);
    expect(report.real).toEqual({ name: "ConnectionError", esm: true, base: true, guard: true });
  }, 60_000);
});
