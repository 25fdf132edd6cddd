/**
 * The open error-code type keeps the editor's suggestions. `ErrorCode` accepts any string, yet
 * TypeScript's language service (what editors ask) still offers the known codes; the plain
 * `KnownErrorCode | string` of the generated `components` would collapse to `string` and offer
 * nothing, which is why the exported alias is `KnownErrorCode | (string & {})`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../generated/contract.js";

const probe = fileURLToPath(new URL("./error-code-probe.ts", import.meta.url));

/** The string-literal completions an editor would offer at `|` in `source`. */
function suggestionsAt(source: string): string[] {
  const text = source.replace("|", "");
  const position = source.indexOf("|");
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [probe],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) =>
      file === probe
        ? ts.ScriptSnapshot.fromString(text)
        : existsSync(file)
          ? ts.ScriptSnapshot.fromString(readFileSync(file, "utf8"))
          : undefined,
    getCurrentDirectory: () => fileURLToPath(new URL("../", import.meta.url)),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === probe || ts.sys.fileExists(file),
    readFile: (file) => (file === probe ? text : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const completions = service.getCompletionsAtPosition(probe, position, {});
  return (completions?.entries ?? []).filter((e) => e.kind === ts.ScriptElementKind.string).map((e) => e.name);
}

describe("editor suggestions for error codes", () => {
  it("offers every known code for the exported ErrorCode, which is open", () => {
    const suggested = suggestionsAt(
      `import type { ErrorCode } from "../src/index.js";\nexport const code: ErrorCode = "|";\nexport const newer: ` +
        `ErrorCode = "QUOTA_EXCEEDED";\n`,
    );
    expect(suggested.sort()).toEqual([...ERROR_CODES].sort());
  });

  it("would offer none with the plain union, which collapses to string", () => {
    const suggested = suggestionsAt(
      `import type { components } from "../generated/schema.js";\nexport const code: ` +
        `components["schemas"]["ErrorCode"] = "|";\n`,
    );
    expect(suggested).toEqual([]);
  });
});
