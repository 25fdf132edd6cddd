/** The sandbox's options and what createSandbox returns: the package's public types. */
import type { Hono } from "hono";
import type { FaultOptions } from "./faults/injector.js";
import type { RateLimitOptions } from "./http/rate-limit.js";
import type { RequestRecord } from "./http/request-log.js";

export interface SandboxOptions {
  /** Accepted API keys, one user each. Default: one demo key, made from `seed`. */
  apiKeys?: string[];
  /** `false` turns rate limiting off; an object overrides groups of the spec's x-rate-limits. */
  rateLimits?: RateLimitOptions;
  /** Random faults (rate, kinds). Forced faults by header work whatever this says. */
  faults?: FaultOptions;
  /** Seeds ids, the demo key and random faults. Default 1. */
  seed?: number;
  /**
   * Behave as deployed OpenSync servers do wherever the spec says they differ from the contract:
   * their `{"error": "<text>"}` bodies, statuses and texts (500 for most bad input, a plain-text
   * 404 outside the routes), no rate limits (`rateLimits` is ignored), the writes they skip
   * within 10 s (sessions) and 5 s (messages), message ids looked up across accounts (API keys),
   * what their search indexes, the eval export's 500 for API keys, the Markdown export without
   * CORS headers. Default false: the contract.
   */
  deployed?: boolean;
  /**
   * Only the error shape of deployed servers, `{"error": "<message>"}`, with the contract's
   * statuses and everything else. `deployed: true` includes it (and their statuses).
   */
  legacyErrors?: boolean;
  /**
   * With `deployed`: a server deployed without an embeddings key (`OPENAI_API_KEY`), on which every
   * semantic, hybrid and context search answers 500. Default false.
   */
  noEmbeddings?: boolean;
  /** Largest request body accepted, in bytes. Default 1 MiB (the spec's PayloadTooLarge); 20 MB in deployed mode. */
  maxBodyBytes?: number;
  /** Clock, for deterministic tests of rate limits and of deployed servers' windows. */
  now?: () => number;
  /** Serves /docs from here (the output of `npm run docs`). */
  docsDir?: URL;
  /** Every key's account starts with the demo sessions (sandbox/demo/), dated before now. */
  demo?: boolean;
  /** Called as each request is answered (the CLI's `--log` prints it): method, path, status, ms, fault. */
  onRequest?: (record: RequestRecord) => void;
}

export interface Sandbox {
  app: Hono;
  /** The first accepted key (the demo key unless `apiKeys` was given). */
  apiKey: string;
  apiKeys: string[];
  /** A WorkOS-style access token for the first user (needed by /api/export/evals). */
  workosToken: string;
  tokenFor(apiKey: string): string;
  stats(): { faultsInjected: number; requests: number };
  /** The last 1000 requests answered, oldest first: method, path (no query), status, ms, fault. */
  requests(): RequestRecord[];
  /**
   * Ends what the sandbox still has pending: a request held by a slow fault is answered at once
   * (503) instead of keeping its timer, and with it the process, alive. startSandbox's close()
   * calls it.
   */
  dispose(): void;
}
