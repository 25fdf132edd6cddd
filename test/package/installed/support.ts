/** Support for tests of the installed packages: type-checking a file in a scratch project, running a script. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";

export const run = promisify(execFile);

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

/** Type-checks `file` inside `project` (strict, no emit); ok, and the diagnostics as tsc prints them. */
export async function typecheck(project: string, file: string, options: TypecheckOptions): Promise<Checked> {
  return (await typecheckEach(project, [file], options))[file]!;
}

/**
 * TypeScript's own files (its lib files, the repository's @types) and the installed packages' files,
 * parsed once per test file: every check of a file shares them. Neither changes during a run (the
 * scratch projects are installed before any test starts); the files a test writes are never kept.
 */
const parsed = new Map<string, ts.SourceFile>();
const KEPT = /[\\/]node_modules[\\/]/;

function compilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, version, onError, fresh) => {
    if (!KEPT.test(fileName)) return read(fileName, version, onError, fresh);
    const key = `${fileName}\0${JSON.stringify(version)}`;
    let file = parsed.get(key);
    if (!file) {
      file = read(fileName, version, onError, fresh);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * One compiler run (the repository's TypeScript, in this process) over several files of `project`,
 * each file's outcome apart, as `tsc --pretty false` prints it. A diagnostic belongs to the file whose
 * name (without `.ts`) begins its own (`readme-client.ts` owns `readme-client-2.ts`); one in any other
 * file, such as a package's types, fails them all.
 */
export async function typecheckEach(
  project: string,
  files: string[],
  options: TypecheckOptions,
): Promise<Record<string, Checked>> {
  const { resolution } = options;
  const module = resolution === "bundler" ? "esnext" : resolution === "node10" ? "commonjs" : resolution;
  const converted = ts.convertCompilerOptionsFromJson(
    {
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
    project,
  );
  if (converted.errors.length) throw new Error(ts.formatDiagnostics(converted.errors, formatHost(project)));
  const host = compilerHost(converted.options);
  host.getCurrentDirectory = () => project;
  const program = ts.createProgram({
    rootNames: files.map((f) => join(project, f)),
    options: converted.options,
    host,
  });
  const output = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), formatHost(project));
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

const formatHost = (project: string): ts.FormatDiagnosticsHost => ({
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => project,
  getNewLine: () => "\n",
});
