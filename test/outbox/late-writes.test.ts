/**
 * A write of unknown outcome may land on the server as late as the outbox's settle time after it
 * left. On deployed servers such a late write opens a window (5 s from a message's creation, 10 s
 * from a session's last write) in which a later write that looks unchanged is skipped and answered
 * as if stored; sent alone (`/sync/message`, `/sync/session`), nothing tells the skip apart. A proxy
 * between the flusher and a `--deployed` sandbox holds the first version's write, sent alone, while
 * time passes, lets it land and cuts its answer; the next version is enqueued meanwhile. The flusher
 * and the sandbox share a clock that skips waits, so the windows cost nothing.
 */
import { describe, expect, it } from "vitest";
import { createOpenSyncClient, unwrap } from "../../src/index.js";
import { createOutbox, type MessageUpsert, type SessionUpsert } from "../../src/outbox/index.js";
import { type ProxiedRequest, type ProxyAction, startCuttingProxy } from "../support/cutting-proxy.js";
import { startObservedSandbox } from "../support/observed-sandbox.js";
import { readBack, scratchDir, skippingClock } from "./support.js";

const SETTLE_MS = 2000;
/** How long after it left the first version's write lands: more than a second, within the settle time. */
const LATE_BY_MS = 1500;

const message = (v: number): MessageUpsert => ({
  sessionExternalId: "s-late",
  externalId: "m-late",
  role: "assistant",
  textContent: `v${v}: the refresh handler drops the new token`,
  parts: [{ type: "text", content: `v${v}: the refresh handler drops the new token` }],
});

interface Case {
  name: string;
  /** The first version is sent alone: a session with createdAt, or a message whose read-back fails. */
  first: { session: SessionUpsert } | { message: MessageUpsert };
  next: { session: SessionUpsert } | { message: MessageUpsert };
  /** The requests the proxy sees before the one it delays, each answered 503 (outcome unknown). */
  unknownFirst: number;
  stored: (session: Awaited<ReturnType<typeof readBack>> extends Map<string, infer S> ? S : never) => unknown;
  expected: unknown;
}

const CASES: Case[] = [
  {
    name: "a message, its batch of unknown outcome not readable back",
    first: { message: message(1) },
    next: { message: message(2) },
    unknownFirst: 1,
    stored: (s) => s.messages.map((m) => m.textContent),
    expected: [message(2).textContent],
  },
  {
    name: "a session with createdAt, then its final totals (only cost and duration change)",
    first: { session: { externalId: "s-late", title: "login", createdAt: 1_700_000_000_000 } },
    next: { session: { externalId: "s-late", title: "login", cost: 0.25, durationMs: 9000 } },
    unknownFirst: 0,
    stored: (s) => ({ cost: s.summary.cost, durationMs: s.summary.durationMs }),
    expected: { cost: 0.25, durationMs: 9000 },
  },
];

describe("a late write of unknown outcome on deployed servers", () => {
  it.each(CASES)("does not make the next version, sent alone, land in its window: $name", async (c) => {
    const clock = skippingClock();
    const work = scratchDir("outbox-late-writes-");
    const sandbox = await startObservedSandbox({ deployed: true, now: clock.now });
    const enqueue = async (version: Case["first"], dir: string) => {
      const outbox = createOutbox({ dir });
      await ("session" in version ? outbox.session(version.session) : outbox.message(version.message));
      await outbox.close();
    };
    let writes = 0;
    const decide = async (request: ProxiedRequest): Promise<ProxyAction> => {
      // The session's read fails for good (400): a message goes alone instead of being read back.
      if (request.path.startsWith("/api/sessions/get")) return { kind: "answer", status: 400, body: { error: "no" } };
      if (!request.path.startsWith("/sync/")) return { kind: "forward" };
      if (++writes <= c.unknownFirst) return { kind: "answer", status: 503, body: { error: "unavailable" } };
      if (writes === c.unknownFirst + 1) {
        // Sent alone: the next version is enqueued while it is on its way; it lands late, and its
        // answer is lost.
        await enqueue(c.next, work.dir);
        await clock.sleep(LATE_BY_MS);
        return { kind: "cut" };
      }
      return { kind: "forward" };
    };
    const proxy = await startCuttingProxy(sandbox.url, decide);
    try {
      if ("message" in c.first) {
        const direct = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
        await unwrap(direct.POST("/sync/session", { body: { externalId: "s-late", title: "login" } }));
      }
      await enqueue(c.first, work.dir);
      const outbox = createOutbox({
        dir: work.dir,
        baseUrl: proxy.url,
        apiKey: sandbox.apiKey,
        settleMs: SETTLE_MS,
        clock,
      });
      expect(await outbox.flush({ deadlineMs: 20_000 })).toMatchObject({ pending: 0, rejected: 0 });
      await outbox.close();
      const actions = proxy.log.filter((e) => e.path.startsWith("/sync/")).map((e) => e.action);
      expect(actions).toEqual([...Array(c.unknownFirst).fill("answer"), "cut", "forward"]);
      const stored = (await readBack(sandbox.url, sandbox.apiKey)).get("s-late")!;
      expect(c.stored(stored)).toEqual(c.expected);
    } finally {
      await proxy.close();
      await sandbox.close();
      work.remove();
    }
  });
});
