/**
 * A `fetch` for in-process client tests: it answers attempt by attempt from a list of steps and
 * records what each attempt sent and when (by `Date.now()`, so a fake clock dates the attempts).
 * The counterpart of fault-server.ts where sockets add nothing to what a test checks.
 */
export type FetchStep =
  | { status: number; headers?: Record<string, string>; body?: string | object }
  /** fetch rejects with this, as undici does when a connection fails. */
  | { reject: unknown }
  /** Never answers; rejects with the signal's reason when the attempt's signal aborts, as fetch does. */
  | { hang: true };

export interface SentAttempt {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  /** Date.now() when the attempt was sent. */
  at: number;
}

export interface ScriptedFetch {
  fetch: typeof globalThis.fetch;
  attempts: SentAttempt[];
  /** Steps still to come; when empty, every attempt gets `fallback`. */
  script(...steps: FetchStep[]): void;
}

export function scriptedFetch(fallback: FetchStep = { status: 200, body: { sessions: [] } }): ScriptedFetch {
  const queue: FetchStep[] = [];
  const attempts: SentAttempt[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const at = Date.now();
    const body = await request.text();
    attempts.push({ method: request.method, url: request.url, headers: request.headers, body, at });
    const step = queue.shift() ?? fallback;
    if ("reject" in step) throw step.reject;
    if ("hang" in step) {
      const signal = init?.signal ?? request.signal;
      return new Promise((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    const isJson = typeof step.body === "object";
    const payload = step.body === undefined ? null : isJson ? JSON.stringify(step.body) : (step.body as string);
    return new Response(payload, {
      status: step.status,
      headers: { ...(isJson ? { "content-type": "application/json" } : {}), ...step.headers },
    });
  };
  return { fetch, attempts, script: (...steps) => void queue.push(...steps) };
}

/** What undici's fetch rejects with when a connection fails: a TypeError caused by the socket's error. */
export function connectionFailure(code: string): TypeError {
  return new TypeError("fetch failed", {
    cause: Object.assign(new Error(`connect ${code} 203.0.113.1:443`), { code }),
  });
}
