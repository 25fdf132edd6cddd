/**
 * The sandbox as startSandbox serves it, plus a log of every request's arrival (time, method, path):
 * what a test needs to check how fast a client really sent, whatever the client says about itself.
 */
import type { FaultKind } from "../../sandbox/faults/injector.js";
import type { RunningSandbox, StartSandboxOptions } from "../../sandbox/index.js";
import { startSandbox } from "../../sandbox/index.js";

export interface Arrival {
  at: number;
  method: string;
  path: string;
  /** From its arrival to its answer: for a request a slow fault held, when its write ran. */
  ms: number;
  fault: FaultKind | undefined;
}

export interface ObservedSandbox extends RunningSandbox {
  arrivals: Arrival[];
}

export async function startObservedSandbox(options: StartSandboxOptions = {}): Promise<ObservedSandbox> {
  const arrivals: Arrival[] = [];
  const sandbox = await startSandbox({
    ...options,
    // The sandbox tells of each request as it answers it, with the milliseconds since it arrived.
    onRequest: (record) => {
      const { method, path, ms, fault } = record;
      arrivals.push({ at: Date.now() - ms, method, path, ms, fault });
      options.onRequest?.(record);
    },
  });
  return { ...sandbox, arrivals };
}

/** The most requests matching `filter` that arrived within any `windowMs` (a sliding window). */
export function busiestWindow(arrivals: readonly Arrival[], windowMs: number, filter: (a: Arrival) => boolean): number {
  const times = arrivals
    .filter(filter)
    .map((a) => a.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
