/**
 * What the sandbox remembers of the requests it answered: the last RECENT of them, for tests
 * (`sandbox.requests()`), and each one as it ends for `--log`. A record holds the method, the path
 * (never the query, which carries what users search for), the status, the time taken and the
 * fault that answered it, if one did; never a header or a body.
 */
import type { FaultKind } from "../faults/injector.js";

export interface RequestRecord {
  method: string;
  /** The path alone, without the query. */
  path: string;
  /** The status answered; a dropped connection (a reset fault) records what was left: 502. */
  status: number;
  /** Milliseconds from the request's arrival to its answer. */
  ms: number;
  /** The fault that answered or delayed it (forced with X-Sandbox-Fault, or drawn at random). */
  fault?: FaultKind;
}

/** The fault a request's context was answered with, set by the fault step (pipeline.ts). */
export const faultOf = new WeakMap<object, FaultKind>();

/** How many requests `requests()` remembers. */
export const RECENT = 1000;

export class RequestLog {
  private readonly recent: RequestRecord[] = [];

  constructor(private readonly onRequest?: (record: RequestRecord) => void) {}

  add(record: RequestRecord): void {
    if (this.recent.push(record) > RECENT) this.recent.shift();
    this.onRequest?.(record);
  }

  /** The recent requests, oldest first (a copy). */
  list(): RequestRecord[] {
    return [...this.recent];
  }
}

/** One line of `--log`: `GET /api/stats 200 3 ms`, and the fault when there was one. */
export function requestLine(record: RequestRecord): string {
  const fault = record.fault ? ` fault=${record.fault}` : "";
  return `${record.method} ${record.path} ${record.status} ${Math.round(record.ms)} ms${fault}`;
}
