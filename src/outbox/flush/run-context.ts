/**
 * What the parts of a flush share: the loop (flush-run.ts) gives it to the sender (sender.ts) and
 * to the read-back (read-back.ts).
 */
import type { OpenSyncClient } from "opensync-api";
import type { FlushFailure } from "../failure.js";
import type { ResolvedOutboxOptions } from "../options.js";
import type { Journal } from "../state/journal.js";
import type { OutboxClock } from "./clock.js";
import type { FlushReport } from "./flusher.js";
import type { Pacing } from "./pacing.js";
import type { Delivery } from "./planner.js";

export interface RunContext {
  readonly config: ResolvedOutboxOptions;
  readonly journal: Journal;
  readonly report: FlushReport;
  readonly signal: AbortSignal | undefined;
  readonly deadline: number;
  readonly pacing: Pacing;
  readonly clock: OutboxClock;
  /** Made on first use: a flush with nothing to send needs no server configuration. */
  client(): OpenSyncClient;
  /** Checks, before a request leaves, that the lock is still held (else the flush stops). */
  checkLock(): Promise<void>;
  /** Remembers why a request failed (the report's lastError). */
  noteFailure(failure: FlushFailure | undefined): void;
  /** Writes records the server refused to dead-letter.jsonl, then marks them done. */
  deadLetter(refused: [Delivery, string][]): Promise<void>;
}

/** Ends the flush quietly (the signal, or the lock taken over). */
export class StopFlush extends Error {}
