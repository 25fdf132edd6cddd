/**
 * A repeated /sync/batch and message parts, and faults after the write: where a behaviour is the
 * same in both modes (the batch's part deletion, the faults after the write), the test runs both.
 */
import { describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, OutcomeUnknownError, unwrap } from "../../src/index.js";
import {
  auth,
  deployed,
  get,
  json,
  KEY_A,
  later,
  MODES,
  message,
  post,
  read,
  sandbox,
  textPart,
} from "./deployed-harness.js";

describe("a repeated /sync/batch and message parts", () => {
  it.each(MODES)(
    "against %s, a batch that updates a message deletes its parts and inserts none",
    async (_mode, options) => {
      const s = await sandbox(options);
      const batch = { messages: [message(1, { parts: [textPart("kept?")] })] };
      expect(await json(post(s, "/sync/batch", batch))).toMatchObject({ messages: 1, errors: [] });
      expect((await read(s, "s")).messages[0].parts).toEqual([textPart("kept?")]);
      later(6_000);
      expect(await json(post(s, "/sync/batch", batch))).toMatchObject({ messages: 1, errors: [] });
      expect((await read(s, "s")).messages[0].parts).toEqual([]);
    },
  );

  it("a batch repeated within 5 s changes nothing in deployed mode, and leaves the ignored message out of its count", async () => {
    const s = await deployed();
    const batch = { messages: [message(1, { parts: [textPart("kept")] })] };
    await post(s, "/sync/batch", batch);
    later(2_000);
    expect(await json(post(s, "/sync/batch", batch))).toMatchObject({ messages: 0, errors: [] });
    expect((await read(s, "s")).messages[0].parts).toEqual([textPart("kept")]);
  });

  it("a naive retry loop after cut connections (reset-after) loses the parts in deployed mode", async () => {
    const s = await deployed();
    const body = JSON.stringify({
      sessions: [{ externalId: "s", title: "t" }],
      messages: [message(1, { parts: [textPart("p1")] }), message(2, { parts: [textPart("p2")] })],
    });
    // The server writes each attempt and then the connection drops, three times; the loop
    // resends after 1, 2 and 4 s of backoff (the sandbox's clock moves by as much).
    const fault = { "x-sandbox-fault": "reset-after; count=3" };
    let attempts = 0;
    for (const backoff of [1_000, 2_000, 4_000, 0]) {
      attempts++;
      const sent = await post(s, "/sync/batch", body, { headers: fault }).then(
        (r) => r.status,
        () => "dropped" as const,
      );
      if (sent === 200) break;
      later(backoff);
    }
    expect(attempts).toBe(4);
    const { messages } = await read(s, "s");
    expect(messages.map((m: any) => m.parts)).toEqual([[], []]);
  });

  it("our client under the same fault does not repeat the batch: it raises OutcomeUnknownError and every part is kept", async () => {
    const s = await deployed();
    const client = createOpenSyncClient({
      baseUrl: s.url,
      apiKey: KEY_A,
      retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    });
    const before = s.stats().requests;
    const body = {
      sessions: [{ externalId: "s", title: "t" }],
      messages: [
        { sessionExternalId: "s", externalId: "s:1", role: "user" as const, parts: [textPart("p1")] },
        { sessionExternalId: "s", externalId: "s:2", role: "assistant" as const, parts: [textPart("p2")] },
      ],
    };
    const failure = await unwrap(
      client.POST("/sync/batch", { body, headers: { "x-sandbox-fault": "reset-after; count=3" } }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    expect(s.stats().requests - before).toBe(1);
    // The fault's two other dropped answers are still armed: the client did not spend them on retries.
    for (let i = 0; i < 2; i++)
      expect(
        await get(s, "/api/stats").then(
          () => "answered",
          () => "dropped",
        ),
      ).toBe("dropped");
    later(10_000);
    const { messages } = await read(s, "s");
    expect(messages.map((m: any) => m.parts)).toEqual([[textPart("p1")], [textPart("p2")]]);
  });
});

describe("faults after the write", () => {
  it.each(MODES)(
    "against %s, reset-after and 500-after let the write happen and lose its answer",
    async (_mode, options) => {
      const s = await sandbox(options);
      const dropped = await post(
        s,
        "/sync/session",
        { externalId: "a", title: "t" },
        { headers: { "x-sandbox-fault": "reset-after" } },
      ).then(
        () => "answered",
        () => "dropped",
      );
      expect(dropped).toBe("dropped");
      const failed = await post(
        s,
        "/sync/session",
        { externalId: "b", title: "t" },
        { headers: { "x-sandbox-fault": "500-after" } },
      );
      expect(failed.status).toBe(500);
      expect((await json(get(s, "/sync/sessions/list"))).sessionIds).toEqual(["a", "b"]);
      // A refused request is answered as usual, with or without them.
      const refused = await post(
        s,
        "/sync/session",
        { title: "no key" },
        { headers: { "x-sandbox-fault": "500-after; id=2" } },
      );
      expect(refused.status).toBe(400);
    },
  );

  it("random faults draw from the kinds before the write unless faults.kinds lists the others", async () => {
    // A forced fault that lets the request through at once: how to read past random faults.
    const unfaulted = (id: string) => ({ "x-sandbox-fault": `slow; delay=0; id=${id}` });
    const listed = async (s: RunningSandbox, id: string) =>
      (await json(fetch(`${s.url}/sync/sessions/list`, { headers: { ...auth(), ...unfaulted(id) } }))).sessionIds;
    const before = await sandbox({ rateLimits: false, faults: { rate: 1, slowMs: 0 } });
    const answered: string[] = [];
    for (let i = 0; i < 30; i++) {
      const status = await post(before, "/sync/session", { externalId: `s${i}` }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) answered.push(`s${i}`);
    }
    // Only the slow faults let the write through, and they answer it: nothing was written unanswered.
    expect(await listed(before, "1")).toEqual(answered);
    expect(answered.length).toBeLessThan(30);
    const after = await sandbox({ rateLimits: false, faults: { rate: 1, kinds: ["500-after"] } });
    for (let i = 0; i < 3; i++) expect((await post(after, "/sync/session", { externalId: `s${i}` })).status).toBe(500);
    expect(await listed(after, "2")).toEqual(["s0", "s1", "s2"]);
  });
});
