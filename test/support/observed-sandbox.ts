/**
 * The sandbox as startSandbox serves it (same app, same options: faults, rate limits, modes),
 * plus a log of every request's arrival (time, method, path), taken before the sandbox answers:
 * what a test needs to check how fast a client really sent, whatever the client says about itself.
 */

import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createSandbox } from "../../sandbox/app.js";
import type { RunningSandbox, SandboxOptions } from "../../sandbox/index.js";

export interface Arrival {
  at: number;
  method: string;
  path: string;
}

export interface ObservedSandbox extends RunningSandbox {
  arrivals: Arrival[];
}

export async function startObservedSandbox(options: SandboxOptions = {}): Promise<ObservedSandbox> {
  const sandbox = createSandbox(options);
  const arrivals: Arrival[] = [];
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch: (request: Request, env: unknown) => {
          arrivals.push({ at: Date.now(), method: request.method, path: new URL(request.url).pathname });
          return sandbox.app.fetch(request, env);
        },
        hostname: "127.0.0.1",
        port: 0,
      },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: sandbox.apiKey,
    apiKeys: sandbox.apiKeys,
    workosToken: sandbox.workosToken,
    tokenFor: sandbox.tokenFor,
    stats: sandbox.stats,
    requests: sandbox.requests,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.dispose();
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** The most requests matching `filter` that arrived within any `windowMs` (a sliding window). */
export function busiestWindow(arrivals: readonly Arrival[], windowMs: number, filter: (a: Arrival) => boolean): number {
  const times = arrivals
    .filter(filter)
    .map((a) => a.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
