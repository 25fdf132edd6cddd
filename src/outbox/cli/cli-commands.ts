/**
 * The opensync-outbox commands other than flush's option handling (cli.ts): what each prints and
 * its exit code. They use the package's public outbox API, as a user's program would.
 */
import {
  appendFlushLog,
  describeFailure,
  type FlushReport,
  OutboxMissingError,
  type OutboxStatus,
  readDeadLetters,
  readOutboxStatus,
  requeueDeadLetters,
} from "opensync-api/outbox";

/** What a flush did, on one line (with why it failed, when records remain). */
export function flushLine(report: FlushReport): string {
  let line = `sent ${report.sent}, pending ${report.pending}, rejected ${report.rejected}, requests ${report.requests}`;
  if (report.unchanged > 0) line += `, unchanged ${report.unchanged}`;
  if (report.damaged > 0) line += `, damaged ${report.damaged} (kept in quarantine.jsonl)`;
  if (report.elsewhere > 0) line += `; ${report.elsewhere} pending for other servers or accounts`;
  if (report.busy) line += " (another flush is running: it delivers them)";
  if (report.lastError && report.pending > 0) line += `; last error: ${describeFailure(report.lastError)}`;
  return line;
}

/** flush.log, for flushes nobody watches; a log that cannot be written does not fail the flush. */
export async function logFlush(dir: string, line: string): Promise<void> {
  await appendFlushLog(dir, line).catch(() => {});
}

async function status(dir: string): Promise<OutboxStatus | undefined> {
  try {
    return await readOutboxStatus(dir);
  } catch (error) {
    if (!(error instanceof OutboxMissingError)) throw error;
    console.error(`opensync-outbox: ${error.message}`);
    return undefined;
  }
}

export async function statusCommand(dir: string, json: boolean): Promise<number> {
  const found = await status(dir);
  if (!found) return 1;
  if (json) {
    console.log(JSON.stringify(found));
    return 0;
  }
  const age = found.oldestPendingAgeMs === null ? "none" : `${(found.oldestPendingAgeMs / 1000).toFixed(1)} s`;
  const damaged = found.damaged > 0 ? `, ${found.damaged} damaged (kept in quarantine.jsonl)` : "";
  const lines = [
    `${found.dir}: ${found.pending} pending (${found.inFlight} in flight), ${found.rejected} rejected${damaged}, ` +
      `oldest pending: ${age}`,
  ];
  for (const d of found.destinations)
    if (d.server !== null) lines.push(`  ${d.pending} pending for ${d.server} (account ${d.account})`);
  if (found.lastError) lines.push(`  last error (${found.lastError.at}): ${describeFailure(found.lastError)}`);
  console.log(lines.join("\n"));
  return 0;
}

export async function deadLettersCommand(dir: string, json: boolean): Promise<number> {
  if (!(await status(dir))) return 1;
  const letters = await readDeadLetters(dir);
  if (json) console.log(JSON.stringify(letters));
  else if (letters.length === 0) console.log("no dead letters");
  else for (const l of letters) console.log(`${l.at} ${l.kind} ${l.externalId}: ${l.error}`);
  return 0;
}

export async function requeueCommand(dir: string, which: string[] | "all"): Promise<number> {
  if (!(await status(dir))) return 1;
  const { requeued, notFound } = await requeueDeadLetters(dir, which);
  console.log(`requeued ${requeued}`);
  if (notFound.length > 0) console.error(`opensync-outbox: no dead letter for ${notFound.join(", ")}`);
  return notFound.length > 0 ? 1 : 0;
}
