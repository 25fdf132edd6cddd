/**
 * `npm run check:breaking -- --base <file | git ref | ref:path> [--spec file] [--changelog]`:
 * openapi.yaml against a base (a file, or the spec at a git ref such as the last release's tag),
 * every change classified for code generated from the base (scripts/breaking/classify.ts).
 * Prints each breaking change (operation, location, field) and exits 1 unless `info.version`
 * announces it with a major bump (a minor one below 1.0.0); exits 1 too when `info.version` is
 * not semver, and 2 when the base cannot be read. `--changelog` prints the CHANGELOG's
 * "API changes" section instead of the gate's lines.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { classifyChanges } from "./breaking/classify.js";
import { changeLine, changelogSection } from "./breaking/report.js";
import { isMajorBump, parseSemver } from "./breaking/version.js";
import { isMainModule } from "./lib/main-module.js";

const NAME = "check:breaking";
const SPEC = "openapi.yaml";

/** A file's text, or the spec at a git ref (`v0.2.0`, `origin/main`, `v0.2.0:path/openapi.yaml`). */
function readBase(base: string): string {
  if (existsSync(base)) return readFileSync(base, "utf8");
  const object = base.includes(":") ? base : `${base}:${SPEC}`;
  return execFileSync("git", ["show", object], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface GateResult {
  code: 0 | 1;
  lines: string[];
}

/** The gate's verdict on two parsed documents. */
export function gate(before: Record<string, any>, after: Record<string, any>): GateResult {
  const from = before.info?.version;
  const to = after.info?.version;
  const [fromVersion, toVersion] = [parseSemver(from), parseSemver(to)];
  if (!toVersion) return { code: 1, lines: [`info.version ${to} is not semver (major.minor.patch)`] };
  const changes = classifyChanges(before, after);
  const breaking = [...new Set(changes.filter((c) => c.kind === "breaking").map(changeLine))];
  const counts = `${changes.length} change(s), ${breaking.length} breaking`;
  if (breaking.length === 0) return { code: 0, lines: [`${counts}: ${from} → ${to}`] };
  const lines = breaking.map((line) => `breaking: ${line}`);
  if (fromVersion && isMajorBump(fromVersion, toVersion))
    return { code: 0, lines: [...lines, `${counts}, announced by info.version ${from} → ${to}`] };
  return {
    code: 1,
    lines: [...lines, `${counts}: info.version ${from} → ${to} needs a major bump for a breaking change`],
  };
}

function main(argv: string[]): number {
  let values: { base?: string; spec?: string; changelog?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { base: { type: "string" }, spec: { type: "string" }, changelog: { type: "boolean" } },
    }).values;
  } catch (error) {
    process.stderr.write(`${NAME}: ${(error as Error).message.split("\n")[0]}\n`);
    return 2;
  }
  if (!values.base) {
    process.stderr.write(`${NAME}: --base <file or git ref> is required\n`);
    return 2;
  }
  let before: Record<string, any>;
  try {
    before = parse(readBase(values.base));
  } catch {
    process.stderr.write(`${NAME}: cannot read the base spec ${values.base} (a file, a git ref, or ref:path)\n`);
    return 2;
  }
  const after = parse(readFileSync(values.spec ?? SPEC, "utf8"));
  if (values.changelog) {
    const section = changelogSection(classifyChanges(before, after), before.info?.version, after.info?.version);
    process.stdout.write(section);
    return 0;
  }
  const { code, lines } = gate(before, after);
  (code === 0 ? process.stdout : process.stderr).write(`${lines.join("\n")}\n`);
  return code;
}

if (isMainModule(import.meta.url)) process.exitCode = main(process.argv.slice(2));
