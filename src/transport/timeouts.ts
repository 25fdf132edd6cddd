/**
 * Per-attempt timeouts without a new AbortController per call. Creating an AbortSignal is among
 * the costliest things a fetch does in Node (BENCHMARKS.md, per-call overhead), so attempts that
 * start within the same short window share one signal, aborted `timeoutMs` after the window began.
 * An attempt therefore times out at most one window early (1 % of timeoutMs, at most 10 ms) and
 * never late. The signal is handed to fetch with each attempt (see create-transport.ts); fetch ties
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
  /** The window whose signal is `signal`: attempts only ever ask for the current one. */
  declare private window: number;
  declare private signal: AbortSignal;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.windowMs = Math.max(1, Math.min(10, Math.floor(timeoutMs / 100)));
    this.window = -1;
  }

  /** A signal that aborts with AttemptTimeout within [timeoutMs - window, timeoutMs] from now. */
  next(): AbortSignal {
    const window = Math.floor(Date.now() / this.windowMs);
    if (window !== this.window) {
      const controller = new AbortController();
      this.window = window;
      this.signal = controller.signal;
      const timer = setTimeout(
        () => controller.abort(new AttemptTimeout(`attempt timed out after ${this.timeoutMs} ms`)),
        window * this.windowMs + this.timeoutMs - Date.now(),
      );
      // A pending timeout must not keep a Node process alive by itself.
      (timer as { unref?: () => void }).unref?.();
    }
    return this.signal;
  }

  /** A fresh timeout joined with the caller's signal, if any. */
  joined(caller: AbortSignal | null | undefined): AbortSignal {
    return caller ? AbortSignal.any([caller, this.next()]) : this.next();
  }
}
