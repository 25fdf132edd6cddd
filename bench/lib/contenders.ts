/**
 * The clients compared in the benchmarks, each set up for the same job (GET /api/sessions with a
 * bearer key, retrying as the published error page says) over a given fetch:
 *   raw fetch                  a hand-written call: no types, no retry
 *   openapi-fetch              bare createClient with an Authorization middleware: the baseline
 *   opensync-api               createOpenSyncClient (defaults: retry, 30 s attempt timeouts)
 *   opensync-api (timeoutMs: false)  the same without attempt timeouts
 *   openapi-fetch + ky         ky as the transport, retry configured alike
 *   openapi-fetch + fetch-retry  fetch-retry as the transport, retry configured alike
 */

import fetchRetry from "fetch-retry";
import ky from "ky";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createOpenSyncClient } from "../../src/index.js";

export const KEY = "osk_BenchKey_0123456789abcdefghijklm";
export type Call = () => Promise<unknown>;
export type Fetch = typeof globalThis.fetch;

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

export function contenders(baseUrl: string, fetchImpl: Fetch): Record<string, Call> {
  const auth = {
    onRequest: ({ request }: { request: Request }) => {
      request.headers.set("Authorization", `Bearer ${KEY}`);
      return request;
    },
  };

  const bare = createClient<paths>({ baseUrl, fetch: fetchImpl });
  bare.use(auth);

  const ours = createOpenSyncClient({ baseUrl, apiKey: KEY, fetch: fetchImpl });
  const oursNoTimeout = createOpenSyncClient({ baseUrl, apiKey: KEY, fetch: fetchImpl, timeoutMs: false });

  const kyTransport = ky.create({
    fetch: fetchImpl,
    retry: { limit: 3, statusCodes: RETRY_STATUSES, methods: ["get"] },
    timeout: 30_000,
    throwHttpErrors: false,
  });
  const withKy = createClient<paths>({ baseUrl, fetch: (request: Request) => kyTransport(request) });
  withKy.use(auth);

  const retrying = fetchRetry(fetchImpl, {
    retries: 3,
    retryDelay: (attempt) => 2 ** attempt * 1000,
    retryOn: RETRY_STATUSES,
  });
  const withFetchRetry = createClient<paths>({ baseUrl, fetch: (request: Request) => retrying(request) });
  withFetchRetry.use(auth);

  const url = `${baseUrl}/api/sessions?limit=10`;
  return {
    "raw fetch": async () => {
      const res = await fetchImpl(url, { headers: { Authorization: `Bearer ${KEY}` } });
      return res.json();
    },
    "openapi-fetch": () => bare.GET("/api/sessions", { params: { query: { limit: 10 } } }),
    "opensync-api": () => ours.GET("/api/sessions", { params: { query: { limit: 10 } } }),
    "opensync-api (timeoutMs: false)": () => oursNoTimeout.GET("/api/sessions", { params: { query: { limit: 10 } } }),
    "openapi-fetch + ky": () => withKy.GET("/api/sessions", { params: { query: { limit: 10 } } }),
    "openapi-fetch + fetch-retry": () => withFetchRetry.GET("/api/sessions", { params: { query: { limit: 10 } } }),
  };
}

export const BASELINE = "openapi-fetch";
