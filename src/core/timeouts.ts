/**
 * Per-attempt timeouts without a new AbortController per call. Creating an AbortSignal is among
 * the costliest things a fetch does in Node (BENCHMARKS.md, per-call overhead), so attempts that
 * start within the same short window share one signal, aborted `timeoutMs` after the window began.
 * An attempt therefore times out at most one window early (1 % of timeoutMs, at most 10 ms) and
 * never late. The signal is handed to fetch with each attempt (see retrying-fetch.ts); fetch ties
 * the response body to it, so it bounds the headers and the body alike.
 */

/** The reason a timeout signal aborts with: tells a timeout apart from a caller's abort. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

export class TimeoutSignals {
  // Assigned in the constructor, not declared as fields (which bundles as one more line per field).
  declare readonly timeoutMs: number;
  declare private readonly windowMs: number;
  declare private readonly open: Map<number, AbortSignal>;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.windowMs = Math.max(1, Math.min(10, Math.floor(timeoutMs / 100)));
    this.open = new Map();
  }

  /** A signal that aborts with AttemptTimeout within [timeoutMs - window, timeoutMs] from now. */
  next(): AbortSignal {
    const window = Math.floor(Date.now() / this.windowMs);
    let signal = this.open.get(window);
    if (!signal) {
      const controller = new AbortController();
      signal = controller.signal;
      this.open.set(window, signal);
      const timer = setTimeout(
        () => {
          this.open.delete(window);
          controller.abort(new AttemptTimeout(`attempt timed out after ${this.timeoutMs} ms`));
        },
        window * this.windowMs + this.timeoutMs - Date.now(),
      );
      // A pending timeout must not keep a Node process alive by itself.
      (timer as { unref?: () => void }).unref?.();
    }
    return signal;
  }

  /** A fresh timeout joined with the caller's signal, if any. */
  joined(caller: AbortSignal | null | undefined): AbortSignal {
    return caller ? AbortSignal.any([caller, this.next()]) : this.next();
  }
}
