/**
 * Shared pieces of the client tests: a key that is valid but recognisable, a client aimed at a
 * fault server with delays small enough for tests, and a way to capture a rejection.
 */
import { createOpenSyncClient, type OpenSyncClientOptions } from "../../src/index.js";
import type { FaultServer } from "./fault-server.js";

/** Shaped like a real key (osk_ + 32 URL-safe characters), so redaction cannot lean on an odd shape. */
export const KEY = "osk_TestKey0123456789abcdefghijKLMN";

/** Retries with tiny, jitter-free delays: 5, 10, 20 ms. */
export const FAST_RETRY = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, jitter: 0 } as const;

export function clientFor(server: FaultServer, options: OpenSyncClientOptions = {}) {
  return createOpenSyncClient({ baseUrl: server.url, apiKey: KEY, retry: FAST_RETRY, timeoutMs: 2_000, ...options });
}

/** The rejection of a promise that must reject (a resolution fails the test). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** Forgets what earlier tests scripted and recorded. */
export function reset(server: FaultServer): void {
  server.clear();
  server.attempts.length = 0;
}

export const EMPTY_PAGE = { sessions: [] } as const;
