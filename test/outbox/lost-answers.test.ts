/**
 * A message's parts survive on deployed servers (which delete a stored message's parts on
 * `/sync/batch` and never re-insert them) when the outbox cannot know what its request did: a
 * proxy between the flusher and a `--deployed` sandbox holds a batch while its flusher is
 * SIGKILLed, or cuts the answer after the server wrote it; the resend is then held back more than
 * 5 s by a 429, so that a batch landing on the stored message would not be skipped but strip it.
 * Each case is scripted request by request (no randomness): the instant of the kill is chosen.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenSyncClient, unwrap } from "../../src/index.js";
import { createOutbox, type OutboxOptions } from "../../src/outbox/index.js";
import { bundleScript } from "../support/bundle-script.js";
import {
  type CuttingProxy,
  type ProxiedRequest,
  type ProxyAction,
  startCuttingProxy,
} from "../support/cutting-proxy.js";
import { type ObservedSandbox, startObservedSandbox } from "../support/observed-sandbox.js";
import { readBack, scratchDir } from "./support.js";

const PARTS = [
  { type: "text", content: "why does login fail" },
  { type: "tool-call", content: { name: "grep", args: { pattern: "token" } } },
];
/** Longer than deployed servers' 5 s window: the resend finds the message stored, not just created. */
const RETRY_AFTER_S = 6;
const tooMany: ProxyAction = {
  kind: "answer",
  status: 429,
  headers: { "retry-after": String(RETRY_AFTER_S) },
  body: { error: "Too many requests" },
};

const scripts = scratchDir("outbox-lost-answers-bin-");
let flusherScript: string;
beforeAll(async () => {
  flusherScript = await bundleScript("test/outbox/fixtures/flusher.ts", join(scripts.dir, "flusher.mjs"));
});
afterAll(() => scripts.remove());

async function withSetup(
  name: string,
  decide: (request: ProxiedRequest) => ProxyAction,
  run: (dir: string, options: OutboxOptions, proxy: CuttingProxy) => Promise<void>,
) {
  const work = scratchDir(`outbox-lost-answers-${name}-`);
  const sandbox: ObservedSandbox = await startObservedSandbox({ deployed: true });
  const proxy = await startCuttingProxy(sandbox.url, decide);
  try {
    const dir = join(work.dir, "outbox");
    const options: OutboxOptions = { baseUrl: proxy.url, apiKey: sandbox.apiKey, settleMs: 300, timeoutMs: 10_000 };
    // The session is stored beforehand: the outbox carries the message alone.
    const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    await unwrap(client.POST("/sync/session", { body: { externalId: `s-${name}`, title: "login" } }));
    const outbox = createOutbox({ dir });
    await outbox.message({ sessionExternalId: `s-${name}`, externalId: `m-${name}`, role: "user", parts: PARTS });
    await outbox.close();
    await run(dir, options, proxy);
    const stored = (await readBack(sandbox.url, sandbox.apiKey)).get(`s-${name}`);
    expect(stored?.messages.map((m) => ({ externalId: m.externalId, parts: m.parts }))).toEqual([
      { externalId: `m-${name}`, parts: PARTS },
    ]);
  } finally {
    await proxy.close();
    await sandbox.close();
    work.remove();
  }
}

async function flushAll(dir: string, options: OutboxOptions) {
  const outbox = createOutbox({ dir, ...options });
  try {
    expect(await outbox.flush({ deadlineMs: 20_000 })).toMatchObject({ pending: 0, rejected: 0 });
  } finally {
    await outbox.close();
  }
}

const isWrite = (r: { path: string }) => r.path.startsWith("/sync/");

describe("parts on deployed servers, when a request's outcome is unknown", () => {
  it.concurrent("a flusher SIGKILLed while its batch is on the way; the batch lands after the read-back", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let landed!: () => void;
    const batchLanded = new Promise<void>((resolve) => (landed = resolve));
    let arrived!: () => void;
    const batchArrived = new Promise<void>((resolve) => (arrived = resolve));
    let writes = 0;
    await withSetup(
      "killed",
      (request) => {
        if (!isWrite(request) && !request.path.startsWith("/api/sessions/get")) return { kind: "forward" };
        if (!isWrite(request)) {
          // The read-back is answered (not there yet); then the batch lands, before the answer goes back.
          return {
            kind: "forward",
            thenRun: async () => {
              release();
              await batchLanded;
            },
          };
        }
        writes++;
        if (writes === 1) {
          arrived();
          return { kind: "hold", until: released, landed };
        }
        return writes === 2 ? tooMany : { kind: "forward" };
      },
      async (dir, options, proxy) => {
        const child = spawn(process.execPath, [flusherScript, dir, JSON.stringify(options), "20000"], {
          stdio: "ignore",
        });
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // The batch is at the proxy (its send is in the journal), its answer not: kill now.
        await batchArrived;
        child.kill("SIGKILL");
        await exited;
        await flushAll(dir, options);
        expect(
          proxy.log
            .filter(isWrite)
            .map((e) => e.action)
            .slice(0, 2),
        ).toEqual(["hold", "answer"]);
      },
    );
  });

  it.concurrent("an answer cut after the write, a failed read-back, a resend alone refused with a 429", async () => {
    let writes = 0;
    let alone = 0;
    await withSetup(
      "cut",
      (request) => {
        // The session's read fails for good (400): its messages go alone instead.
        if (request.path.startsWith("/api/sessions/get")) return { kind: "answer", status: 400, body: { error: "no" } };
        if (!isWrite(request)) return { kind: "forward" };
        if (++writes === 1) return { kind: "cut" };
        // The message's resend alone is refused before it reaches the server.
        if (request.path === "/sync/message" && ++alone === 1) return tooMany;
        return { kind: "forward" };
      },
      async (dir, options, proxy) => {
        await flushAll(dir, options);
        expect(proxy.log.filter(isWrite).slice(0, 2)).toMatchObject([
          { path: "/sync/batch", action: "cut", status: 200 },
          { path: "/sync/message", action: "answer" },
        ]);
      },
    );
  });
});
