/**
 * Where the sandbox's deployed mode answered differently from deployed servers, each stated
 * against the server's modules (http.ts, sessions.ts, messages.ts, api.ts): keys, batch shapes,
 * which session a message update counts for, what is embedded and found by meaning, search hits,
 * the eval and Markdown exports, ids, numbers in the query, token arithmetic, validation texts;
 * and HEAD, and a server without an embeddings key.
 */
import { describe, expect, it } from "vitest";
import {
  answer,
  clock,
  deployed,
  get,
  json,
  KEY_A,
  message,
  post,
  read,
  sessionsNamed,
  textPart,
} from "./deployed-harness.js";

const ids = async (res: Promise<Response>) => (await json(res)).results.map((r: any) => r.externalId);

describe("writes", () => {
  it("1. /sync/session keys by `externalId || sessionId`, whatever else the falsy or unused one is", async () => {
    const s = await deployed();
    for (const [n, externalId] of [null, 0, false].entries())
      expect((await post(s, "/sync/session", { externalId, sessionId: `alias${n}` })).status).toBe(200);
    expect((await post(s, "/sync/session", { externalId: "kept", sessionId: 5 })).status).toBe(200);
    for (const key of ["alias0", "alias1", "alias2", "kept"]) expect(await sessionsNamed(s, key)).toHaveLength(1);
  });

  it("2. /sync/batch writes nothing for [], {}, null or empty arrays; a string array fails in the 200", async () => {
    const s = await deployed();
    const nothing = { ok: true, sessions: 0, messages: 0, errors: [] };
    for (const body of [[], {}, { sessions: null }, { sessions: {} }, { messages: [] }])
      expect(await answer(post(s, "/sync/batch", body))).toEqual([200, nothing]);
    const [status, result] = await answer(post(s, "/sync/batch", { sessions: "abc" }));
    expect(status).toBe(200);
    expect(result.errors).toEqual([expect.stringMatching(/^Sessions batch error: Error: ArgumentValidationError: /)]);
  });

  it("3. an update naming another session creates that session and adds its words there", async () => {
    const s = await deployed();
    await post(
      s,
      "/sync/message",
      message(1, { sessionExternalId: "a", externalId: "m", createdAt: clock.now - 60_000 }),
    );
    const update = message(1, { sessionExternalId: "b", externalId: "m", parts: [textPart("wombat")] });
    expect((await post(s, "/sync/message", update)).status).toBe(200);
    expect(await sessionsNamed(s, "b")).toHaveLength(1);
    expect(await ids(get(s, "/api/search?q=wombat"))).toEqual(["b"]);
    // The message itself stays in its session.
    expect((await read(s, "a")).messages.map((m: any) => m.externalId)).toEqual(["m"]);
  });

  it("11. tokens follow sessions.ts: a negative count is not written, yet enters the total; 1e400 stored", async () => {
    const s = await deployed();
    await post(s, "/sync/session", { externalId: "t", promptTokens: 10, completionTokens: 5 });
    clock.now += 11_000;
    await post(s, "/sync/session", { externalId: "t", promptTokens: -3, completionTokens: 7 });
    expect((await sessionsNamed(s, "t"))[0]).toMatchObject({ promptTokens: 10, completionTokens: 7, totalTokens: 4 });
    clock.now += 11_000;
    await post(s, "/sync/batch", { sessions: [{ externalId: "t", promptTokens: -3, completionTokens: 8 }] });
    expect((await sessionsNamed(s, "t"))[0]).toMatchObject({ promptTokens: 10, completionTokens: 8, totalTokens: 5 });
    expect((await post(s, "/sync/session", '{"externalId":"inf","promptTokens":1e400}')).status).toBe(200);
    expect((await sessionsNamed(s, "inf"))[0]).toMatchObject({ promptTokens: null, totalTokens: null });
  });

  it("12. refuses bodies in the words of Convex's argument validator", async () => {
    const s = await deployed();
    const { role: _role, ...noRole } = message(1);
    expect(await answer(post(s, "/sync/message", noRole))).toEqual([
      500,
      {
        error:
          "Error: ArgumentValidationError: Object is missing the required field `role`. Consider wrapping the " +
          "field validator in `v.optional(...)` if this is expected.",
      },
    ]);
    const batch = await json(post(s, "/sync/batch", { messages: [message(1, { createdAt: 1 })] }));
    expect(batch.errors).toEqual([
      "Messages batch error: Error: ArgumentValidationError: Object contains extra field `createdAt` that is not " +
        "in the validator. Path: .messages[0]",
    ]);
  });
});

describe("search", () => {
  it("4. embeds each message's textContent, its text parts only when it has none", async () => {
    const s = await deployed();
    await post(s, "/sync/message", message(1, { textContent: "platypus", parts: [textPart("echidna")] }));
    await post(s, "/sync/session", { externalId: "s" });
    await post(s, "/sync/session", { externalId: "other", title: "echidna" });
    expect((await ids(get(s, "/api/search?q=platypus&type=semantic")))[0]).toBe("s");
    expect((await ids(get(s, "/api/search?q=echidna&type=semantic")))[0]).toBe("other");
  });

  it("5, 6. semantic search and context return the nearest embedded sessions, no threshold; no score", async () => {
    const s = await deployed();
    await post(s, "/sync/session", { externalId: "x", title: "kangaroo" });
    await post(s, "/sync/session", { externalId: "y", title: "koala" });
    expect((await ids(get(s, "/api/search?q=quokka&type=semantic"))).sort()).toEqual(["x", "y"]);
    expect(await json(get(s, "/api/context?q=quokka"))).toMatchObject({ sessionCount: 2 });
    for (const type of ["fulltext", "semantic", "hybrid"]) {
      const { results } = await json(get(s, `/api/search?q=kangaroo&type=${type}`));
      expect(results.length).toBeGreaterThan(0);
      for (const hit of results) expect(hit).not.toHaveProperty("score");
    }
  });

  it("with noEmbeddings, answers every semantic, hybrid and context search 500, full-text as usual", async () => {
    const s = await deployed({ noEmbeddings: true });
    await post(s, "/sync/session", { externalId: "x", title: "kangaroo" });
    const failed = [500, { error: "Error: Uncaught Error: OPENAI_API_KEY not set" }];
    expect(await answer(get(s, "/api/search?q=kangaroo&type=semantic"))).toEqual(failed);
    expect(await answer(get(s, "/api/search?q=kangaroo&type=hybrid"))).toEqual(failed);
    expect(await answer(get(s, "/api/context?q=kangaroo"))).toEqual(failed);
    expect(await ids(get(s, "/api/search?q=kangaroo"))).toEqual(["x"]);
  });
});

describe("reads and exports", () => {
  async function evalReady(s: Awaited<ReturnType<typeof deployed>>) {
    await post(s, "/sync/message", message(1, { role: "user", textContent: "Why?", createdAt: clock.now - 60_000 }));
    await post(s, "/sync/message", message(2, { textContent: "Because.", createdAt: clock.now - 59_000 }));
  }

  it("7. checks turn_mode after the eval 404s, and sets only Access-Control-Allow-Origin on the export", async () => {
    const s = await deployed();
    expect(await answer(get(s, "/api/export/evals?turn_mode=bad"))).toEqual([
      404,
      { error: "No eval-ready sessions found" },
    ]);
    await evalReady(s);
    const token = s.tokenFor(KEY_A);
    const [status, body] = await answer(get(s, "/api/export/evals?turn_mode=bad", token));
    expect([status, body.error]).toEqual([500, expect.stringMatching(/^Error: ArgumentValidationError: /)]);
    const ok = await get(s, "/api/export/evals", token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(ok.headers.get("access-control-allow-methods")).toBeNull();
    expect(ok.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("8. answers 500 for a message's id where a session's is expected", async () => {
    const s = await deployed();
    const { messageId } = await json(post(s, "/sync/message", message(1)));
    const [status, body] = await answer(get(s, `/api/sessions/get?id=${messageId}`));
    expect([status, body.error]).toEqual([500, expect.stringContaining('Validator: v.id("sessions")')]);
  });

  it("9. reads limit with parseInt and no radix: 0x10 is 16", async () => {
    const s = await deployed();
    await post(s, "/sync/batch", { sessions: Array.from({ length: 20 }, (_, i) => ({ externalId: `s${i}` })) });
    expect((await json(get(s, "/api/sessions?limit=0x10"))).sessions).toHaveLength(16);
  });

  it("10. writes the Markdown export as the api module does: each text part then a blank line", async () => {
    const s = await deployed();
    await post(s, "/sync/message", message(1, { parts: [textPart("one"), textPart("two")] }));
    await post(s, "/sync/message", message(2, { role: "user", textContent: "three" }));
    const [{ id }] = await sessionsNamed(s, "s");
    const res = await get(s, `/api/export?id=${id}&format=markdown`);
    expect(res.headers.get("content-type")).toBe("text/markdown");
    expect(await res.text()).toBe(
      "# Untitled\n\n- **Project:** N/A\n- **Model:** N/A\n- **Tokens:** 0\n- **Cost:** $0.0000\n\n---\n\n" +
        "## Assistant\n\none\n\ntwo\n\n## User\n\nthree\n\n",
    );
  });

  it("answers HEAD as GET, without a body", async () => {
    const s = await deployed();
    const head = await get(s, "/api/sessions", KEY_A, { method: "HEAD" });
    expect([head.status, head.headers.get("content-type"), await head.text()]).toEqual([
      200,
      expect.stringContaining("application/json"),
      "",
    ]);
    expect((await get(s, "/sync/session", KEY_A, { method: "HEAD" })).status).toBe(404);
  });
});
