/**
 * What every runtime runs against a sandbox on 127.0.0.1, with the built client handed in: typed
 * calls, a retry that waits the server's Retry-After, an attempt timeout, and the caller's abort.
 * It returns plain facts for the test to compare; the runtime prints them as JSON.
 */
import type * as OpenSyncApi from "../../src/index.js";

export interface ScenarioFacts {
  created: boolean;
  titles: string[];
  retry: { status: number; attempts: number; delays: number[]; waitedMs: number };
  timeout: { name: string; timeoutMs: number | undefined };
  abort: { name: string; afterMs: number };
  missing: { name: string; code: string | undefined; status: number | undefined };
}

/**
 * `runtime` tells this run's faults from another's: the sandbox arms each distinct fault header
 * once per key, so runs sharing a sandbox and a key need headers of their own.
 */
export async function runScenario(
  api: typeof OpenSyncApi,
  baseUrl: string,
  apiKey: string,
  runtime: string,
): Promise<ScenarioFacts> {
  const delays: number[] = [];
  const client = api.createOpenSyncClient({
    baseUrl,
    apiKey,
    retry: { maxRetries: 2, baseDelayMs: 10, jitter: 0 },
    onRetry: (event) => void delays.push(event.delayMs),
  });
  const created = await api.unwrap(
    client.POST("/sync/session", { body: { externalId: `session-${runtime}`, title: `Synced from ${runtime}` } }),
  );
  const list = await api.unwrap(client.GET("/api/sessions", { params: { query: { limit: 5 } } }));

  // A 429 with Retry-After: 1 (whole seconds), answered once: the client waits 1 s, then succeeds.
  let started = Date.now();
  const retried = await client.GET("/api/stats", {
    headers: { "X-Sandbox-Fault": `429; retry-after=1; id=${runtime}` },
  });
  const retry = {
    status: retried.response.status,
    attempts: delays.length + 1,
    delays,
    waitedMs: Date.now() - started,
  };

  const slow = { "X-Sandbox-Fault": `slow; delay=3000; id=${runtime}-timeout` };
  const timeoutError = await client.GET("/api/stats", { headers: slow, retry: false, timeoutMs: 200 }).then(
    () => undefined,
    (error: unknown) => error as OpenSyncApi.TimeoutError,
  );

  const controller = new AbortController();
  started = Date.now();
  setTimeout(() => controller.abort(), 100);
  const aborted = await client
    .GET("/api/stats", {
      headers: { "X-Sandbox-Fault": `slow; delay=3000; id=${runtime}-abort` },
      signal: controller.signal,
    })
    .then(
      () => undefined,
      (error: unknown) => error as Error,
    );

  const missing = await api
    .unwrap(client.GET("/api/sessions/get", { params: { query: { id: "no-such-session" } } }))
    .then(
      () => undefined,
      (error: unknown) => error as OpenSyncApi.ApiError,
    );

  return {
    created: typeof created.sessionId === "string",
    titles: list.sessions.map((session) => session.title ?? ""),
    retry,
    timeout: { name: String(timeoutError?.name), timeoutMs: timeoutError?.timeoutMs },
    abort: { name: String(aborted?.name), afterMs: Date.now() - started },
    missing: {
      name: String(missing?.name),
      code: missing instanceof api.ApiError ? missing.code : undefined,
      status: missing instanceof api.ApiError ? missing.status : undefined,
    },
  };
}
