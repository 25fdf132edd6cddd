/**
 * What an outbox holds, read without taking the flush lock (a flush may be running): records not
 * yet delivered (per destination), those in flight (sent, outcome unknown), dead letters, damaged
 * lines kept in quarantine, the oldest pending record, the last failure of a flush.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseDestination } from "../destination.js";
import type { FlushFailure } from "../failure.js";
import { layoutOf } from "../layout.js";
import { readQuarantine } from "../spool/quarantine.js";
import { Spool } from "../spool/spool.js";
import { readDeadLetterFile } from "./dead-letter.js";
import { pendingCount } from "./pending.js";

export interface PendingForDestination {
  /** The server (null: records enqueued without a server and key, delivered by any flush). */
  server: string | null;
  /** A fingerprint of the account's API key (never the key). */
  account: string | null;
  pending: number;
}

export interface OutboxStatus {
  dir: string;
  /** Records enqueued and not yet delivered or dead-lettered. */
  pending: number;
  /** The same, per destination (server and account). */
  destinations: PendingForDestination[];
  /** Sessions and messages sent whose outcome is not known yet (they will be resent or read back). */
  inFlight: number;
  /** Lines in dead-letter.jsonl: records the server refused. */
  rejected: number;
  /** Damaged spool lines: kept in quarantine.jsonl, or found and about to be. */
  damaged: number;
  /** Age of the oldest pending record, in ms; null when nothing is pending. */
  oldestPendingAgeMs: number | null;
  /** Why the last flush that left records pending failed, and when; null when the last flush delivered all. */
  lastError: (FlushFailure & { server?: string }) | null;
}

/** Thrown when the directory does not exist: a status of "0 pending" would hide a typo. */
export class OutboxMissingError extends Error {
  override name = "OutboxMissingError";
}

/** Rejects with OutboxMissingError when `dir` does not exist, unless `missingOk` (an outbox not used yet). */
export async function readOutboxStatus(dir: string, { missingOk = false } = {}): Promise<OutboxStatus> {
  const layout = layoutOf(resolve(dir));
  const info = await stat(layout.dir).catch(() => undefined);
  if (!info?.isDirectory() && !missingOk) throw new OutboxMissingError(`no outbox directory at ${layout.dir}`);
  const spool = new Spool(layout.spool);
  await spool.refresh();
  const { pending, byDestination, oldest, inFlight } = await pendingCount(layout, spool);
  const rejected = (await readDeadLetterFile(layout.deadLetter)).length;
  const quarantined = await readQuarantine(layout.quarantine);
  const kept = new Set(quarantined.map((line) => `${line.segment}#${line.offset}`));
  const unkept = [...spool.damaged()].filter((line) => !kept.has(`${line.segment}#${line.offset}`)).length;
  const destinations = [...byDestination].map(([key, count]) => {
    if (key === "") return { server: null, account: null, pending: count };
    const { url, account } = parseDestination(key);
    return { server: url, account, pending: count };
  });
  const lastError = await readFile(layout.lastError, "utf8").then(
    (json) => JSON.parse(json) as OutboxStatus["lastError"],
    () => null,
  );
  return {
    dir: layout.dir,
    pending,
    destinations,
    inFlight,
    rejected,
    damaged: quarantined.length + unkept,
    oldestPendingAgeMs: oldest === undefined ? null : Math.max(0, Date.now() - oldest),
    lastError,
  };
}
