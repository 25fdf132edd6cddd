/**
 * Exact bodies must not cost editors their help: TypeScript's language service, asked for
 * completions inside a call as an editor would, still offers the body's properties (at the top
 * and inside array elements), the literal values of an enum and the spec's paths.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const FILE = fileURLToPath(new URL("./__completions__.ts", import.meta.url));
const CURSOR = "/*|*/";

/** The calls to complete in, each with the cursor mark where an editor's cursor would be. */
const CALLS = {
  body: `client.POST("/sync/session", { body: { externalId: "s", ${CURSOR} } })`,
  element: `client.POST("/sync/batch", { body: { sessions: [{ externalId: "s", ${CURSOR} }] } })`,
  enum: `client.POST("/sync/message", { body: { sessionExternalId: "s", externalId: "m", role: "${CURSOR}" } })`,
  format: `client.GET("/api/export", { params: { query: { id: "s", format: "${CURSOR}" } } })`,
  path: `client.GET("${CURSOR}")`,
};

let service: ts.LanguageService;
let source = `import { createOpenSyncClient } from "../../src/index.js";\nconst client = createOpenSyncClient();\n`;
const positions: Record<string, number> = {};
for (const [name, call] of Object.entries(CALLS)) {
  positions[name] = source.length + "void ".length + call.indexOf(CURSOR);
  source += `void ${call.replace(CURSOR, "")};\n`;
}

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = name === FILE ? source : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name === FILE || ts.sys.fileExists(name),
    readFile: (name) => (name === FILE ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
}, 60_000);

/** The completion names TypeScript offers at the cursor mark of a call. */
function completionsIn(call: keyof typeof CALLS): string[] {
  return (service.getCompletionsAtPosition(FILE, positions[call]!, {})?.entries ?? []).map((e) => e.name);
}

it("the calls' only type errors are the half-typed values being completed", () => {
  // The half-typed parts an editor shows while completing: `role: ""`, `format: ""` and `GET("")`.
  expect(service.getSemanticDiagnostics(FILE).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual(
    [
      expect.stringMatching(/^Type '""' is not assignable to type '"user" \| "assistant"/),
      expect.stringMatching(/^Type '""' is not assignable to type '"json" \| "markdown" \| "jsonl"/),
      "Expected 2 arguments, but got 1.",
    ],
  );
}, 60_000);

describe("completions inside calls", () => {
  it("a body's optional properties, next to the required ones already given", () => {
    const names = completionsIn("body");
    expect(names).toEqual(expect.arrayContaining(["title", "projectPath", "model", "promptTokens", "createdAt"]));
  });

  it("the properties of an array element in a batch", () => {
    const names = completionsIn("element");
    expect(names).toEqual(expect.arrayContaining(["title", "model", "cost"]));
    expect(names).not.toContain("createdAt");
  });

  it("the values of an enum", () => {
    const names = completionsIn("enum");
    expect(names).toEqual(expect.arrayContaining(["user", "assistant", "system", "tool", "unknown"]));
  });

  it("a format of the export", () => {
    const names = completionsIn("format");
    expect(names.sort()).toEqual(["json", "jsonl", "markdown"]);
  });

  it("the spec's paths", () => {
    const names = completionsIn("path");
    expect(names).toEqual(expect.arrayContaining(["/api/sessions", "/api/export", "/health"]));
    expect(names).not.toContain("/sync/session");
  });
});
