/**
 * Every record goes where it was enqueued for: the server and the account (API key) of the outbox
 * that enqueued it. Delivery state is per destination, so a new or restarted server gets what it
 * never acknowledged, and a second account on the same machine never receives another's records.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOutbox, type OutboxOptions } from "../../src/outbox/index.js";
import { readBack, scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sandboxOf(options: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ rateLimits: false, ...options });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

function outboxFor(dir: string, baseUrl: string, apiKey: string, extra: OutboxOptions = {}) {
  const outbox = createOutbox({ dir, baseUrl, apiKey, settleMs: 500, backoff: { baseMs: 20, maxMs: 100 }, ...extra });
  cleanups.push(() => outbox.close());
  return outbox;
}

function dir(): string {
  const scratch = scratchDir("outbox-destinations-");
  cleanups.push(scratch.remove);
  return scratch.dir;
}

const parts = (i: number) => [{ type: "text", content: `part ${i}` }];
async function enqueueTranscript(outbox: ReturnType<typeof createOutbox>, session: string) {
  await outbox.session({ externalId: session, title: `Title of ${session}`, source: "claude-code" });
  for (let i = 0; i < 2; i++)
    await outbox.message({
      sessionExternalId: session,
      externalId: `${session}:${i}`,
      role: "user",
      textContent: `text ${i}`,
      parts: parts(i),
    });
}

describe("destinations", () => {
  it("re-delivers to a new server (a restarted sandbox, production) what that server never acknowledged", async () => {
    const where = dir();
    const first = await sandboxOf();
    const before = outboxFor(where, first.url, first.apiKey);
    await enqueueTranscript(before, "moved");
    expect(await before.flush()).toMatchObject({ sent: 3, pending: 0 });
    await before.close();

    const second = await sandboxOf();
    const after = outboxFor(where, second.url, second.apiKey);
    await enqueueTranscript(after, "moved");
    const report = await after.flush();
    expect(report.requests).toBeGreaterThan(0);
    expect(report).toMatchObject({ sent: 3, pending: 0, unchanged: 0 });
    const stored = (await readBack(second.url, second.apiKey)).get("moved");
    expect(stored?.summary).toMatchObject({ title: "Title of moved", source: "claude-code" });
    expect(stored?.messages.map((m) => [m.externalId, m.textContent, m.parts])).toEqual([
      ["moved:0", "text 0", parts(0)],
      ["moved:1", "text 1", parts(1)],
    ]);
  });

  it("counts as sent only what the server confirmed: an identical version again is `unchanged`", async () => {
    const sandbox = await sandboxOf();
    const outbox = outboxFor(dir(), sandbox.url, sandbox.apiKey);
    await enqueueTranscript(outbox, "again");
    expect(await outbox.flush()).toMatchObject({ sent: 3, pending: 0 });
    await enqueueTranscript(outbox, "again");
    expect(await outbox.flush()).toMatchObject({ sent: 0, unchanged: 3, requests: 0, pending: 0 });
  });

  it("never delivers one account's records with another's key, and says they are pending elsewhere", async () => {
    const keys = ["osk_account_a_aaaaaaaaaaaaaaaaaaaaaaa", "osk_account_b_bbbbbbbbbbbbbbbbbbbbbbb"];
    const sandbox = await sandboxOf({ apiKeys: keys });
    const where = dir();
    const a = outboxFor(where, sandbox.url, keys[0]!);
    await enqueueTranscript(a, "of-a");
    await a.close();

    const b = outboxFor(where, sandbox.url, keys[1]!);
    expect(await b.flush()).toMatchObject({ sent: 0, pending: 0, elsewhere: 3, requests: 0 });
    expect((await readBack(sandbox.url, keys[1]!)).size).toBe(0);
    const status = await b.status();
    expect(status.pending).toBe(3);
    expect(status.destinations).toEqual([{ server: sandbox.url, account: expect.any(String), pending: 3 }]);
    // The fingerprint names the account; the key itself is nowhere on disk.
    expect(JSON.stringify(status)).not.toContain(keys[0]!.slice(4));

    const again = outboxFor(where, sandbox.url, keys[0]!);
    expect(await again.flush()).toMatchObject({ sent: 3, pending: 0, elsewhere: 0 });
    expect([...(await readBack(sandbox.url, keys[0]!)).keys()]).toEqual(["of-a"]);
  });
});
