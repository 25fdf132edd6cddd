/**
 * The retry policy's arithmetic and rules: the options over their defaults and their checks, the
 * backoff (doubling, capped, jitter within its share), and which statuses are worth another try.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../../../src/errors/configuration-error.js";
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableStatus,
  type ResolvedRetry,
  resolveRetry,
} from "../../../src/transport/retry-options.js";

afterEach(() => vi.restoreAllMocks());

describe("resolveRetry", () => {
  it("has the documented defaults: 3 retries from 1 s, doubling up to 8 s, Retry-After up to 60 s, a quarter of jitter", () => {
    expect(DEFAULT_RETRY).toEqual({
      maxRetries: 3,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      jitter: 0.25,
    });
    expect(resolveRetry(undefined)).toEqual(DEFAULT_RETRY);
    expect(resolveRetry({})).toEqual(DEFAULT_RETRY);
  });

  it("does not share the defaults object: a resolved policy can be changed without changing them", () => {
    const resolved = resolveRetry({})!;
    resolved.maxRetries = 9;
    expect(DEFAULT_RETRY.maxRetries).toBe(3);
  });

  it("takes each option given over its default, and the default for one given as undefined", () => {
    expect(
      resolveRetry({ maxRetries: 5, baseDelayMs: 10, maxDelayMs: undefined, maxRetryAfterMs: 0, jitter: 0.5 }),
    ).toEqual({
      maxRetries: 5,
      baseDelayMs: 10,
      maxDelayMs: 8000,
      maxRetryAfterMs: 0,
      jitter: 0.5,
    });
  });

  it.each([
    [true, 0.25],
    [false, 0],
    [0, 0],
    [1, 1],
    [undefined, 0.25],
  ])("jitter %j is a share of %d", (jitter, share) => {
    expect(resolveRetry({ jitter })!.jitter).toBe(share);
  });

  it("false, and maxRetries 0, mean no retrying at all", () => {
    expect(resolveRetry(false)).toBeNull();
    expect(resolveRetry({ maxRetries: 0 })).toBeNull();
  });

  it.each([
    [{ maxRetries: -1 }, "retry.maxRetries must be a finite number >= 0"],
    [{ baseDelayMs: Number.NaN }, "retry.baseDelayMs must be a finite number >= 0"],
    [{ maxDelayMs: Number.POSITIVE_INFINITY }, "retry.maxDelayMs must be a finite number >= 0"],
    [{ maxRetryAfterMs: "5" as unknown as number }, "retry.maxRetryAfterMs must be a finite number >= 0"],
    [{ jitter: -0.1 }, "retry.jitter must be a finite number >= 0"],
    [{ jitter: 1.5 }, "retry.jitter must be between 0 and 1"],
  ])("refuses %j: %s", (options, message) => {
    expect(() => resolveRetry(options)).toThrow(ConfigurationError);
    expect(() => resolveRetry(options)).toThrow(message);
  });
});

describe("backoffDelay", () => {
  const policy = (overrides: Partial<ResolvedRetry> = {}): ResolvedRetry => ({ ...DEFAULT_RETRY, ...overrides });

  it("without jitter, doubles from baseDelayMs after each failed attempt, up to maxDelayMs", () => {
    const retry = policy({ jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(retry, attempt))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("caps with a maxDelayMs that is not a power of two of the base", () => {
    const retry = policy({ baseDelayMs: 4, maxDelayMs: 10, jitter: 0 });
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(retry, attempt))).toEqual([4, 8, 10, 10]);
  });

  it("removes nothing when the random draw is 0, and the whole share as the draw nears 1", () => {
    const retry = policy({ jitter: 0.25 });
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(retry, attempt))).toEqual([1000, 2000, 4000, 8000]);
    vi.spyOn(Math, "random").mockReturnValue(1 - Number.EPSILON);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(retry, attempt))).toEqual([750, 1500, 3000, 6000]);
  });

  it("scales with the draw in between, and rounds to whole milliseconds", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect(backoffDelay(policy({ jitter: 0.5 }), 1)).toBe(750);
    vi.spyOn(Math, "random").mockReturnValue(0.3);
    // 1000 * (1 - 0.25 * 0.3) = 925; 3 * (1 - 0.25 * 0.3) = 2.775, rounded.
    expect(backoffDelay(policy(), 1)).toBe(925);
    expect(backoffDelay(policy({ baseDelayMs: 3 }), 1)).toBe(3);
  });

  it("with jitter 1, can remove the whole delay", () => {
    vi.spyOn(Math, "random").mockReturnValue(1 - Number.EPSILON);
    expect(backoffDelay(policy({ jitter: 1 }), 3)).toBe(0);
  });
});

describe("isRetryableStatus", () => {
  const none = new Headers();
  const retryable = (status: number, repeatable: boolean, headers = none) =>
    isRetryableStatus(status, headers, repeatable);

  it("retries a 429 whether or not the request may be repeated: the server refused before acting", () => {
    expect([retryable(429, true), retryable(429, false)]).toEqual([true, true]);
  });

  it.each([408, 500, 502, 503, 504, 599])("retries %i only for a request that may be repeated", (status) => {
    expect([retryable(status, true), retryable(status, false)]).toEqual([true, false]);
  });

  it.each([200, 204, 301, 400, 401, 403, 404, 409, 413, 422])("never retries %i", (status) => {
    expect([retryable(status, true), retryable(status, false)]).toEqual([false, false]);
  });

  it("believes a server's x-should-retry over the status, for any request", () => {
    const yes = new Headers({ "x-should-retry": "true" });
    const no = new Headers({ "x-should-retry": "false" });
    expect([retryable(503, false, yes), retryable(400, true, yes)]).toEqual([true, true]);
    expect([retryable(503, true, no), retryable(429, true, no)]).toEqual([false, false]);
  });

  it("ignores an x-should-retry that is neither true nor false", () => {
    const odd = new Headers({ "x-should-retry": "TRUE" });
    expect([retryable(503, true, odd), retryable(400, true, odd)]).toEqual([true, false]);
  });
});
