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

/** Runs the repository's tsc (strict, no emit) on `file` inside `project`; ok, and tsc's output. */
export async function typecheck(
  project: string,
  file: string,
  options: TypecheckOptions,
): Promise<{ ok: boolean; output: string }> {
  const { resolution } = options;
  const module = resolution === "bundler" ? "esnext" : resolution === "node10" ? "commonjs" : resolution;
  const config = join(project, `tsconfig.${resolution}.${file}.json`);
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
      files: [file],
    }),
  );
  try {
    await run(process.execPath, [tsc, "-p", config], { cwd: project });
    return { ok: true, output: "" };
  } catch (e) {
    const failure = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}
