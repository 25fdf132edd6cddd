/**
 * Chaos run: upserts through the client, 24 at a time, to a sandbox that answers 35 % of requests
 * with a transient fault: 500, 502 (HTML), 503 (text), 429 with a short retry-after-ms, a dropped
 * connection, or an answer slower than the client's timeout. Afterwards every record must be
 * there exactly once with the right content, read back through the API; no rejection may go
 * unhandled; and the run must finish within its bound. `npm test` runs 520 upserts (40 sessions,
 * 480 messages); `npm run test:soak` 5,200 (400 sessions, 4,800 messages). The sandbox's fault
 * sequence is seeded and the seed printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, type OpenSyncClient, unwrap } from "../../src/index.js";
import { soakScale, testSeed } from "../support/soak.js";

const SESSIONS = soakScale(40, 400);
const MESSAGES_PER_SESSION = 12;
const CONCURRENCY = 24;
const FAULT_RATE = 0.35;
/**
 * Bounds the run, so that a retry storm or a hang fails instead of running on; not a speed figure
 * (those live in bench/). Generous: the full run took 21 s on a quiet machine, 64 s on a busy one.
 */
const TIME_BOUND_MS = soakScale(30_000, 150_000);

let sandbox: RunningSandbox;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  sandbox = await startSandbox({
    rateLimits: false,
    seed: testSeed("chaos"),
    faults: { rate: FAULT_RATE, kinds: ["500", "502", "503", "429", "reset", "slow"], retryAfterMs: 5, slowMs: 1_000 },
  });
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await sandbox.close();
});

const text = (s: number, m: number) =>
  `Session ${s} message ${m}: ` +
  `${m % 2 ? "the refresh handler drops the token" : "why does login fail"} #${s * 1000 + m}`;

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe("chaos", { timeout: 2 * TIME_BOUND_MS }, () => {
  it("loses nothing under 35 % transient faults", async () => {
    let retries = 0;
    const client: OpenSyncClient = createOpenSyncClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      // Well above a loaded machine's answer time, well below a slow fault's: only the faults time out.
      timeoutMs: 500,
      // 0.35^13: the chance that one write meets 13 faults in a row is below one in a million.
      retry: { maxRetries: 12, baseDelayMs: 2, maxDelayMs: 20 },
      onRetry: () => void retries++,
    });
    const start = performance.now();
    await pool([...Array(SESSIONS).keys()], CONCURRENCY, async (s) => {
      await unwrap(
        client.POST("/sync/session", {
          body: {
            externalId: `chaos-${s}`,
            title: `Chaos session ${s}`,
            model: `model-${s % 3}`,
            promptTokens: s,
            completionTokens: 2 * s,
          },
        }),
      );
    });
    const messages = [...Array(SESSIONS).keys()].flatMap((s) =>
      [...Array(MESSAGES_PER_SESSION).keys()].map((m) => [s, m] as const),
    );
    await pool(messages, CONCURRENCY, async ([s, m]) => {
      await unwrap(
        client.POST("/sync/message", {
          body: {
            sessionExternalId: `chaos-${s}`,
            externalId: `chaos-${s}:${m}`,
            role: m % 2 ? "assistant" : "user",
            textContent: text(s, m),
            parts: [{ type: "text", content: text(s, m) }],
            createdAt: 1_700_000_000_000 + m,
          },
        }),
      );
    });
    const writeMs = performance.now() - start;
    const faults = sandbox.stats().faultsInjected;
    const requests = sandbox.stats().requests;

    // Everything is there exactly once, with the right content.
    const ids = await unwrap(client.GET("/sync/sessions/list"));
    expect(ids.sessionIds).toHaveLength(SESSIONS);
    expect(new Set(ids.sessionIds).size).toBe(SESSIONS);
    const stats = await unwrap(client.GET("/api/stats"));
    expect(stats.sessionCount).toBe(SESSIONS);
    expect(stats.messageCount).toBe(SESSIONS * MESSAGES_PER_SESSION);
    expect(stats.totalTokens).toBe([...Array(SESSIONS).keys()].reduce((n, s) => n + 3 * s, 0));
    const listed = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await unwrap(
        client.GET("/api/sessions", { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
      );
      for (const session of page.sessions) listed.set(session.externalId, session.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed.size).toBe(SESSIONS);
    let lost = 0;
    await pool([...Array(SESSIONS).keys()], CONCURRENCY, async (s) => {
      const detail = await unwrap(
        client.GET("/api/sessions/get", { params: { query: { id: listed.get(`chaos-${s}`)! } } }),
      );
      const expected = [...Array(MESSAGES_PER_SESSION).keys()].map((m) => [`chaos-${s}:${m}`, text(s, m)]);
      const got = detail.messages.map((m) => [m.externalId, m.textContent]);
      if (JSON.stringify(got) !== JSON.stringify(expected) || detail.session.title !== `Chaos session ${s}`) lost++;
    });
    const totalMs = performance.now() - start;

    const writes = SESSIONS + SESSIONS * MESSAGES_PER_SESSION;
    console.log(
      `chaos: ${writes} upserts, ${requests} requests served, ${faults} faults injected ` +
        `(${((faults / requests) * 100).toFixed(1)} %), ` +
        `${retries} retries, records lost: ${lost}, writes ${(writeMs / 1000).toFixed(1)} s, total ` +
        `${(totalMs / 1000).toFixed(1)} s`,
    );
    expect(lost).toBe(0);
    expect(writes).toBe(soakScale(520, 5200));
    // Faults at a rate of 0.35: over the small run's 800 requests, 0.25 is six standard deviations below.
    expect(faults / requests).toBeGreaterThan(soakScale(0.25, 0.3));
    expect(retries).toBeGreaterThan(writes / 5);
    expect(unhandled).toEqual([]);
    expect(totalMs).toBeLessThan(TIME_BOUND_MS);
  });
});
