/**
 * The docs' TypeScript samples are generated from the spec; this proves each one compiles against
 * the client as it is, so a sample can drift from neither the spec nor the client's API.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadSpec, operationAt } from "#spec/document.js";
import { OPERATIONS } from "../../generated/contract.js";
import { addCodeSamples } from "../../scripts/docs/code-samples.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

describe("docs code samples", () => {
  it("every operation's TypeScript sample type-checks against the client", async () => {
    const doc = loadSpec();
    addCodeSamples(doc);
    const samples: [string, string][] = [];
    for (const key of Object.keys(OPERATIONS)) {
      const ts = (operationAt(doc, key).operation["x-codeSamples"] ?? []).find((s: any) => /typescript/i.test(s.lang));
      expect(ts, `${key} has a TypeScript sample`).toBeDefined();
      samples.push([`${key.replace(/\W+/g, "-")}.ts`, ts.source]);
    }
    expect(samples).toHaveLength(12);
    const dir = mkdtempSync(join(tmpdir(), "opensync-samples-"));
    try {
      for (const [name, source] of samples) writeFileSync(join(dir, name), `${source}\nexport {};\n`);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            target: "es2022",
            module: "esnext",
            moduleResolution: "bundler",
            lib: ["es2022", "dom"],
            types: ["node"],
            typeRoots: [join(repo, "node_modules/@types")],
            paths: { "opensync-api": [join(repo, "src/index.ts")] },
          },
          include: ["*.ts"],
        }),
      );
      const result = await promisify(execFile)(process.execPath, [
        join(repo, "node_modules/typescript/bin/tsc"),
        "-p",
        dir,
      ]).then(
        () => "",
        (e) => `${e.stdout}${e.stderr}`,
      );
      expect(result).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
