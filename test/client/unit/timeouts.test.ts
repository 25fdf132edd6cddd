/**
 * TimeoutSignals: attempts that start within one short window share a signal, which aborts with
 * AttemptTimeout `timeoutMs` after the window began: at most one window early, never late.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AttemptTimeout, TimeoutSignals } from "../../../src/transport/timeouts.js";

/** A clock reading that starts a window for every window size used here (1, 5 and 10 ms). */
const WINDOW_START = 1_700_000_000_000;

describe("with a fake clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(WINDOW_START);
  });
  afterEach(() => vi.useRealTimers());

  it("aborts with AttemptTimeout exactly timeoutMs after the window began", async () => {
    const signal = new TimeoutSignals(1000).next();
    await vi.advanceTimersByTimeAsync(999);
    expect(signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(AttemptTimeout);
    expect(signal.reason).toMatchObject({ name: "AttemptTimeout", message: "attempt timed out after 1000 ms" });
  });

  it("gives attempts within one window the same signal, so one started late in it gets at most a window less", async () => {
    const timeouts = new TimeoutSignals(1000);
    const first = timeouts.next();
    await vi.advanceTimersByTimeAsync(9);
    const late = timeouts.next();
    expect(late).toBe(first);
    await vi.advanceTimersByTimeAsync(990);
    expect(late.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // 991 ms after it was handed out: one window (10 ms) short of 1000, at most.
    expect(late.aborted).toBe(true);
  });

  it("opens a new signal in the next window, which aborts timeoutMs after that window began", async () => {
    const timeouts = new TimeoutSignals(1000);
    const first = timeouts.next();
    await vi.advanceTimersByTimeAsync(10);
    const second = timeouts.next();
    expect(second).not.toBe(first);
    await vi.advanceTimersByTimeAsync(990);
    expect([first.aborted, second.aborted]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(10);
    expect(second.aborted).toBe(true);
  });

  it.each([
    [50, 1],
    [500, 5],
    [1000, 10],
    [30_000, 10],
  ])("timeoutMs %i has a window of %i ms (1 %, from 1 to 10 ms)", async (timeoutMs, windowMs) => {
    const timeouts = new TimeoutSignals(timeoutMs);
    const first = timeouts.next();
    if (windowMs > 1) {
      await vi.advanceTimersByTimeAsync(windowMs - 1);
      expect(timeouts.next()).toBe(first);
    }
    await vi.advanceTimersByTimeAsync(1);
    expect(timeouts.next()).not.toBe(first);
  });

  it("hands out a fresh signal once a window's signal has aborted", async () => {
    const timeouts = new TimeoutSignals(100);
    const first = timeouts.next();
    await vi.advanceTimersByTimeAsync(100);
    const next = timeouts.next();
    expect(first.aborted).toBe(true);
    expect(next.aborted).toBe(false);
  });

  it("keeps timeoutMs for the errors built from it", () => {
    expect(new TimeoutSignals(2500).timeoutMs).toBe(2500);
  });

  describe("joined with the caller's signal", () => {
    it("without a caller, is the shared timeout signal itself", () => {
      const timeouts = new TimeoutSignals(1000);
      expect(timeouts.joined(null)).toBe(timeouts.next());
      expect(timeouts.joined(undefined)).toBe(timeouts.next());
    });

    it("aborts with the caller's reason when the caller aborts first", () => {
      const caller = new AbortController();
      const joined = new TimeoutSignals(1000).joined(caller.signal);
      const reason = new Error("user cancelled");
      caller.abort(reason);
      expect(joined.aborted).toBe(true);
      expect(joined.reason).toBe(reason);
    });

    it("aborts with AttemptTimeout when the timeout comes first, the caller's signal untouched", async () => {
      const caller = new AbortController();
      const joined = new TimeoutSignals(1000).joined(caller.signal);
      await vi.advanceTimersByTimeAsync(1000);
      expect(joined.reason).toBeInstanceOf(AttemptTimeout);
      expect(caller.signal.aborted).toBe(false);
    });
  });
});

describe("with the real clock", () => {
  it("a pending timeout does not keep the process alive", () => {
    const timers = () => process.getActiveResourcesInfo().filter((type) => type === "Timeout").length;
    const before = timers();
    new TimeoutSignals(60_000).next();
    expect(timers()).toBe(before);
    // The same count notices a timer that does keep the process alive.
    const held = setTimeout(() => {}, 60_000);
    expect(timers()).toBe(before + 1);
    clearTimeout(held);
  });
});
