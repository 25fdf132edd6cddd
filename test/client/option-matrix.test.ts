/**
 * Every combination of the options that decide what a call does with an answer, as a matrix:
 *   retry off / `{ maxRetries: 0 }` / the default policy (3 retries; backoff shortened for tests)
 *   × attempt timeouts off / on
 *   × the server's answer, on every attempt: 2xx, 4xx, 429, 503
 *   × Retry-After: none, delay-seconds, an HTTP date, `retry-after-ms`
 *   × result style / `unwrap`.
 * Each cell talks to a loopback server of its own and asserts the exact outcome: the data or the
 * status and error class, the attempts made, and the server's delay reported as retryAfterMs.
 * An HTTP date is one second after the answer's own Date header, which the client measures it
 * from: its delay is exactly 1 s, whatever the client's clock says.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { ApiError, createOpenSyncClient, errorOf, type OpenSyncClientOptions, unwrap } from "../../src/index.js";
import { KEY } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

const STATS = { sessionCount: 1, messageCount: 2, totalTokens: 3, totalCost: 0.5, totalDurationMs: 4, modelUsage: {} };
const ENVELOPES = {
  404: { error: { code: "NOT_FOUND", message: "Not here" } },
  429: { error: { code: "RATE_LIMITED", message: "Slow down" } },
  503: { error: { code: "INTERNAL_ERROR", message: "Busy" } },
} as const;

const RETRY = {
  off: false,
  zero: { maxRetries: 0 },
  default: { baseDelayMs: 1, maxDelayMs: 4, jitter: 0 },
} as const satisfies Record<string, OpenSyncClientOptions["retry"]>;
const TIMEOUTS = { off: false, on: 2_000 } as const;
const STATUSES = [200, 404, 429, 503] as const;
/** The Retry-After headers, made afresh for each answer (an HTTP date is relative to its Date header). */
const RETRY_AFTER = {
  none: () => ({}),
  seconds: () => ({ "retry-after": "1" }),
  "HTTP date": (now: number) => ({
    date: new Date(now).toUTCString(),
    "retry-after": new Date(now + 1_000).toUTCString(),
  }),
  "retry-after-ms": () => ({ "retry-after-ms": "5" }),
} as const;
const STYLES = ["result", "unwrap"] as const;

type Status = (typeof STATUSES)[number];
type RetryAfter = keyof typeof RETRY_AFTER;

/** What the contract says must happen: GET is repeatable; 429 and 5xx are retried, other answers are final. */
function expected(retry: keyof typeof RETRY, status: Status, retryAfter: RetryAfter) {
  const retried = retry === "default" && (status === 429 || status === 503);
  return {
    attempts: retried ? 4 : 1,
    retryAfterMs: { none: undefined, seconds: 1000, "HTTP date": 1000, "retry-after-ms": 5 }[retryAfter],
  };
}

// The cells that sleep through a Retry-After of 1 s (delay-seconds has no smaller unit above 0, and
// the HTTP date's Date header carries whole seconds) take 3 s each: run them side by side.
vi.setConfig({ maxConcurrency: 24 });

const servers: FaultServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serverAnswering(status: Status, retryAfter: RetryAfter): Promise<FaultServer> {
  const server = await startFaultServer({
    handle: (_req, res) => {
      res.writeHead(status, { "content-type": "application/json", ...RETRY_AFTER[retryAfter](Date.now()) });
      res.end(JSON.stringify(status === 200 ? STATS : ENVELOPES[status]));
    },
  });
  servers.push(server);
  return server;
}

const cells = Object.keys(RETRY).flatMap((retry) =>
  Object.keys(TIMEOUTS).flatMap((timeouts) =>
    STATUSES.flatMap((status) =>
      (Object.keys(RETRY_AFTER) as RetryAfter[]).flatMap((retryAfter) =>
        STYLES.map(
          (style) =>
            [retry as keyof typeof RETRY, timeouts as keyof typeof TIMEOUTS, status, retryAfter, style] as const,
        ),
      ),
    ),
  ),
);

describe.concurrent("the option matrix", () => {
  it("has every cell", () => expect(cells).toHaveLength(3 * 2 * 4 * 4 * 2));

  it.each(cells)(
    "retry %s, timeouts %s, answer %i, Retry-After %s, %s style",
    async (retry, timeouts, status, retryAfter, style) => {
      const server = await serverAnswering(status, retryAfter);
      const client = createOpenSyncClient({
        baseUrl: server.url,
        apiKey: KEY,
        retry: RETRY[retry],
        timeoutMs: TIMEOUTS[timeouts],
      });
      const want = expected(retry, status, retryAfter);

      if (style === "result") {
        const result = await client.GET("/api/stats");
        expect(result.response.status).toBe(status);
        if (status === 200) {
          expect(result.data).toEqual(STATS);
          expect(result.error).toBeUndefined();
          expect(errorOf(result)).toBeUndefined();
        } else {
          expect(result.data).toBeUndefined();
          expect(result.error).toEqual(ENVELOPES[status]);
          const error = errorOf(result) as ApiError;
          expect(error).toBeInstanceOf(ApiError);
          expect(error).toMatchObject({ status, attempts: want.attempts, method: "GET", path: "/api/stats" });
          expect(error.retryAfterMs).toBe(want.retryAfterMs);
        }
      } else if (status === 200) {
        expect(await unwrap(client.GET("/api/stats"))).toEqual(STATS);
      } else {
        const error = await unwrap(client.GET("/api/stats")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({
          status,
          code: ENVELOPES[status].error.code,
          attempts: want.attempts,
          message: `GET /api/stats: ${status} ${ENVELOPES[status].error.code}: ${ENVELOPES[status].error.message}`,
        });
        expect((error as ApiError).retryAfterMs).toBe(want.retryAfterMs);
      }
      expect(server.attempts).toHaveLength(want.attempts);
    },
  );
});
