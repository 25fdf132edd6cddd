/**
 * opensync-outbox: flush an outbox directory, or say what it holds.
 *   opensync-outbox flush  [--dir D] [--deadline-ms N] [--base-url URL]
 *   opensync-outbox status [--dir D] [--json]
 * Exit codes: 0 done (flush: the spool is empty), 1 records remain or the flush failed, 2 bad usage.
 */
import { parseArgs } from "node:util";
import { ConfigurationError } from "opensync-api";
import { createOutbox, defaultOutboxDir, readOutboxStatus } from "opensync-api/outbox";

const USAGE = `usage: opensync-outbox flush [--dir D] [--deadline-ms N] [--base-url URL]
       opensync-outbox status [--dir D] [--json]
Environment: OPENSYNC_BASE_URL and OPENSYNC_API_KEY (flush), OPENSYNC_OUTBOX_DIR (default ${defaultOutboxDir()}).
flush exits 0 when the spool is empty, 1 when records remain; both exit 2 on bad usage.`;

const DEFAULT_DEADLINE_MS = 60_000;

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

async function main(): Promise<number> {
  const { values, positionals } = readArgs();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (command !== "flush" && command !== "status")
    usage(command === undefined ? "a command is required" : `unknown command: ${command}`);
  if (extra.length > 0) usage(`unexpected argument: ${extra[0]}`);
  const dir = values.dir ?? defaultOutboxDir();

  if (command === "status") {
    if (values["deadline-ms"] !== undefined || values["base-url"] !== undefined)
      usage("status takes only --dir and --json");
    const status = await readOutboxStatus(dir);
    if (values.json) console.log(JSON.stringify(status));
    else {
      const age = status.oldestPendingAgeMs === null ? "none" : `${(status.oldestPendingAgeMs / 1000).toFixed(1)} s`;
      console.log(
        `${status.dir}: ${status.pending} pending (${status.inFlight} in flight), ${status.rejected} rejected, ` +
          `oldest pending: ${age}`,
      );
    }
    return 0;
  }

  if (values.json) usage("flush does not take --json");
  let deadlineMs = DEFAULT_DEADLINE_MS;
  if (values["deadline-ms"] !== undefined) {
    deadlineMs = Number(values["deadline-ms"]);
    if (!/^\d+$/.test(values["deadline-ms"]) || deadlineMs <= 0)
      usage("--deadline-ms must be a positive whole number of milliseconds");
  }
  const outbox = openOutbox(dir, values["base-url"]);
  try {
    const report = await outbox.flush({ deadlineMs });
    const busy = report.busy ? " (another flush held the lock throughout)" : "";
    console.log(
      `sent ${report.sent}, pending ${report.pending}, rejected ${report.rejected}, requests ${report.requests}${busy}`,
    );
    return report.pending === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigurationError) usage(error.message);
    console.error(`opensync-outbox: flush failed: ${error instanceof Error ? error.message : String(error)}`);
    const status = await readOutboxStatus(dir).catch(() => undefined);
    return status?.pending === 0 ? 0 : 1;
  } finally {
    await outbox.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`opensync-outbox: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
