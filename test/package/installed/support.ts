/** Support for tests of the installed packages: type-checking a file in a scratch project, running a script. */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const run = promisify(execFile);
const tsc = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));

export type Resolution = "nodenext" | "node16" | "bundler" | "node10";

export interface TypecheckOptions {
  resolution: Resolution;
  /** Extra compiler options, e.g. exactOptionalPropertyTypes. */
  compilerOptions?: Record<string, unknown>;
}

export interface Checked {
  ok: boolean;
  output: string;
}

/** Runs the repository's tsc (strict, no emit) on `file` inside `project`; ok, and tsc's output. */
export async function typecheck(project: string, file: string, options: TypecheckOptions): Promise<Checked> {
  return (await typecheckEach(project, [file], options))[file]!;
}

/**
 * One tsc run over several files of `project`, each file's outcome apart: a compiler run costs
 * seconds before it reads the first file, so files checked with the same options share one. A
 * diagnostic belongs to the file whose name (without `.ts`) begins its own (`readme-client.ts`
 * owns `readme-client-2.ts`); one in any other file, such as a package's types, fails them all.
 */
export async function typecheckEach(
  project: string,
  files: string[],
  options: TypecheckOptions,
): Promise<Record<string, Checked>> {
  const { resolution } = options;
  const module = resolution === "bundler" ? "esnext" : resolution === "node10" ? "commonjs" : resolution;
  const config = join(project, `tsconfig.${resolution}.${files.join("+")}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        // The packages' declaration files are checked; TypeScript's own lib files (lib.dom.d.ts
        // above all) are not ours to check, and checking them cost a third of each run's time.
        skipLibCheck: false,
        skipDefaultLibCheck: true,
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        module,
        moduleResolution: resolution,
        ...options.compilerOptions,
      },
      files,
    }),
  );
  let output = "";
  try {
    await run(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: project });
  } catch (e) {
    const failure = e as { stdout?: string; stderr?: string };
    output = `${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  }
  // A diagnostic starts at the start of a line; its explanation follows on indented lines.
  const diagnostics = output.split(/\n(?=\S)/).filter((d) => d.trim() !== "");
  const owner = (d: string) =>
    files.filter((f) => d.startsWith(f.replace(/\.ts$/, ""))).sort((a, b) => b.length - a.length)[0];
  return Object.fromEntries(
    files.map((file) => {
      const own = diagnostics.filter((d) => owner(d) === file || owner(d) === undefined);
      return [file, { ok: own.length === 0, output: own.length ? `${own.join("\n")}\n` : "" }];
    }),
  );
}
