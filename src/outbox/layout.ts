/**
 * Where things live in an outbox directory:
 *   spool/<segment>.seg   records, one file per producer (see spool/segment-writer.ts)
 *   journal/state.json    the flusher's delivery state, and journal/log, what changed since
 *   flush.lock            which process is flushing (see flush/flush-lock.ts)
 *   dead-letter.jsonl     records the server refused, one JSON object per line, with its message
 *   quarantine.jsonl      damaged spool lines, their bytes intact (see spool/quarantine.ts)
 *   flush.log             what each flush of the command line did, and why it failed (bounded)
 *   last-error.json       the last failure of a flush that left records pending, and when
 */
import { join } from "node:path";

export interface OutboxLayout {
  dir: string;
  spool: string;
  journal: string;
  snapshot: string;
  log: string;
  lock: string;
  deadLetter: string;
  quarantine: string;
  flushLog: string;
  lastError: string;
}

export function layoutOf(dir: string): OutboxLayout {
  const journal = join(dir, "journal");
  return {
    dir,
    spool: join(dir, "spool"),
    journal,
    snapshot: join(journal, "state.json"),
    log: join(journal, "log"),
    lock: join(dir, "flush.lock"),
    deadLetter: join(dir, "dead-letter.jsonl"),
    quarantine: join(dir, "quarantine.jsonl"),
    flushLog: join(dir, "flush.log"),
    lastError: join(dir, "last-error.json"),
  };
}

export const SEGMENT_SUFFIX = ".seg";
