/**
 * What deployed servers store and return, what their search indexes, and how they answer exports,
 * as the sandbox's deployed mode reproduces them.
 */
import { describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, unwrap } from "../../src/index.js";
import {
  answer,
  clock,
  deployed,
  get,
  json,
  KEY_A,
  later,
  MODES,
  message,
  post,
  sandbox,
  searchIds,
  textPart,
} from "./deployed-harness.js";

describe("what deployed servers store and return", () => {
  it("stores float and negative tokens and null part content, and the typed client reads them without error", async () => {
    const s = await deployed();
    await post(s, "/sync/session", {
      externalId: "s",
      title: "t",
      promptTokens: 12.5,
      completionTokens: -1,
      cost: 0.0042,
    });
    const written = await post(
      s,
      "/sync/message",
      message(1, {
        promptTokens: 3.25,
        parts: [
          { type: "tool-result", content: null },
          { type: "", content: "x" },
        ],
      }),
    );
    expect(written.status).toBe(200);
    const client = createOpenSyncClient({ baseUrl: s.url, apiKey: KEY_A, retry: false });
    const { sessions } = await unwrap(client.GET("/api/sessions"));
    const detail = await unwrap(client.GET("/api/sessions/get", { params: { query: { id: sessions[0]!.id } } }));
    expect(detail.session).toMatchObject({ promptTokens: 12.5, completionTokens: -1, totalTokens: 11.5 });
    expect(detail.messages[0]).toMatchObject({
      promptTokens: 3.25,
      parts: [
        { type: "tool-result", content: null },
        { type: "", content: "x" },
      ],
    });
    // The contract refuses both.
    const contract = await sandbox();
    expect((await post(contract, "/sync/session", { externalId: "s", promptTokens: 12.5 })).status).toBe(400);
    expect(
      (await post(contract, "/sync/message", message(1, { parts: [{ type: "text", content: null }] }))).status,
    ).toBe(400);
  });

  it.each(MODES)(
    "against %s, /sync/session takes the key as sessionId when externalId is absent",
    async (_mode, options) => {
      const s = await sandbox(options);
      expect((await post(s, "/sync/session", { sessionId: "older-name", title: "t" })).status).toBe(200);
      expect((await post(s, "/sync/session", { externalId: "both", sessionId: "ignored" })).status).toBe(200);
      expect((await json(get(s, "/sync/sessions/list"))).sessionIds).toEqual(["older-name", "both"]);
    },
  );
});

describe("search as deployed servers index it", () => {
  it("a title change through /sync/session resets the full-text search text to the title", async () => {
    for (const [mode, options] of MODES) {
      const s = await sandbox(options);
      await post(s, "/sync/session", { externalId: "s", title: "Login bug" });
      await post(s, "/sync/message", message(1, { parts: [textPart("zebra stripes")] }));
      expect([mode, await searchIds(s, "zebra")]).toEqual([mode, ["s"]]);
      await post(s, "/sync/session", { externalId: "s", title: "Login bug, fixed" });
      expect([mode, await searchIds(s, "zebra")]).toEqual([mode, mode === "the contract" ? ["s"] : []]);
      expect([mode, await searchIds(s, "fixed")]).toEqual([mode, ["s"]]);
    }
  });

  it("full-text search reads 10,000 characters of search text, which every /sync/message write appends to", async () => {
    const s = await deployed();
    await post(s, "/sync/session", { externalId: "s", title: "t" });
    const long = textPart(`${"filler ".repeat(800)}`.trim());
    await post(s, "/sync/message", message(1, { parts: [long] }));
    later(6_000);
    // The same message again: its words are appended a second time, filling the 10,000 characters.
    await post(s, "/sync/message", message(1, { parts: [long] }));
    await post(s, "/sync/message", message(2, { parts: [textPart("aardvark")] }));
    expect(await searchIds(s, "aardvark")).toEqual([]);
    const contract = await sandbox();
    await post(contract, "/sync/session", { externalId: "s", title: "t" });
    await post(contract, "/sync/message", message(1, { parts: [long] }));
    await post(contract, "/sync/message", message(1, { parts: [long] }));
    await post(contract, "/sync/message", message(2, { parts: [textPart("aardvark")] }));
    expect(await searchIds(contract, "aardvark")).toEqual(["s"]);
  });

  it("semantic, hybrid and context search find only sessions embedded by /sync/session, as they were at that call", async () => {
    const s = await deployed();
    await post(s, "/sync/session", { externalId: "embedded", title: "Token refresh" });
    await post(s, "/sync/message", {
      ...message(1, { parts: [textPart("kangaroo")] }),
      sessionExternalId: "embedded",
    });
    await post(s, "/sync/batch", {
      sessions: [{ externalId: "batched", title: "Token refresh again" }],
      messages: [{ ...message(2, { parts: [textPart("kangaroo")] }), sessionExternalId: "batched" }],
    });
    expect(await searchIds(s, "token refresh", "semantic")).toEqual(["embedded"]);
    // The nearest embedded sessions, however far: a batch never embeds, so "batched" is never found by meaning.
    expect(await searchIds(s, "kangaroo", "semantic")).toEqual(["embedded"]);
    expect((await searchIds(s, "kangaroo", "fulltext")).sort()).toEqual(["batched", "embedded"]);
    const hybrid = (await json(get(s, "/api/search?q=token&type=hybrid"))).results;
    expect(hybrid.map((r: any) => r.externalId).sort()).toEqual(["batched", "embedded"]);
    expect(await json(get(s, "/api/context?q=kangaroo"))).toMatchObject({ sessionCount: 1 });
    await post(s, "/sync/session", { externalId: "embedded", title: "Token refresh" });
    expect(await searchIds(s, "kangaroo", "semantic")).toEqual(["embedded"]);
    expect(await json(get(s, "/api/context?q=kangaroo&format=messages"))).toMatchObject({ sessionCount: 1 });
    // The contract mode finds every session by its current content.
    const contract = await sandbox();
    await post(contract, "/sync/batch", { sessions: [{ externalId: "batched", title: "Token refresh" }] });
    expect(await searchIds(contract, "token refresh", "semantic")).toEqual(["batched"]);
  });
});

describe("exports as deployed servers answer them", () => {
  async function withEvalReadySession(s: RunningSandbox) {
    await post(
      s,
      "/sync/message",
      message(1, { role: "user", textContent: "Why does login fail?", createdAt: clock.now - 60_000 }),
    );
    await post(
      s,
      "/sync/message",
      message(2, { role: "assistant", textContent: "The token expired.", createdAt: clock.now - 59_000 }),
    );
  }

  it("the eval export lets API keys through, answers its 404s first, then fails with 500", async () => {
    const s = await deployed();
    expect(await answer(get(s, "/api/export/evals"))).toEqual([404, { error: "No eval-ready sessions found" }]);
    await withEvalReadySession(s);
    expect(await answer(get(s, "/api/export/evals?model=none"))).toEqual([
      404,
      { error: "No sessions match the specified filters" },
    ]);
    const [status, body] = await answer(get(s, "/api/export/evals"));
    expect([status, typeof body.error]).toEqual([500, "string"]);
    // A WorkOS token gets the dataset.
    const token = await fetch(`${s.url}/api/export/evals`, {
      headers: { authorization: `Bearer ${s.tokenFor(KEY_A)}` },
    });
    expect(token.status).toBe(200);
    // The contract refuses API keys at once.
    const contract = await sandbox();
    expect((await get(contract, "/api/export/evals")).status).toBe(403);
  });

  it("the Markdown export carries no CORS headers (JSON answers do), its file name replaces what is not A-Z, a-z, 0-9", async () => {
    const s = await deployed();
    const { sessionId } = await json(post(s, "/sync/session", { externalId: "s", title: "Fix auth (v2)!" }));
    await post(s, "/sync/message", message(1, { role: "tool", parts: [textPart("ran tests")] }));
    const markdown = await get(s, `/api/export?id=${sessionId}&format=markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("access-control-allow-origin")).toBeNull();
    expect(markdown.headers.get("content-disposition")).toBe('attachment; filename="Fix-auth--v2--.md"');
    expect(await markdown.text()).toContain("## Assistant\n");
    const asJson = await get(s, `/api/export?id=${sessionId}&format=md`);
    expect([asJson.headers.get("access-control-allow-origin"), Object.keys(await asJson.json())]).toEqual([
      "*",
      ["session", "messages"],
    ]);
    const contract = await sandbox();
    const contractId = (await json(post(contract, "/sync/session", { externalId: "s", title: "t" }))).sessionId;
    expect(
      (await get(contract, `/api/export?id=${contractId}&format=markdown`)).headers.get("access-control-allow-origin"),
    ).toBe("*");
  });
});
