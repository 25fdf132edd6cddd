/**
 * The writes deployed servers skip while answering success (sessions within 10 s, messages within
 * 5 s of their createdAt), with the sandbox's clock injected so the windows pass without waiting.
 */
import { describe, expect, it } from "vitest";
import {
  clock,
  deployed,
  get,
  json,
  KEY_A,
  KEY_B,
  later,
  MODES,
  message,
  post,
  read,
  sandbox,
  textPart,
} from "./deployed-harness.js";

describe("writes deployed servers skip while answering success", () => {
  it("/sync/session skips an update within 10 s that changes only cost or durationMs, and writes it after", async () => {
    const s = await deployed();
    const first = await json(post(s, "/sync/session", { externalId: "s", title: "t", model: "m", cost: 1 }));
    later(9_000);
    const skipped = await json(
      post(s, "/sync/session", { externalId: "s", title: "t", model: "m", cost: 2, durationMs: 500 }),
    );
    expect(skipped).toEqual(first);
    expect((await read(s, "s")).session).toMatchObject({ cost: 1 });
    expect((await read(s, "s")).session.durationMs).toBeUndefined();
    later(1_001);
    await post(s, "/sync/session", { externalId: "s", title: "t", model: "m", cost: 2, durationMs: 500 });
    expect((await read(s, "s")).session).toMatchObject({ cost: 2, durationMs: 500 });
  });

  it("/sync/session writes at once when a compared field changes (the contract mode never skips)", async () => {
    for (const [mode, options] of MODES) {
      const s = await sandbox(options);
      await post(s, "/sync/session", { externalId: "s", title: "t", cost: 1 });
      await post(s, "/sync/session", { externalId: "s", title: "t", projectPath: "/p", cost: 2 });
      expect([mode, (await read(s, "s")).session.cost]).toEqual([mode, 2]);
      await post(s, "/sync/session", { externalId: "s", title: "t", projectPath: "/p", cost: 3 });
      expect([mode, (await read(s, "s")).session.cost]).toEqual([mode, mode === "the contract" ? 3 : 2]);
    }
  });

  it("never writes tokens of 0 on update (a negative count is not written either)", async () => {
    const s = await deployed();
    await post(s, "/sync/session", { externalId: "s", title: "t", promptTokens: 100, completionTokens: 50 });
    await post(s, "/sync/session", { externalId: "s", title: "t2", promptTokens: 0, completionTokens: -5 });
    expect((await read(s, "s")).session).toMatchObject({
      title: "t2",
      promptTokens: 100,
      completionTokens: 50,
      totalTokens: 150,
    });
  });

  it("the batch's session rule compares title, model and promptTokens only, and leaves skipped sessions out of its count", async () => {
    const s = await deployed();
    await post(s, "/sync/batch", { sessions: [{ externalId: "s", title: "t", model: "m", projectPath: "/a" }] });
    later(1_000);
    const skipped = await json(
      post(s, "/sync/batch", {
        sessions: [{ externalId: "s", title: "t", model: "m", projectPath: "/b", completionTokens: 9 }],
      }),
    );
    expect(skipped).toMatchObject({ sessions: 0, errors: [] });
    expect((await read(s, "s")).session).toMatchObject({ projectPath: "/a", completionTokens: 0 });
    // The single route compares projectPath: the same change is written.
    await post(s, "/sync/session", { externalId: "s", title: "t", model: "m", projectPath: "/b" });
    expect((await read(s, "s")).session).toMatchObject({ projectPath: "/b" });
  });

  it("/sync/message changes nothing within 5 s of the message's createdAt, and updates it after", async () => {
    const s = await deployed();
    const first = await json(post(s, "/sync/message", message(1, { textContent: "draft" })));
    later(4_000);
    expect(await json(post(s, "/sync/message", message(1, { textContent: "final" })))).toEqual(first);
    expect((await read(s, "s")).messages[0].textContent).toBe("draft");
    later(1_001);
    await post(s, "/sync/message", message(1, { textContent: "final" }));
    expect((await read(s, "s")).messages[0].textContent).toBe("final");
  });

  it("a createdAt in the future holds updates back until 5 s after it; one in the past never does", async () => {
    const s = await deployed();
    await post(s, "/sync/message", message(1, { textContent: "v1", createdAt: clock.now + 60_000 }));
    await post(s, "/sync/message", message(2, { textContent: "v1", createdAt: clock.now - 3_600_000 }));
    later(30_000);
    await post(s, "/sync/message", message(1, { textContent: "v2" }));
    await post(s, "/sync/message", message(2, { textContent: "v2" }));
    expect((await read(s, "s")).messages.map((m: any) => [m.externalId, m.textContent])).toEqual([
      ["s:2", "v2"],
      ["s:1", "v1"],
    ]);
    later(35_001);
    await post(s, "/sync/message", message(1, { textContent: "v3" }));
    expect((await read(s, "s")).messages.map((m: any) => [m.externalId, m.textContent])).toEqual([
      ["s:2", "v2"],
      ["s:1", "v3"],
    ]);
  });

  it("message updates never change role, createdAt or session, in both modes", async () => {
    for (const [mode, options] of MODES) {
      const s = await sandbox(options);
      await post(s, "/sync/message", message(1, { role: "user", createdAt: 1_000 }));
      later(6_000);
      await post(s, "/sync/message", {
        ...message(1, { role: "assistant", createdAt: 2_000 }),
        sessionExternalId: "elsewhere",
        textContent: "moved?",
      });
      const m = (await read(s, "s")).messages[0];
      expect([mode, m.role, m.createdAt, m.textContent]).toEqual([mode, "user", 1_000, "moved?"]);
    }
  });

  it("stores source cursor as cursor-sync on insert only: an update stores it as sent", async () => {
    const s = await deployed();
    const token = { authorization: `Bearer ${s.tokenFor(KEY_A)}` };
    // The eval export's tool filter matches `source` exactly (deployed listings leave it out).
    const exportedAs = async (tool: string) =>
      (await fetch(`${s.url}/api/export/evals?tool=${tool}`, { headers: token })).status;
    await post(s, "/sync/session", { externalId: "s", title: "t", source: "cursor" });
    await post(s, "/sync/message", message(1, { role: "user", createdAt: clock.now - 60_000 }));
    await post(s, "/sync/message", message(2, { role: "assistant", createdAt: clock.now - 59_000 }));
    expect([await exportedAs("cursor-sync"), await exportedAs("cursor")]).toEqual([200, 404]);
    await post(s, "/sync/session", { externalId: "s", title: "t2", source: "cursor" });
    expect([await exportedAs("cursor-sync"), await exportedAs("cursor")]).toEqual([404, 200]);
    const contract = await sandbox();
    await post(contract, "/sync/session", { externalId: "s", title: "t", source: "cursor" });
    await post(contract, "/sync/session", { externalId: "s", title: "t2", source: "cursor" });
    expect((await json(get(contract, "/api/sessions"))).sessions[0].source).toBe("cursor-sync");
  });

  it("looks message ids up across accounts: another key's write updates the first key's message", async () => {
    const s = await deployed();
    await post(s, "/sync/message", message(1, { textContent: "mine", parts: [textPart("mine")] }), { key: KEY_A });
    later(6_000);
    await post(
      s,
      "/sync/message",
      { ...message(1, { textContent: "theirs", parts: [textPart("theirs")] }), sessionExternalId: "other" },
      { key: KEY_B },
    );
    expect((await read(s, "s", KEY_A)).messages[0]).toMatchObject({
      textContent: "theirs",
      parts: [textPart("theirs")],
    });
    // The contract keeps accounts apart.
    const contract = await sandbox();
    await post(contract, "/sync/message", message(1, { textContent: "mine" }), { key: KEY_A });
    await post(contract, "/sync/message", message(1, { textContent: "theirs" }), { key: KEY_B });
    expect((await read(contract, "s", KEY_A)).messages[0].textContent).toBe("mine");
  });
});
