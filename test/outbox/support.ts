/** Shared set-up for outbox tests: a scratch directory, and a client that records (and can alter) what it sends. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { components } from "../../generated/schema.js";
import { createOpenSyncClient, type OpenSyncClient, type OpenSyncClientOptions, unwrap } from "../../src/index.js";

export type StoredMessage = components["schemas"]["Message"];

export interface Sent {
  path: string;
  body: any;
  at: number;
  /** The answer's status and Retry-After, once it came (a lost answer has none). */
  status?: number;
  retryAfter?: string | null;
  answeredAt?: number;
}

export interface Interception {
  headers?: Record<string, string>;
  rewrite?: (body: any) => any;
  /** The request reaches the server and is answered, but the answer is lost on the way back. */
  loseAnswer?: boolean;
}

export interface RecordingClient {
  client: OpenSyncClient;
  sent: Sent[];
  /** Called per request: return headers to add (e.g. an X-Sandbox-Fault), or a function to rewrite the response. */
  intercept?: (sent: Sent, index: number) => Interception | undefined;
}

export function recordingClient(
  baseUrl: string,
  apiKey: string,
  timeoutMs = 5000,
  retry: OpenSyncClientOptions["retry"] = false,
  now: () => number = Date.now,
): RecordingClient {
  const recorder: RecordingClient = { client: undefined as unknown as OpenSyncClient, sent: [] };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as Request, init);
    const text = request.method === "GET" ? "" : await request.clone().text();
    const sent: Sent = {
      path: new URL(request.url).pathname,
      body: text ? JSON.parse(text) : undefined,
      at: now(),
    };
    recorder.sent.push(sent);
    const change = recorder.intercept?.(sent, recorder.sent.length - 1);
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(change?.headers ?? {})) headers.set(name, value);
    const response = await globalThis.fetch(new Request(request, { headers }), {
      signal: init?.signal ?? request.signal,
    });
    Object.assign(sent, {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      answeredAt: now(),
    });
    if (change?.loseAnswer) {
      await response.arrayBuffer();
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
      });
    }
    if (!change?.rewrite || !response.ok) return response;
    const body = change.rewrite(await response.json());
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { "content-type": "application/json" },
    });
  };
  recorder.client = createOpenSyncClient({ baseUrl, apiKey, retry, timeoutMs, fetch });
  return recorder;
}

/**
 * A clock for the flusher and the sandbox that runs with real time but skips every wait at once
 * (the time a wait would have taken is added to it): settle times, quiet windows, Retry-After and
 * backoff cost nothing, and both sides still see them pass.
 */
export function skippingClock(): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      skipped += Math.max(0, ms);
      // Let sockets and timers run, as a real wait would.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export function scratchDir(prefix = "outbox-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every session of the account, with its messages, by externalId (read through the API). */
export async function readBack(baseUrl: string, apiKey: string) {
  // Reads through faults and rate limits: 0.5^40, the chance of one read failing 40 times in a row, is nil.
  const client = createOpenSyncClient({ baseUrl, apiKey, retry: { maxRetries: 40, baseDelayMs: 50, maxDelayMs: 500 } });
  const summaries: components["schemas"]["SessionSummary"][] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      client.GET("/api/sessions", { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
    );
    summaries.push(...page.sessions);
    cursor = page.nextCursor;
  } while (cursor);
  // Four at a time: a faulty server makes each read slow, not wrong.
  const sessions = new Map<string, { summary: components["schemas"]["SessionSummary"]; messages: StoredMessage[] }>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < summaries.length) {
        const summary = summaries[next++]!;
        const detail = await unwrap(client.GET("/api/sessions/get", { params: { query: { id: summary.id } } }));
        sessions.set(summary.externalId, { summary, messages: detail.messages });
      }
    }),
  );
  return sessions;
}

export const batchesCarrying = (sent: Sent[], externalId: string) =>
  sent.filter(
    (s) =>
      s.path === "/sync/batch" &&
      ((s.body.messages ?? []) as { externalId: string }[]).some((m) => m.externalId === externalId),
  );
