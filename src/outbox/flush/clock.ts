/**
 * The flusher's time: what it reads to decide (settle times, quiet windows, backoff, rate-limit
 * windows, deadlines) and how it waits. The system's by default; a test gives its own, so that
 * nothing injectable is waited out in real time. The outbox runs on Node only, so the system's wait
 * is Node's own timer rather than a reach into the client's transport.
 */
import { setTimeout as wait } from "node:timers/promises";

export interface OutboxClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: OutboxClock = {
  now: () => Date.now(),
  // Node rejects with an AbortError that wraps the reason: rethrow the reason itself, as the interface says.
  sleep: (ms, signal) =>
    wait(ms, undefined, signal ? { signal } : {}).catch((error: unknown) => {
      throw signal?.aborted ? signal.reason : error;
    }),
};
