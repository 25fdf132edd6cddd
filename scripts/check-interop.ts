/**
 * `npm run check:interop`: openapi.yaml through the code generators other teams run in their CI
 * (hey-api, kubb, orval's fetch and axios clients, openapi-zod-client).
 * Each generator makes a client from the spec; each output must compile with `tsc --strict` and
 * export nothing named `Error` (which would shadow JavaScript's own wherever it is imported).
 * Then the generated zod schemas must accept what servers really send (test/interop/zod-check.ts).
 *
 * The generators are not this package's dependencies: they live in test/interop/ with their own
 * package.json and lockfile, installed here with `npm ci` (again only when the lockfile changed).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const interop = join(root, "test/interop");
const out = join(interop, "out");
const bin = (name: string) => join(interop, "node_modules/.bin", name);

interface Generator {
  name: string;
  /** The package whose version is reported. */
  pkg: string;
  command: [string, ...string[]];
  dir: string;
}

const GENERATORS: Generator[] = [
  {
    name: "@hey-api/openapi-ts",
    pkg: "@hey-api/openapi-ts",
    command: [bin("openapi-ts"), "-i", "../../openapi.yaml", "-o", "out/hey-api"],
    dir: "hey-api",
  },
  {
    name: "kubb (plugin-ts, plugin-zod)",
    pkg: "@kubb/cli",
    command: [bin("kubb"), "generate", "--config", "kubb.config.ts"],
    dir: "kubb",
  },
  // orval's two HTTP clients, each a project of orval.config.ts.
  {
    name: "orval (fetch client)",
    pkg: "orval",
    command: [bin("orval"), "--config", "orval.config.ts", "--project", "fetch"],
    dir: "orval-fetch",
  },
  {
    name: "orval (axios client)",
    pkg: "orval",
    command: [bin("orval"), "--config", "orval.config.ts", "--project", "axios"],
    dir: "orval-axios",
  },
  {
    name: "openapi-zod-client",
    pkg: "openapi-zod-client",
    command: [bin("openapi-zod-client"), "../../openapi.yaml", "-o", "out/zodios/client.ts"],
    dir: "zodios",
  },
];

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ code: 1, output: String(e) }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `npm ci` in test/interop, skipped while node_modules matches the committed lockfile. */
async function install(): Promise<void> {
  const lock = createHash("sha256")
    .update(readFileSync(join(interop, "package-lock.json")))
    .digest("hex");
  const marker = join(interop, "node_modules/.installed-lock-sha256");
  if (existsSync(marker) && readFileSync(marker, "utf8") === lock) return;
  console.log("installing the generators (npm ci in test/interop)");
  // --ignore-scripts: no generator needs an install script, and none should run one here.
  const result = await run("npm", ["ci", "--prefix", interop, "--no-audit", "--no-fund", "--ignore-scripts"], root);
  if (result.code !== 0) fail(`npm ci in test/interop failed:\n${result.output}`);
  writeFileSync(marker, lock);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const versionOf = (pkg: string): string =>
  JSON.parse(readFileSync(join(interop, "node_modules", pkg, "package.json"), "utf8")).version;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every export named `Error` in the output, by the compiler's own reading of each module. */
function errorExports(dir: string): string[] {
  const ts = createRequire(join(interop, "package.json"))("typescript") as typeof import("typescript");
  const files = tsFiles(dir);
  const program = ts.createProgram(files, {
    noEmit: true,
    allowImportingTsExtensions: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) continue;
    for (const exported of checker.getExportsOfModule(symbol)) {
      if (exported.getName() === "Error") found.push(relative(interop, file));
    }
  }
  return found;
}

interface Row {
  generator: string;
  version: string;
  files: number;
  strict: string;
  errorExport: string;
}

async function main() {
  await install();
  rmSync(out, { recursive: true, force: true });
  const rows: Row[] = [];
  let failures = 0;
  for (const generator of GENERATORS) {
    const [command, ...args] = generator.command;
    const dir = join(out, generator.dir);
    // openapi-zod-client writes one file and does not create its folder.
    mkdirSync(dir, { recursive: true });
    const generated = await run(command, args, interop);
    if (generated.code !== 0 || tsFiles(dir).length === 0) {
      failures++;
      console.error(`── ${generator.name}: generation FAILED\n${generated.output}`);
      rows.push({
        generator: generator.name,
        version: versionOf(generator.pkg),
        files: 0,
        strict: "not generated",
        errorExport: "-",
      });
      continue;
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.base.json", include: ["."] }, null, 2),
    );
    const compiled = await run(bin("tsc"), ["-p", join(dir, "tsconfig.json")], interop);
    const errors = compiled.output.split("\n").filter((line) => /error TS\d+/.test(line));
    const shadowing = errorExports(dir);
    if (compiled.code !== 0 || shadowing.length > 0) failures++;
    if (compiled.code !== 0) console.error(`── ${generator.name}: tsc --strict FAILED\n${compiled.output}`);
    if (shadowing.length > 0) console.error(`── ${generator.name}: exports named Error in ${shadowing.join(", ")}`);
    rows.push({
      generator: generator.name,
      version: versionOf(generator.pkg),
      files: tsFiles(dir).length,
      strict: compiled.code === 0 ? "passes" : `${errors.length} errors`,
      errorExport: shadowing.length === 0 ? "none" : shadowing.join(", "),
    });
  }

  console.log("\n| generator | version | files | `tsc --strict` | exports named `Error` |\n|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.generator} | ${r.version} | ${r.files} | ${r.strict} | ${r.errorExport} |`);
  console.log(`(typescript ${versionOf("typescript")})\n`);

  if (rows.every((r) => r.files > 0)) {
    // The zod check is TypeScript that imports the generated schemas: run it with this repository's tsx.
    const tsx = import.meta.resolve("tsx/esm");
    const zod = await run(process.execPath, ["--import", tsx, "zod-check.ts"], interop);
    console.log(zod.output.trim());
    if (zod.code !== 0) failures++;
  }
  if (failures > 0) fail(`\ncheck:interop: ${failures} failure(s)`);
  console.log(
    "\ncheck:interop: every generator's output compiles strictly, exports no Error, and its zod schemas accept what " +
      "servers send",
  );
}

await main();
