/**
 * What an outbox holds, read without taking the flush lock (a flush may be running): records not
 * yet delivered, those in flight (sent, outcome unknown), dead letters, the oldest pending record.
 */
import { resolve } from "node:path";
import { readDeadLetterFile } from "./dead-letter.js";
import { pendingCount } from "./flusher.js";
import { layoutOf } from "./layout.js";
import { Spool } from "./spool.js";

export interface OutboxStatus {
  dir: string;
  /** Records enqueued and not yet delivered or dead-lettered. */
  pending: number;
  /** Sessions and messages sent whose outcome is not known yet (they will be resent or read back). */
  inFlight: number;
  /** Lines in dead-letter.jsonl: records the server refused. */
  rejected: number;
  /** Age of the oldest pending record, in ms; null when nothing is pending. */
  oldestPendingAgeMs: number | null;
}

export async function readOutboxStatus(dir: string): Promise<OutboxStatus> {
  const layout = layoutOf(resolve(dir));
  const spool = new Spool(layout.spool);
  await spool.refresh();
  const { pending, oldest, inFlight } = await pendingCount(layout, spool);
  const rejected = (await readDeadLetterFile(layout.deadLetter)).length;
  return {
    dir: layout.dir,
    pending,
    inFlight,
    rejected,
    oldestPendingAgeMs: oldest === undefined ? null : Math.max(0, Date.now() - oldest),
  };
}
