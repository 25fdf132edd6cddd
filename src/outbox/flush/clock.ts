/**
 * The flusher's time: what it reads to decide (settle times, quiet windows, backoff, rate-limit
 * windows, deadlines) and how it waits. The system's by default; a test gives its own, so that
 * nothing injectable is waited out in real time.
 */
import { sleep } from "../../transport/sleep.js";

export interface OutboxClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: OutboxClock = { now: () => Date.now(), sleep };
