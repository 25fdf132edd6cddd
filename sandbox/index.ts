/**
 * opensync-sandbox: a local, in-memory OpenSync server that honours the contract.
 *
 * ```ts
 * const sandbox = await startSandbox();
 * const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
 * // ...
 * await sandbox.close();
 * ```
 */

import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createSandbox } from "./app.js";
import { SandboxResponse } from "./http/node-response.js";
import type { RequestRecord } from "./http/request-log.js";
import type { SandboxOptions } from "./options.js";

export { createSandbox, createSandboxApp } from "./app.js";
export type { FaultKind, FaultOptions } from "./faults/injector.js";
export type { RequestRecord } from "./http/request-log.js";
export type { Sandbox, SandboxOptions } from "./options.js";

export interface StartSandboxOptions extends SandboxOptions {
  /** Default 127.0.0.1: the sandbox is for this machine. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  apiKey: string;
  apiKeys: string[];
  workosToken: string;
  tokenFor(apiKey: string): string;
  /** Requests served and faults injected so far. */
  stats(): { faultsInjected: number; requests: number };
  /** The last 1000 requests answered, oldest first: method, path (no query), status, ms, fault. */
  requests(): RequestRecord[];
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { host = "127.0.0.1", port = 0, ...rest } = options;
  const sandbox = createSandbox(rest);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: sandbox.app.fetch, hostname: host, port, serverOptions: { ServerResponse: SandboxResponse } },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    apiKey: sandbox.apiKey,
    apiKeys: sandbox.apiKeys,
    workosToken: sandbox.workosToken,
    tokenFor: sandbox.tokenFor,
    stats: sandbox.stats,
    requests: sandbox.requests,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.dispose();
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
