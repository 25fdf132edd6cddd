/**
 * opensync-outbox: flush an outbox directory, say what it holds, list or requeue dead letters.
 *   opensync-outbox flush  [--dir D] [--deadline-ms N] [--base-url URL]
 *   opensync-outbox status [--dir D] [--json]
 *   opensync-outbox dead-letters [--dir D] [--json]
 *   opensync-outbox requeue [--dir D] <externalId…|--all>
 * Exit codes: 0 done (flush: nothing of its destination is pending), 1 records remain, the flush
 * failed or the directory cannot be used, 2 bad usage.
 */
import { parseArgs } from "node:util";
import { ConfigurationError } from "opensync-api";
import { createOutbox, defaultOutboxDir } from "opensync-api/outbox";
import { deadLettersCommand, flushLine, logFlush, requeueCommand, statusCommand } from "./cli-commands.js";

const USAGE = `usage: opensync-outbox flush [--dir D] [--deadline-ms N] [--base-url URL]
       opensync-outbox status [--dir D] [--json]
       opensync-outbox dead-letters [--dir D] [--json]
       opensync-outbox requeue [--dir D] <externalId...|--all>
Environment: OPENSYNC_BASE_URL and OPENSYNC_API_KEY (flush, requeue),
OPENSYNC_OUTBOX_DIR (default ${defaultOutboxDir()}).
flush delivers the records of its server and account, and exits at once if a flush of the same server and
account is running (that one delivers them). flush exits 0 when none of its records remain, 1 when some do;
every command exits 1 when the directory cannot be used, 2 on bad usage.`;

const DEFAULT_DEADLINE_MS = 60_000;
const COMMANDS = ["flush", "status", "dead-letters", "requeue"] as const;

function usage(problem: string): never {
  console.error(`opensync-outbox: ${problem}`);
  console.error(USAGE);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: "string" },
        "deadline-ms": { type: "string" },
        "base-url": { type: "string" },
        json: { type: "boolean", default: false },
        all: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}

function openOutbox(dir: string, baseUrl: string | undefined): ReturnType<typeof createOutbox> {
  try {
    // The configuration is checked now, even if nothing is pending: a hook's flush should fail loudly at once.
    return createOutbox({
      dir,
      baseUrl: baseUrl ?? process.env.OPENSYNC_BASE_URL ?? "",
      apiKey: process.env.OPENSYNC_API_KEY ?? "",
    });
  } catch (error) {
    if (error instanceof ConfigurationError) usage(error.message);
    throw error;
  }
}

type Values = ReturnType<typeof readArgs>["values"];

async function flush(dir: string, values: Values): Promise<number> {
  if (values.json || values.all) usage("flush takes only --dir, --deadline-ms and --base-url");
  let deadlineMs = DEFAULT_DEADLINE_MS;
  if (values["deadline-ms"] !== undefined) {
    deadlineMs = Number(values["deadline-ms"]);
    if (!/^\d+$/.test(values["deadline-ms"]) || deadlineMs <= 0)
      usage("--deadline-ms must be a positive whole number of milliseconds");
  }
  const outbox = openOutbox(dir, values["base-url"]);
  try {
    const report = await outbox.flush({ deadlineMs, wait: false });
    const line = flushLine(report);
    console.log(line);
    await logFlush(dir, line);
    return report.pending === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigurationError) usage(error.message);
    if (isFileSystemError(error)) throw error;
    const why = `flush failed: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`opensync-outbox: ${why}`);
    await logFlush(dir, why).catch(() => {});
    return 1;
  } finally {
    await outbox.close();
  }
}

async function main(): Promise<number> {
  const { values, positionals } = readArgs();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number]))
    usage(command === undefined ? "a command is required" : `unknown command: ${command}`);
  if (command !== "requeue" && extra.length > 0) usage(`unexpected argument: ${extra[0]}`);
  const dir = values.dir ?? defaultOutboxDir();
  if (command === "flush") return flush(dir, values);
  if (values["deadline-ms"] !== undefined || values["base-url"] !== undefined)
    usage(`${command} takes only --dir${command === "requeue" ? "" : " and --json"}`);
  if (command === "status") return statusCommand(dir, values.json);
  if (command === "dead-letters") return deadLettersCommand(dir, values.json);
  if (values.json) usage("requeue takes only --dir, and external ids or --all");
  if (values.all === extra.length > 0) usage("requeue takes external ids, or --all");
  return requeueCommand(dir, values.all ? "all" : extra);
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === "string" && typeof e.syscall === "string";
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line that says what could not be done, where: never a stack trace.
    if (isFileSystemError(error)) {
      const where = error.path ? ` ${error.path}` : "";
      console.error(`opensync-outbox: cannot use the outbox directory: ${error.code} (${error.syscall}${where})`);
    } else console.error(`opensync-outbox: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
