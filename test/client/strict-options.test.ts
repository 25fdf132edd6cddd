/**
 * The type tests of test/client/strict/, compiled under `exactOptionalPropertyTypes` (the setting
 * strict projects turn on, off in this repository's tsconfig): a type test only proves anything
 * under the option it is about. Only the test files' own diagnostics count.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("./strict/", import.meta.url));
const tsconfig = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

describe("type tests under exactOptionalPropertyTypes", () => {
  it("compile without errors", () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      { exactOptionalPropertyTypes: true },
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const files = readdirSync(dir).map((name) => `${dir}${name}`);
    const program = ts.createProgram({ rootNames: files, options: parsed.options });
    const errors = files
      .flatMap((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)))
      .map((d) => `${d.file?.fileName.slice(dir.length)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(errors).toEqual([]);
  }, 60_000);
});
