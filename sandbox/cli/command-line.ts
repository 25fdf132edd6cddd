/**
 * The opensync-sandbox command line: its flags, its usage text, and what a bad invocation is told.
 * Pure (argv in, options or one line of complaint out) so that every refusal is tested without a
 * process; sandbox/cli/cli.ts does the printing, the listening and the exit codes.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ConfigurationError, createOpenSyncClient } from "opensync-api";
// The client's own rule, from its source: bundled into the sandbox's build, not part of the client's API.
import { isLoopback } from "../../src/utils/loopback.js";
import type { StartSandboxOptions } from "../index.js";

export const USAGE = `usage: opensync-sandbox [options]

Runs a local OpenSync server that honours the API contract, until interrupted (Ctrl-C).
Prints its URL, the URL of the API docs, an API key that works, a WorkOS token, and a line
to paste into your shell: export OPENSYNC_BASE_URL=... OPENSYNC_API_KEY=...

options:
  --demo              start with a dozen demo sessions to list, search and export
  --port N            port to listen on, 0 to 65535 (default 8787; 0 picks a free one)
  --host H            address to listen on (default 127.0.0.1, this machine only)
  --api-key osk_...   an accepted API key, one user each; repeatable (default: OPENSYNC_API_KEY,
                      else a demo key)
  --fault-rate R      share of requests, 0 to 1, answered with a random fault (default 0)
  --seed N            seeds ids, the demo key and random faults, 0 to 4294967295 (default 1)
  --no-rate-limit     turn the per-key rate limits off
  --deployed          behave as deployed OpenSync servers do where they differ from the
                      contract: {"error": "<text>"} bodies and their statuses (500 for most
                      bad input), no rate limits, writes skipped within 10 s (sessions) and
                      5 s (messages), message ids shared across keys, their search coverage
  --no-embeddings     with --deployed: a server without an embeddings key, where every
                      semantic, hybrid and context search answers 500
  --legacy-errors     only the error shape of deployed servers, {"error": "<message>"},
                      with the contract's statuses (--deployed includes it)
  --log               print one line per request: method, path, status, ms, fault
  -h, --help          print this help

Force a fault on one request with the header  X-Sandbox-Fault: 503; count=2
Get any status an operation declares, with the spec's example, with  Prefer: code=500`;

const OPTIONS = {
  demo: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  "api-key": { type: "string", multiple: true },
  "fault-rate": { type: "string" },
  seed: { type: "string" },
  "no-rate-limit": { type: "boolean" },
  deployed: { type: "boolean" },
  "legacy-errors": { type: "boolean" },
  log: { type: "boolean" },
  "no-embeddings": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const DEFAULT_PORT = 8787;
const DEFAULT_HOST = "127.0.0.1";

export type CommandLine =
  | { kind: "help" }
  /** `complaint`: one line saying what is wrong and what to do instead. */
  | { kind: "refused"; complaint: string }
  | {
      kind: "start";
      options: StartSandboxOptions & { host: string; port: number };
      /** Print one line per request (--log). */
      log: boolean;
      /** Where `options.apiKeys` came from, when they were given. */
      keyOrigin?: "--api-key" | "OPENSYNC_API_KEY";
    };

/**
 * Reads the flags (without `node` and the script: `process.argv.slice(2)`) and, without
 * `--api-key`, the key in `OPENSYNC_API_KEY`, so the line the banner prints to export works both ways.
 */
export function readCommandLine(argv: readonly string[], env: Record<string, string | undefined> = {}): CommandLine {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { kind: "refused", complaint: parseComplaint(error) };
  }
  if (values.help) return { kind: "help" };

  const port = integer("port", values.port, DEFAULT_PORT, 0, 65535, "0 picks a free port");
  if (typeof port === "string") return { kind: "refused", complaint: port };
  const seed = integer("seed", values.seed, 1, 0, 2 ** 32 - 1, "the same seed replays the same ids and faults");
  if (typeof seed === "string") return { kind: "refused", complaint: seed };
  const rate = faultRate(values["fault-rate"]);
  if (typeof rate === "string") return { kind: "refused", complaint: rate };
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === "")
    return {
      kind: "refused",
      complaint:
        "--host is empty: give an address to listen on, such as 127.0.0.1 (this machine) or 0.0.0.0 (every interface)",
    };

  const fromEnv = values["api-key"] ? undefined : env.OPENSYNC_API_KEY?.trim() || undefined;
  const apiKeys = values["api-key"] ?? (fromEnv ? [fromEnv] : undefined);
  for (const key of apiKeys ?? []) {
    const refusal = keyRefusal(key, fromEnv ? "OPENSYNC_API_KEY" : "--api-key");
    if (refusal) return { kind: "refused", complaint: refusal };
  }

  return {
    kind: "start",
    ...(apiKeys && { keyOrigin: fromEnv ? "OPENSYNC_API_KEY" : "--api-key" }),
    log: values.log ?? false,
    options: {
      host,
      port,
      seed,
      apiKeys,
      demo: values.demo ?? false,
      faults: { rate },
      rateLimits: values["no-rate-limit"] ? false : undefined,
      deployed: values.deployed ?? false,
      legacyErrors: values["legacy-errors"] ?? false,
      noEmbeddings: values["no-embeddings"] ?? false,
    },
  };
}

const parse = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });

/** node:util's parse errors, reworded for someone at a terminal. */
function parseComplaint(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? "")?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = quoted.startsWith("-") ? quoted : `--${quoted}`;
      const near = closestFlag(flag);
      return `unknown option ${flag}: ${near ? `did you mean ${near}? ` : ""}see the options below`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return (
        `unexpected argument ${JSON.stringify(quoted)}: every setting is a --flag (for a port, --port ` +
        `${quoted || "N"})`
      );
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      if (/does not take an argument/.test(message ?? ""))
        return `${flag} takes no value: write ${flag} alone to turn it on`;
      // "argument missing", or "ambiguous": the next word starts with a dash.
      return `${flag} needs a value: write ${flag} <value> (a value that starts with "-" as ${flag}=<value>)`;
    }
    default:
      return `${message ?? String(error)}: see the options below`;
  }
}

const FLAGS = Object.entries(OPTIONS).map(([name]) => `--${name}`);

/** The known flag nearest to a mistyped one (`--fault_rate`, `--rate-limit`), if one is close. */
function closestFlag(flag: string): string | undefined {
  const wanted = flag.replace(/^-+/, "--").replace(/_/g, "-").toLowerCase();
  let best: { flag: string; distance: number } | undefined;
  for (const known of FLAGS) {
    const distance = editDistance(wanted, known);
    if (!best || distance < best.distance) best = { flag: known, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 4)) ? best.flag : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** A whole number in range, its default when absent, or the complaint. */
function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  hint: string,
): number | string {
  if (raw === undefined) return fallback;
  const n = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    return `--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)} (${hint})`;
  return n;
}

function faultRate(raw: string | undefined): number | string {
  if (raw === undefined) return 0;
  const n = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    return `--fault-rate must be a number from 0 to 1, not ${JSON.stringify(raw)} (0.2 faults one request in five)`;
  return n;
}

/**
 * Why the opensync-api client would refuse this key, if it would: a sandbox that accepted a key
 * no client can send would be no use. The client's own check decides (one rule, not two); its
 * message never echoes the key, and neither does this.
 */
function keyRefusal(key: string, origin: string): string | undefined {
  try {
    createOpenSyncClient({ baseUrl: "http://127.0.0.1", apiKey: key });
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return (
      `${origin} would be refused by the opensync-api client, which says: ${error.message}. Pass a key of that ` +
      `shape, or leave ${origin} out for a demo key`
    );
  }
}

/**
 * The keys to start with on `host`: those given, else none (the sandbox then makes its demo key
 * from the seed, the same on every run: fine on loopback, where only this machine can use it),
 * else, on an address other machines can reach, one unguessable key. Loopback is the client's rule.
 */
export function apiKeysFor(
  host: string,
  given: string[] | undefined,
  unguessableKey = () => `osk_${randomBytes(24).toString("base64url")}`,
): string[] | undefined {
  return given ?? (isLoopback(host) ? undefined : [unguessableKey()]);
}
