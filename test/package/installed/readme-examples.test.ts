/**
 * The READMEs' TypeScript examples compile against the packages as installed from their tarballs
 * (both READMEs: the repository's, which is opensync-api's, and opensync-sandbox's): an example
 * cannot drift from the published API.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, inject, it } from "vitest";
import { typecheck } from "./support.js";

const { withSandbox: project } = inject("installed");
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

type Node = { type: string; lang?: string | null; value?: string; children?: Node[] };

function typescriptBlocks(file: string): string[] {
  const blocks: string[] = [];
  const visit = (node: Node) => {
    if (node.type === "code" && (node.lang === "ts" || node.lang === "typescript")) blocks.push(node.value!);
    node.children?.forEach(visit);
  };
  visit(fromMarkdown(readFileSync(join(ROOT, file), "utf8")) as Node);
  return blocks;
}

describe.each(["README.md", "packages/opensync-sandbox/README.md"])("the TypeScript examples of %s", (file) => {
  const blocks = typescriptBlocks(file);

  it("are there", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("compile against the installed packages (nodenext, strict)", async () => {
    const name = file.replace(/\W+/g, "-");
    // One module per example (each has its own imports), checked together through one entry file.
    const modules = blocks.map((block, i) => {
      const module = `${name}-example-${i + 1}.ts`;
      writeFileSync(join(project, module), block.includes("import ") ? block : `${block}\nexport {};\n`);
      return module;
    });
    const entry = `${name}-examples.ts`;
    writeFileSync(join(project, entry), modules.map((m) => `import "./${m.replace(/\.ts$/, ".js")}";`).join("\n"));
    // The examples read process.env, as Node programs do: the repository's Node types.
    const result = await typecheck(project, entry, {
      resolution: "nodenext",
      compilerOptions: { skipLibCheck: true, typeRoots: [join(ROOT, "node_modules/@types")], types: ["node"] },
    });
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  }, 120_000);
});
