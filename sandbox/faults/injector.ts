/**
 * Faults on demand. A client forces one with the sandbox-only header
 *   X-Sandbox-Fault: <500|502|503|429|reset|slow|reset-after|500-after>[; count=N][; retry-after=S][;
 * retry-after-ms=MS][; delay=MS]
 * which applies to that request and the next N-1 made with the same key. Each distinct header value
 * arms once per key: a retrying client repeats the header, and its retries must consume the fault,
 * not re-arm it (add `; id=<anything>` to arm the same fault again). Random faults come from a
 * seeded PRNG at a configured rate, so a run can be replayed. Most faults are answered before the
 * operation runs: a faulted write has not happened, and retrying it is safe. `reset-after` and
 * `500-after` let the operation run and then lose its answer (the write happened): the ambiguous
 * failure that makes repeating a write unsafe. Random faults draw only from the first kinds
 * unless `kinds` names the others.
 *
 * `Retry-After` is never 0: the contract's delay-seconds are at least 1, so `retry-after=0` is
 * refused and a finer delay (`retry-after-ms`, from 0) rounds `Retry-After` up to at least 1.
 */
import type { Random } from "../utils/random.js";

/** Faults answered before the operation runs: what random faults draw from by default. */
export const BEFORE_WRITE_FAULT_KINDS = ["500", "502", "503", "429", "reset", "slow"] as const;
/** Faults answered after the operation ran, instead of its answer. */
export const AFTER_WRITE_FAULT_KINDS = ["reset-after", "500-after"] as const;
export const FAULT_KINDS = [...BEFORE_WRITE_FAULT_KINDS, ...AFTER_WRITE_FAULT_KINDS] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type AfterWriteFaultKind = (typeof AFTER_WRITE_FAULT_KINDS)[number];

export const isAfterWrite = (fault: Fault): fault is Fault & { kind: AfterWriteFaultKind } =>
  (AFTER_WRITE_FAULT_KINDS as readonly string[]).includes(fault.kind);

export interface Fault {
  kind: FaultKind;
  /** At least 1 (see retryAfterHeaders). */
  retryAfterSeconds: number;
  /** When set, 429s also send `retry-after-ms` (finer than Retry-After's whole seconds). */
  retryAfterMs?: number;
  delayMs: number;
}

export interface FaultOptions {
  /** Share of requests (0 to 1) that get a random fault. Default 0. */
  rate?: number;
  /** The kinds to draw from. Default: those answered before the operation runs (not `reset-after`, `500-after`). */
  kinds?: readonly FaultKind[];
  /** Retry-After of random 429s, in seconds (at least 1: a smaller value is sent as 1). Default 1. */
  retryAfterSeconds?: number;
  /** Instead: the delay of random 429s in ms, sent as `retry-after-ms` (and rounded up in Retry-After). */
  retryAfterMs?: number;
  /** Delay of random slow answers, in ms. Default 2000. */
  slowMs?: number;
}

interface Plan extends Fault {
  remaining: number;
}

export class FaultInjector {
  private readonly plans = new Map<string, Plan>();
  private readonly armed = new Map<string, Set<string>>();
  private readonly kinds: readonly FaultKind[];
  injected = 0;

  constructor(
    private readonly options: FaultOptions,
    private readonly random: Random,
  ) {
    this.kinds = options.kinds?.length ? options.kinds : BEFORE_WRITE_FAULT_KINDS;
  }

  /** The fault for this request, if any; `header` is the request's X-Sandbox-Fault. */
  next(key: string, header: string | null): Fault | { invalid: string } | undefined {
    if (header !== null) {
      const parsed = parseFaultHeader(header);
      if ("invalid" in parsed) return parsed;
      const seen = this.armed.get(key) ?? new Set<string>();
      this.armed.set(key, seen);
      if (!seen.has(header)) {
        seen.add(header);
        this.plans.set(key, parsed);
      }
    }
    const plan = this.plans.get(key);
    if (plan) {
      if (--plan.remaining <= 0) this.plans.delete(key);
      this.injected++;
      return plan;
    }
    const rate = this.options.rate ?? 0;
    if (rate > 0 && this.random() < rate) {
      this.injected++;
      return {
        kind: this.kinds[Math.floor(this.random() * this.kinds.length)]!,
        retryAfterSeconds:
          this.options.retryAfterMs !== undefined
            ? wholeSeconds(this.options.retryAfterMs)
            : Math.max(1, this.options.retryAfterSeconds ?? 1),
        retryAfterMs: this.options.retryAfterMs,
        delayMs: this.options.slowMs ?? 2000,
      };
    }
    return undefined;
  }
}

export function parseFaultHeader(header: string): Plan | { invalid: string } {
  const [kind, ...params] = header.split(";").map((s) => s.trim());
  if (!FAULT_KINDS.includes(kind as FaultKind))
    return { invalid: `X-Sandbox-Fault must be one of ${FAULT_KINDS.join(", ")}` };
  const plan: Plan = { kind: kind as FaultKind, remaining: 1, retryAfterSeconds: 1, delayMs: 2000 };
  for (const param of params) {
    const [name, value] = param.split("=").map((s) => s.trim());
    const n = Number(value);
    if (name === "id" && value) continue;
    if (!/^\d+$/.test(value ?? "") || n > 1_000_000)
      return { invalid: `X-Sandbox-Fault parameter ${name} must be a whole number` };
    if (name === "count") {
      if (n < 1) return { invalid: "X-Sandbox-Fault parameter count must be at least 1" };
      plan.remaining = n;
    } else if (name === "retry-after") {
      if (n < 1)
        return {
          invalid:
            "X-Sandbox-Fault parameter retry-after must be at least 1 (Retry-After delay-seconds); use " +
            "retry-after-ms for shorter delays",
        };
      plan.retryAfterSeconds = n;
    } else if (name === "retry-after-ms") {
      plan.retryAfterMs = n;
      plan.retryAfterSeconds = wholeSeconds(n);
    } else if (name === "delay") plan.delayMs = Math.min(n, 60_000);
    else return { invalid: `X-Sandbox-Fault has an unknown parameter: ${name}` };
  }
  return plan;
}

/** A delay in ms as `Retry-After` delay-seconds: rounded up, and at least 1. */
const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The delay headers of a 429 or 503 fault: `Retry-After`, plus `retry-after-ms` when one was asked for. */
export function retryAfterHeaders(fault: Fault): Record<string, string> {
  return {
    "Retry-After": String(Math.max(1, fault.retryAfterSeconds)),
    ...(fault.retryAfterMs === undefined ? {} : { "retry-after-ms": String(fault.retryAfterMs) }),
  };
}
