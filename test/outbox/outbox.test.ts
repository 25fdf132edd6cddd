/**
 * The outbox against the sandbox over loopback: what it sends, how it reacts to what comes back,
 * and what ends up stored, read back through the API.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SandboxOptions } from "../../sandbox/index.js";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { ApiError } from "../../src/index.js";
import {
  createOutbox,
  OutboxFullError,
  type OutboxOptions,
  OutboxRecordError,
  readDeadLetters,
} from "../../src/outbox/index.js";
import { freePort } from "../support/free-port.js";
import { busiestWindow, type ObservedSandbox, startObservedSandbox } from "../support/observed-sandbox.js";
import {
  batchesCarrying,
  type RecordingClient,
  readBack,
  recordingClient,
  scratchDir,
  skippingClock,
} from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A sandbox, and an outbox flushing to it through a recording client. With `skipWaits`, both run on a
 * clock that skips every wait of the flusher (settle times, quiet windows, Retry-After, backoff).
 */
async function setUp(
  sandboxOptions: SandboxOptions = { rateLimits: false },
  outboxOptions: OutboxOptions = {},
  { timeoutMs = 5000, skipWaits = false } = {},
) {
  const clock = skipWaits ? skippingClock() : undefined;
  const sandbox: ObservedSandbox = await startObservedSandbox({ ...sandboxOptions, ...(clock && { now: clock.now }) });
  cleanups.push(() => sandbox.close());
  const { dir, remove } = scratchDir();
  cleanups.push(remove);
  const recorder: RecordingClient = recordingClient(sandbox.url, sandbox.apiKey, timeoutMs, false, clock?.now);
  const outbox = createOutbox({
    dir,
    client: recorder.client,
    settleMs: 1500,
    backoff: { baseMs: 50, maxMs: 500 },
    ...(clock && { clock }),
    ...outboxOptions,
  });
  cleanups.push(() => outbox.close());
  return { sandbox, dir, recorder, outbox, clock };
}

const text = (i: number) => `message ${i}: the refresh handler drops the new token`;
const message = (session: string, i: number, extra: object = {}) => ({
  sessionExternalId: session,
  externalId: `${session}:${i}`,
  role: i % 2 ? ("assistant" as const) : ("user" as const),
  textContent: text(i),
  parts: [
    { type: "text", content: text(i) },
    { type: "tool-call", content: { name: "bash", args: { command: `ls ${i}` } } },
  ],
  ...extra,
});

describe("outbox: delivery", () => {
  it("delivers a session and 5,000 messages with parts in a handful of batches, in order, exactly as enqueued", async () => {
    const { sandbox, recorder, outbox } = await setUp();
    await outbox.session({
      externalId: "big",
      title: "Five thousand",
      model: "claude-sonnet-4",
      source: "claude-code",
      promptTokens: 10,
      completionTokens: 20,
      cost: 0.5,
    });
    await Promise.all(Array.from({ length: 5000 }, (_, i) => outbox.message(message("big", i))));
    expect((await outbox.status()).pending).toBe(5001);
    const report = await outbox.flush();
    expect(report).toMatchObject({ sent: 5001, pending: 0, rejected: 0 });
    // ~1.3 MB of JSON, but at most 1,000 messages a batch (the spec's maxItems, from Convex's 4,096
    // index ranges per transaction): five requests, each under the 1 MiB body limit.
    expect(recorder.sent.map((s) => s.path)).toEqual(Array(5).fill("/sync/batch"));
    expect(recorder.sent.map((s) => (s.body as { messages: unknown[] }).messages.length)).toEqual([
      1000, 1000, 1000, 1000, 1000,
    ]);
    expect(Math.max(...recorder.sent.map((s) => Buffer.byteLength(JSON.stringify(s.body))))).toBeLessThanOrEqual(
      1024 * 1024,
    );
    const stored = await readBack(sandbox.url, sandbox.apiKey);
    const big = stored.get("big")!;
    expect(big.summary).toMatchObject({
      title: "Five thousand",
      model: "claude-sonnet-4",
      promptTokens: 10,
      completionTokens: 20,
      cost: 0.5,
      messageCount: 5000,
    });
    expect(big.messages.map((m) => m.externalId)).toEqual(Array.from({ length: 5000 }, (_, i) => `big:${i}`));
    for (const [i, m] of big.messages.entries())
      expect(m).toMatchObject({ role: message("big", i).role, textContent: text(i), parts: message("big", i).parts });
    expect((await outbox.status()).pending).toBe(0);
  });

  it("coalesces the versions of a session and of a message into their latest state", async () => {
    const { sandbox, recorder, outbox } = await setUp();
    await outbox.session({ externalId: "c", title: "First title", model: "m1", createdAt: undefined });
    await outbox.session({ externalId: "c", title: "Second title", cost: 0.25 });
    await outbox.session({ externalId: "c", durationMs: 9000 });
    await outbox.message({ ...message("c", 0), textContent: "draft" });
    await outbox.message({ ...message("c", 0), parts: [{ type: "text", content: "final" }] });
    await outbox.flush();
    expect(recorder.sent).toHaveLength(1);
    expect(recorder.sent[0]!.body).toEqual({
      sessions: [{ externalId: "c", title: "Second title", model: "m1", cost: 0.25, durationMs: 9000 }],
      messages: [{ ...message("c", 0), parts: [{ type: "text", content: "final" }] }],
    });
    const c = (await readBack(sandbox.url, sandbox.apiKey)).get("c")!;
    expect(c.summary).toMatchObject({ title: "Second title", model: "m1", cost: 0.25, durationMs: 9000 });
    expect(c.messages[0]).toMatchObject({ textContent: text(0), parts: [{ type: "text", content: "final" }] });
  });

  it("paces requests by the rate limits it is given, whatever the server allows", async () => {
    const { sandbox, outbox } = await setUp(
      { rateLimits: false },
      { rateLimits: { sync: { limit: 3, windowSeconds: 1 } }, batchLimits: { messages: 4 } },
    );
    await Promise.all(Array.from({ length: 40 }, (_, i) => outbox.message(message("paced", i))));
    const report = await outbox.flush();
    expect(report).toMatchObject({ sent: 40, pending: 0, requests: 10 });
    expect(busiestWindow(sandbox.arrivals, 1000, (a) => a.path.startsWith("/sync/"))).toBeLessThanOrEqual(3);
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("paced")!.messages).toHaveLength(40);
  });

  it("waits out each 429's Retry-After before sending again", async () => {
    const { sandbox, recorder, outbox } = await setUp(
      { rateLimits: { sync: { limit: 2, windowSeconds: 2 } } },
      { batchLimits: { messages: 5 } },
      { skipWaits: true },
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => outbox.message(message("limited", i))));
    expect(await outbox.flush()).toMatchObject({ sent: 20, pending: 0 });
    const limited = recorder.sent.filter((s) => s.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const refused of limited) {
      const next = recorder.sent.find((s) => s.at > refused.at)!;
      expect(next.at - refused.answeredAt!).toBeGreaterThanOrEqual(Number(refused.retryAfter) * 1000);
    }
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("limited")!.messages).toHaveLength(20);
  });

  it("keeps a 429's Retry-After in the journal: the next flush, in a fresh outbox, waits it out too", async () => {
    const { recorder, outbox, dir, sandbox, clock } = await setUp({ rateLimits: false }, {}, { skipWaits: true });
    recorder.intercept = (_sent, i) => (i === 0 ? { headers: { "X-Sandbox-Fault": "429; retry-after=3" } } : undefined);
    await outbox.message(message("later", 0));
    expect(await outbox.flush({ deadlineMs: 300 })).toMatchObject({ sent: 0, pending: 1, requests: 1 });
    const second = recordingClient(sandbox.url, sandbox.apiKey, 5000, false, clock!.now);
    const fresh = createOutbox({ dir, client: second.client, clock });
    cleanups.push(() => fresh.close());
    expect(await fresh.flush()).toMatchObject({ sent: 1, pending: 0, requests: 1 });
    expect(second.sent[0]!.at - recorder.sent[0]!.answeredAt!).toBeGreaterThanOrEqual(3000);
  });
});

describe("outbox: refusals", () => {
  it("dead-letters the records the server refuses, with its message, and delivers their batch-mates", async () => {
    const { sandbox, dir, outbox } = await setUp();
    await outbox.session({ externalId: "bad-session", title: "Negative tokens", promptTokens: -1 });
    await outbox.session({ externalId: "good", title: "Good" });
    for (let i = 0; i < 9; i++) await outbox.message(message("good", i));
    await outbox.message({ ...message("good", 9), parts: [{ type: "text", content: null as unknown as string }] });
    for (let i = 10; i < 16; i++) await outbox.message(message("good", i));
    await outbox.message({ ...message("bad-session", 0) });
    const report = await outbox.flush();
    expect(report).toMatchObject({ pending: 0, rejected: 2, sent: 17 });

    const letters = await readDeadLetters(dir);
    expect(letters.map((l) => [l.kind, l.externalId])).toEqual(
      expect.arrayContaining([
        ["session", "bad-session"],
        ["message", "good:9"],
      ]),
    );
    expect(letters).toHaveLength(2);
    const sessionLetter = letters.find((l) => l.kind === "session")!;
    expect(sessionLetter.error).toMatch(/^Sessions batch error: sessions\[\d+\]: .*promptTokens/);
    expect(sessionLetter.record).toEqual({ externalId: "bad-session", title: "Negative tokens", promptTokens: -1 });
    expect(letters.find((l) => l.kind === "message")!.error).toMatch(
      /^Messages batch error: messages\[\d+\]: .*content/,
    );

    const stored = await readBack(sandbox.url, sandbox.apiKey);
    expect(stored.get("good")!.messages.map((m) => m.externalId)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15].map((i) => `good:${i}`),
    );
    // The refused session's message was delivered (its session created with it).
    expect(stored.get("bad-session")!.messages.map((m) => m.externalId)).toEqual(["bad-session:0"]);
    expect(stored.get("bad-session")!.summary.promptTokens).toBe(0);
    expect(await outbox.status()).toMatchObject({ pending: 0, rejected: 2 });
  });

  it("dead-letters a record refused alone (400 from /sync/message) and never sends it again", async () => {
    const { recorder, dir, outbox } = await setUp();
    await outbox.message({ ...message("alone", 0), role: "robot" as "user", createdAt: 1_700_000_000_000 });
    expect(await outbox.flush()).toMatchObject({ rejected: 1, pending: 0, sent: 0 });
    expect(recorder.sent.map((s) => s.path)).toEqual(["/sync/message"]);
    expect((await readDeadLetters(dir))[0]).toMatchObject({
      externalId: "alone:0",
      error: expect.stringMatching(/^POST \/sync\/message: 400 INVALID_REQUEST: .*role/),
    });
    expect(await outbox.flush()).toMatchObject({ requests: 0, pending: 0 });
  });

  it("refuses at enqueue what could never be delivered, and trims keys the spec does not define", async () => {
    const { recorder, outbox } = await setUp();
    await expect(outbox.message({ sessionExternalId: "x", externalId: "x:1" } as never)).rejects.toThrow(
      OutboxRecordError,
    );
    await expect(outbox.session({ title: "no id" } as never)).rejects.toThrow(/externalId must be a non-empty string/);
    await expect(outbox.message({ ...message("x", 1), parts: [{ type: "text" }] } as never)).rejects.toThrow(
      /parts\[0\]/,
    );
    await expect(outbox.message({ ...message("x", 1), textContent: "x".repeat(1024 * 1024) })).rejects.toThrow(
      /over the 1048576 bytes/,
    );
    const cyclic: Record<string, unknown> = { type: "text" };
    cyclic.content = cyclic;
    await expect(outbox.message({ ...message("x", 1), parts: [cyclic as never] })).rejects.toThrow(
      /not JSON-serialisable/,
    );
    await outbox.session({ sessionId: "alias", title: "From the alias", messageCount: 3, endReason: "done" } as never);
    await outbox.flush();
    expect(recorder.sent[0]!.body).toEqual({ sessions: [{ externalId: "alias", title: "From the alias" }] });
  });

  it("stops with the server's error on a bad key, keeping every record", async () => {
    const sandbox: RunningSandbox = await startSandbox({ rateLimits: false });
    cleanups.push(() => sandbox.close());
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const outbox = createOutbox({ dir, baseUrl: sandbox.url, apiKey: "osk_not_the_key_of_this_sandbox_000" });
    cleanups.push(() => outbox.close());
    await outbox.session({ externalId: "kept", title: "Kept" });
    const failure = await outbox.flush().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect(await outbox.status()).toMatchObject({ pending: 1, inFlight: 0, lastError: { kind: "http", status: 401 } });
    // Bound to the account of the key it was enqueued with: another key's flush leaves it alone.
    const good = createOutbox({ dir, baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    cleanups.push(() => good.close());
    expect(await good.flush()).toMatchObject({ sent: 0, pending: 0, elsewhere: 1 });
  });

  it("keeps everything while the server is down, and delivers once it is back", async () => {
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const port = await freePort();
    const apiKey = "osk_0123456789abcdefghijklmnopqrstuv";
    const down = createOutbox({
      dir,
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    cleanups.push(() => down.close());
    for (let i = 0; i < 5; i++) await down.message(message("later", i));
    const report = await down.flush({ deadlineMs: 500 });
    expect(report).toMatchObject({ sent: 0, pending: 5 });
    expect(report.requests).toBeGreaterThan(1);
    // Refused connections never reached a server: nothing is in flight, nothing waits to settle.
    expect((await down.status()).inFlight).toBe(0);
    expect(report.lastError).toMatchObject({ kind: "connection-refused" });
    const sandbox = await startSandbox({ rateLimits: false, port, apiKeys: [apiKey] });
    cleanups.push(() => sandbox.close());
    const up = createOutbox({ dir, baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    cleanups.push(() => up.close());
    expect(await up.flush()).toMatchObject({ sent: 5, pending: 0, requests: 1 });
  });

  it("refuses to grow the spool past its cap, with an error that says so, and loses nothing it accepted", async () => {
    const { outbox, sandbox } = await setUp({ rateLimits: false }, { maxSpoolBytes: 16 * 1024 });
    let accepted = 0;
    let error: unknown;
    for (let i = 0; i < 200 && !error; i++) {
      try {
        await outbox.message(message("capped", i));
        accepted++;
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(OutboxFullError);
    expect(String((error as Error).message)).toMatch(/pass its cap of 16384 \(maxSpoolBytes\): nothing was written/);
    expect(accepted).toBeGreaterThan(10);
    expect(await outbox.flush()).toMatchObject({ sent: accepted, pending: 0 });
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("capped")!.messages).toHaveLength(accepted);
  });
});

describe("outbox: deployed servers' rules", () => {
  it("reads back a batch of messages with parts whose answer was lost instead of resending it (it had been stored)", async () => {
    const { sandbox, recorder, outbox } = await setUp({ rateLimits: false }, {}, { skipWaits: true });
    recorder.intercept = (_sent, i) => (i === 0 ? { loseAnswer: true } : undefined);
    for (let i = 0; i < 3; i++) await outbox.message(message("late", i));
    const report = await outbox.flush();
    expect(report).toMatchObject({ sent: 3, pending: 0 });
    // Only the first batch carried them; then the session was read back.
    expect(batchesCarrying(recorder.sent, "late:0")).toHaveLength(1);
    expect(recorder.sent.map((s) => s.path)).toEqual(["/sync/batch", "/api/sessions", "/api/sessions/get"]);
    const late = (await readBack(sandbox.url, sandbox.apiKey)).get("late")!;
    expect(late.messages.map((m) => m.parts)).toEqual([0, 1, 2].map((i) => message("late", i).parts));
  });

  it("tells the client a batch carrying parts is not repeatable: a retrying client never sends it twice", async () => {
    const { sandbox, dir } = await setUp();
    const recorder = recordingClient(sandbox.url, sandbox.apiKey, 5000, { maxRetries: 3, baseDelayMs: 10 });
    recorder.intercept = (sent) =>
      sent.path === "/sync/batch" && batchesCarrying(recorder.sent, "twice:0").length === 1
        ? { headers: { "X-Sandbox-Fault": "500-after" } }
        : undefined;
    const outbox = createOutbox({ dir, client: recorder.client, settleMs: 300, backoff: { baseMs: 20, maxMs: 100 } });
    cleanups.push(() => outbox.close());
    for (let i = 0; i < 3; i++) await outbox.message(message("twice", i));
    expect(await outbox.flush()).toMatchObject({ sent: 3, pending: 0 });
    expect(batchesCarrying(recorder.sent, "twice:0")).toHaveLength(1);
    const twice = (await readBack(sandbox.url, sandbox.apiKey)).get("twice")!;
    expect(twice.messages.map((m) => m.parts)).toEqual([0, 1, 2].map((i) => message("twice", i).parts));
  });

  it("batches again, after reading back, messages whose batch failed (503) without being stored", async () => {
    const { sandbox, recorder, outbox } = await setUp({ rateLimits: false }, {}, { skipWaits: true });
    recorder.intercept = (_sent, i) => (i === 0 ? { headers: { "X-Sandbox-Fault": "503" } } : undefined);
    for (let i = 0; i < 3; i++) await outbox.message(message("again", i));
    expect(await outbox.flush()).toMatchObject({ sent: 3, pending: 0 });
    expect(recorder.sent.map((s) => s.path)).toEqual(["/sync/batch", "/api/sessions", "/sync/batch"]);
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("again")!.messages.map((m) => m.parts)).toEqual(
      [0, 1, 2].map((i) => message("again", i).parts),
    );
  });

  it("sends an update of a stored message with parts alone, once its quiet window has passed, and keeps the new parts", async () => {
    const { sandbox, recorder, outbox, clock } = await setUp({ rateLimits: false }, {}, { skipWaits: true });
    await outbox.message(message("edit", 0));
    await outbox.flush();
    const first = clock!.now();
    await outbox.message({
      ...message("edit", 0),
      textContent: "edited",
      parts: [{ type: "text", content: "edited" }],
    });
    await outbox.message(message("edit", 1));
    expect(await outbox.flush()).toMatchObject({ sent: 2, pending: 0 });
    const update = recorder.sent.find((s) => s.path === "/sync/message")!;
    expect(update.body).toMatchObject({ externalId: "edit:0", parts: [{ type: "text", content: "edited" }] });
    expect(update.at - first).toBeGreaterThanOrEqual(5000);
    expect(batchesCarrying(recorder.sent, "edit:0")).toHaveLength(1);
    const edit = (await readBack(sandbox.url, sandbox.apiKey)).get("edit")!;
    expect(edit.messages.map((m) => [m.externalId, m.textContent, m.parts])).toEqual([
      ["edit:0", "edited", [{ type: "text", content: "edited" }]],
      ["edit:1", text(1), message("edit", 1).parts],
    ]);
  });

  it("sends again, once quiet, the sessions of a batch whose count shows one was skipped", async () => {
    const { sandbox, recorder, outbox } = await setUp({ rateLimits: false }, {}, { skipWaits: true });
    let rewritten = false;
    recorder.intercept = (sent) =>
      sent.path === "/sync/batch" && sent.body.sessions && !rewritten
        ? {
            rewrite: (body) => {
              rewritten = true;
              return { ...body, sessions: body.sessions - 1 };
            },
          }
        : undefined;
    await outbox.session({ externalId: "quiet", title: "T", model: "m", cost: 0.5, durationMs: 1000 });
    await outbox.message(message("quiet", 0));
    const report = await outbox.flush();
    expect(report).toMatchObject({ pending: 0, sent: 2 });
    const carrying = recorder.sent.filter((s) => s.path === "/sync/batch" && s.body.sessions);
    expect(carrying).toHaveLength(2);
    expect(carrying[1]!.at - carrying[0]!.at).toBeGreaterThanOrEqual(10_000);
    expect(carrying[1]!.body).toEqual({
      sessions: [{ externalId: "quiet", title: "T", model: "m", cost: 0.5, durationMs: 1000 }],
    });
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("quiet")!.summary).toMatchObject({
      cost: 0.5,
      durationMs: 1000,
    });
  });

  it.each([
    ["preserve", "/sync/message", 1_700_000_000_123],
    ["drop", "/sync/batch", undefined],
  ] as const)("createdAt: %s sends a message that carries one through %s", async (policy, path, storedCreatedAt) => {
    const { sandbox, recorder, outbox } = await setUp({ rateLimits: false }, { createdAt: policy });
    await outbox.session({ externalId: "dated", title: "Dated", createdAt: 1_700_000_000_000 });
    await outbox.message({ ...message("dated", 0), createdAt: 1_700_000_000_123 });
    expect(await outbox.flush()).toMatchObject({ sent: 2, pending: 0 });
    expect(recorder.sent.map((s) => s.path)).toEqual(
      policy === "preserve" ? ["/sync/session", "/sync/message"] : ["/sync/batch"],
    );
    expect(recorder.sent.some((s) => s.path === path)).toBe(true);
    const dated = (await readBack(sandbox.url, sandbox.apiKey)).get("dated")!;
    if (storedCreatedAt) {
      expect(dated.messages[0]!.createdAt).toBe(storedCreatedAt);
      expect(dated.summary.createdAt).toBe(1_700_000_000_000);
    } else {
      expect(dated.messages[0]!.createdAt).toBeGreaterThan(1_700_000_000_123);
    }
    expect(dated.messages[0]!.parts).toEqual(message("dated", 0).parts);
  });
});
