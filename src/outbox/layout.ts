/**
 * Where things live in an outbox directory:
 *   spool/<segment>.seg   records, one file per producer (see segment-writer.ts)
 *   journal/state.json    the flusher's delivery state, and journal/log, what changed since
 *   flush.lock            which process is flushing (see flush-lock.ts)
 *   dead-letter.jsonl     records the server refused, one JSON object per line, with its message
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
  };
}

export const SEGMENT_SUFFIX = ".seg";
