/**
 * What Convex refuses under deployed servers, whatever their routes accept, as the sandbox's
 * deployed mode reproduces it (openapi.yaml, Deployed servers, What Convex refuses): field names,
 * 1 MiB per stored document, each batch array's transaction limits, and duplicates inside one
 * batch (items read before any is written).
 */
import { describe, expect, it } from "vitest";
import { answer, deployed, get, json, message, post, read, sandbox, sessionsNamed } from "./deployed-harness.js";

const toolCall = (args: object) => message(1, { parts: [{ type: "tool-call", content: { name: "write", args } }] });

describe("field names", () => {
  it("/sync/message answers 500 with Convex's text for each rule, and stores nothing", async () => {
    const s = await deployed();
    const long = "k".repeat(1025);
    const cases: [object, string][] = [
      [{ $schema: "x" }, "Error: Field name $schema starts with a '$', which is reserved."],
      [
        { "résumé.md": "x" },
        "Error: Field name résumé.md has invalid character 'é': Field names can only contain non-control " +
          "ASCII characters",
      ],
      [{ [long]: 1 }, `Error: Field name ${long} exceeds maximum field name length 1024.`],
    ];
    for (const [args, text] of cases)
      expect(await answer(post(s, "/sync/message", toolCall(args)))).toEqual([500, { error: text }]);
    expect(await read(s, "s")).toBeUndefined();
    // 1,024 characters, spaces, punctuation are fine.
    expect((await post(s, "/sync/message", toolCall({ ["k".repeat(1024)]: 1, "a b.md": 2 }))).status).toBe(200);
  });

  it("/sync/batch refuses the whole messages array inside a 200, and still writes the sessions", async () => {
    const s = await deployed();
    const body = { sessions: [{ externalId: "s" }], messages: [message(0), toolCall({ deep: [{ $ref: "#/a" }] })] };
    expect(await answer(post(s, "/sync/batch", body))).toEqual([
      200,
      {
        ok: true,
        sessions: 1,
        messages: 0,
        errors: ["Messages batch error: Error: Field name $ref starts with a '$', which is reserved."],
      },
    ]);
    expect((await read(s, "s")).messages).toEqual([]);
  });

  it("/api/stats answers 500 for good once a session's model is a key Convex refuses; '' is unknown", async () => {
    const s = await deployed();
    expect((await post(s, "/sync/session", { externalId: "a", model: "" })).status).toBe(200);
    expect((await json(get(s, "/api/stats"))).modelUsage).toHaveProperty("unknown");
    expect((await post(s, "/sync/session", { externalId: "b", model: "$default" })).status).toBe(200);
    expect(await answer(get(s, "/api/stats"))).toEqual([
      500,
      { error: "Error: Field name $default starts with a '$', which is reserved." },
    ]);
  });

  it("the contract refuses such a model name with 400 naming the field", async () => {
    const s = await sandbox();
    const [status, body] = await answer(post(s, "/sync/session", { externalId: "b", model: "$default" }));
    expect(status).toBe(400);
    expect(body.error.message).toContain("model");
  });
});

describe("1 MiB per stored document, not per request", () => {
  const third = "x".repeat(500_000);

  it("stores a 1.5 MB message in three parts", async () => {
    const s = await deployed();
    const body = message(1, { parts: [1, 2, 3].map(() => ({ type: "text", content: third })) });
    expect((await post(s, "/sync/message", body)).status).toBe(200);
    expect((await read(s, "s")).messages[0].parts).toHaveLength(3);
  });

  it("answers 500 on /sync/message for one part over 1 MiB, storing nothing", async () => {
    const s = await deployed();
    const body = message(1, { parts: [{ type: "text", content: "x".repeat(1_100_000) }] });
    const [status, { error }] = await answer(post(s, "/sync/message", body));
    expect(status).toBe(500);
    expect(error).toMatch(/Value is too large \(1\.05 MiB > maximum size 1 MiB\)/);
    expect(await read(s, "s")).toBeUndefined();
  });

  it("in a batch, fails that message alone, after its row was inserted: it stays without its parts", async () => {
    const s = await deployed();
    const big = message(1, { parts: [{ type: "text", content: "x".repeat(1_100_000) }] });
    const [status, result] = await answer(post(s, "/sync/batch", { messages: [message(0), big] }));
    expect(status).toBe(200);
    expect(result.messages).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^s:1: Error: .*Value is too large/);
    const { session, messages: stored } = await read(s, "s");
    // Only inserted items count: the refused one stays uncounted.
    expect(session.messageCount).toBe(1);
    expect(stored.map((m: any) => [m.externalId, m.parts.length])).toEqual([
      ["s:0", 0],
      ["s:1", 0],
    ]);
  });
});

describe("each batch array is one transaction, within Convex's limits", () => {
  const sessions = (n: number) => Array.from({ length: n }, (_, i) => ({ externalId: `s${i}` }));

  it("takes 4,096 sessions (one index range each) and refuses 4,097 whole", async () => {
    const s = await deployed();
    expect(await json(post(s, "/sync/batch", { sessions: sessions(4096) }))).toMatchObject({ sessions: 4096 });
    const over = await json(
      post(s, "/sync/batch", { sessions: sessions(4097).map((x) => ({ externalId: `t${x.externalId}` })) }),
    );
    expect(over.sessions).toBe(0);
    expect(over.errors).toEqual([
      "Sessions batch error: Error: Too many index ranges read in a single function execution (limit: 4096)",
    ]);
  });

  it("takes messages writing 16,000 documents (message, parts, a new session twice), refuses 16,001", async () => {
    const s = await deployed();
    const parts = (n: number) => Array.from({ length: n }, () => ({ type: "t", content: 0 }));
    // 2 (the session) + 2 messages of 1 + 7,998 parts = 16,000.
    const at = [message(1, { parts: parts(7998) }), message(2, { parts: parts(7998) })];
    expect(await json(post(s, "/sync/batch", { messages: at }))).toMatchObject({ messages: 2, errors: [] });
    const over = [
      message(1, { sessionExternalId: "t", externalId: "t:1", parts: parts(7998) }),
      message(2, { sessionExternalId: "t", externalId: "t:2", parts: parts(7999) }),
    ];
    expect(await json(post(s, "/sync/batch", { messages: over }))).toEqual({
      ok: true,
      sessions: 0,
      messages: 0,
      errors: ["Messages batch error: Error: Too many documents written in a single function execution (limit: 16000)"],
    });
  });
});

describe("the same externalId twice in one batch", () => {
  it("inserts two sessions and two messages for a new key: every item is read before any is written", async () => {
    const s = await deployed();
    const body = {
      sessions: [
        { externalId: "d", title: "first" },
        { externalId: "d", title: "second" },
      ],
      messages: [
        message(1, { sessionExternalId: "d", externalId: "d:1" }),
        message(1, { sessionExternalId: "d", externalId: "d:1" }),
      ],
    };
    expect(await json(post(s, "/sync/batch", body))).toMatchObject({ sessions: 2, messages: 2, errors: [] });
    expect((await sessionsNamed(s, "d")).map((x) => x.title).sort()).toEqual(["first", "second"]);
    expect((await json(get(s, "/sync/sessions/list"))).sessionIds).toEqual(["d", "d"]);
    const [first] = await sessionsNamed(s, "d");
    const holder = first.messageCount === 2 ? first : (await sessionsNamed(s, "d"))[1];
    expect(holder.messageCount).toBe(2);
  });

  it("in the contract, is one record, written by each copy in turn", async () => {
    const s = await sandbox();
    const body = {
      sessions: [
        { externalId: "d", title: "first" },
        { externalId: "d", title: "second" },
      ],
    };
    expect(await json(post(s, "/sync/batch", body))).toMatchObject({ sessions: 2 });
    expect((await sessionsNamed(s, "d")).map((x) => x.title)).toEqual(["second"]);
  });
});
