/**
 * The sandbox's deployed mode (`deployed: true`): each way deployed servers differ from the
 * contract, as openapi.yaml describes it, stated by one test over loopback, with the sandbox's
 * clock injected so that the 10 s and 5 s windows pass without waiting. Where a behaviour is the
 * same in both modes (the batch's part deletion, the faults after the write, the sessionId key),
 * the test runs both.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, OutcomeUnknownError, unwrap } from "../../src/index.js";

const KEY_A = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const KEY_B = "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** The sandbox's clock: tests move it instead of sleeping. */
let now = 1_767_225_600_000;
const later = (ms: number) => (now += ms);

async function sandbox(options: StartSandboxOptions = {}) {
  const s = await startSandbox({ apiKeys: [KEY_A, KEY_B], now: () => now, ...options });
  open.push(s);
  return s;
}
const deployed = (options: StartSandboxOptions = {}) => sandbox({ deployed: true, ...options });

const MODES = [
  ["the contract", {}],
  ["deployed servers", { deployed: true }],
] as const;

const auth = (key = KEY_A) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const post = (
  s: RunningSandbox,
  path: string,
  body: unknown,
  { key = KEY_A, headers = {} }: { key?: string; headers?: Record<string, string> } = {},
) =>
  fetch(`${s.url}${path}`, {
    method: "POST",
    headers: { ...auth(key), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (s: RunningSandbox, path: string, key = KEY_A) => fetch(`${s.url}${path}`, { headers: auth(key) });
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const answer = async (res: Response | Promise<Response>) => {
  const r = await res;
  return [r.status, await r.json()];
};

/** A session's stored state, read back through the API. */
async function read(s: RunningSandbox, externalId: string, key = KEY_A): Promise<any> {
  const list = await json(get(s, "/api/sessions?limit=200", key));
  const found = list.sessions.find((x: any) => x.externalId === externalId);
  if (!found) return undefined;
  return json(get(s, `/api/sessions/get?id=${found.id}`, key));
}
const searchIds = async (s: RunningSandbox, q: string, type = "fulltext") =>
  (await json(get(s, `/api/search?q=${encodeURIComponent(q)}&type=${type}`))).results.map((r: any) => r.externalId);

const textPart = (content: string) => ({ type: "text", content });
const message = (n: number, fields: Record<string, unknown> = {}) => ({
  sessionExternalId: "s",
  externalId: `s:${n}`,
  role: "assistant",
  textContent: `text ${n}`,
  ...fields,
});

describe("errors as deployed servers answer them", () => {
  it("answers 401 with their texts for each way of failing authentication", async () => {
    const s = await deployed();
    const cases: [Record<string, string>, string, string][] = [
      [{}, "/api/stats", "Missing Authorization header"],
      [{ authorization: "Basic abc" }, "/api/stats", "Missing Authorization header"],
      [{ authorization: "Bearer osk_unknownunknownunknownunknown1234" }, "/api/stats", "Invalid API key"],
      [{ authorization: "Bearer osk_unknownunknownunknownunknown1234" }, "/sync/sessions/list", "Invalid API key"],
      [{ authorization: `Bearer ${s.tokenFor(KEY_A)}` }, "/sync/sessions/list", "Invalid API key format"],
    ];
    for (const [headers, path, text] of cases)
      expect(await answer(fetch(`${s.url}${path}`, { headers }))).toEqual([401, { error: text }]);
    const notAJwt = await answer(fetch(`${s.url}/api/stats`, { headers: { authorization: "Bearer not-a-token" } }));
    expect(notAJwt[0]).toBe(401);
    expect(notAJwt[1].error).toMatch(/^Auth failed: /);
    // A WorkOS token works wherever it is accepted.
    expect(
      (await fetch(`${s.url}/api/stats`, { headers: { authorization: `Bearer ${s.tokenFor(KEY_A)}` } })).status,
    ).toBe(200);
  });

  it("answers 400 only for a missing key, id or query and a bad eval format, with their texts", async () => {
    const s = await deployed();
    expect(await answer(post(s, "/sync/session", { title: "no key" }))).toEqual([
      400,
      { error: "Missing externalId or sessionId" },
    ]);
    expect(await answer(post(s, "/sync/session", { externalId: "", title: "empty key" }))).toEqual([
      400,
      { error: "Missing externalId or sessionId" },
    ]);
    expect(await answer(get(s, "/api/sessions/get"))).toEqual([400, { error: "Missing session ID" }]);
    expect(await answer(get(s, "/api/export?format=markdown"))).toEqual([400, { error: "Missing session ID" }]);
    expect(await answer(get(s, "/api/search"))).toEqual([400, { error: "Missing query parameter 'q'" }]);
    expect(await answer(get(s, "/api/context?q="))).toEqual([400, { error: "Missing query parameter 'q'" }]);
    expect(await answer(get(s, "/api/export/evals?format=csv"))).toEqual([
      400,
      { error: "Invalid format. Use: deepeval, openai, promptfoo, filesystem" },
    ]);
  });

  it("answers 500 with an exception's text for every other bad input", async () => {
    const s = await deployed();
    const cases: [string, Promise<Response>, RegExp][] = [
      ["a body that is not JSON", post(s, "/sync/session", "{not json"), /^SyntaxError: /],
      ["an empty body", post(s, "/sync/message", ""), /^SyntaxError: Unexpected end of JSON input/],
      [
        "a missing role",
        post(s, "/sync/message", { sessionExternalId: "s", externalId: "s:1" }),
        /^Error: ArgumentValidationError: .*role/,
      ],
      [
        "a null field",
        post(s, "/sync/session", { externalId: "s", title: null }),
        /^Error: ArgumentValidationError: .*title/,
      ],
      [
        "a part with an extra key",
        post(s, "/sync/message", { ...message(1), parts: [{ type: "tool-call", toolName: "bash", content: {} }] }),
        /^Error: ArgumentValidationError: .*toolName/,
      ],
      ["a body of null", post(s, "/sync/batch", "null"), /^TypeError: /],
      ["a limit that is not a number", get(s, "/api/sessions?limit=abc"), /take/],
      ["a negative limit", get(s, "/api/search?q=x&limit=-1"), /take/],
      [
        "a vector limit over 128",
        get(s, "/api/search?q=x&type=semantic&limit=129"),
        /Vector queries can fetch at most 256 results, requested 258/,
      ],
      [
        "an id that is not a session id",
        get(s, "/api/sessions/get?id=nope"),
        /^Error: ArgumentValidationError: .*v\.id\("sessions"\)/,
      ],
    ];
    for (const [name, res, text] of cases) {
      const [status, body] = await answer(res);
      expect([name, status, typeof body.error]).toEqual([name, 500, "string"]);
      expect(body.error, name).toMatch(text);
    }
  });

  it("reads numbers as parseInt does and unknown search types and formats as the default", async () => {
    const s = await deployed();
    for (let i = 0; i < 3; i++) await post(s, "/sync/session", { externalId: `s${i}`, title: `refresh ${i}` });
    expect((await json(get(s, "/api/sessions?limit=1.9"))).sessions).toHaveLength(1);
    expect((await json(get(s, "/api/sessions?limit=2abc"))).sessions).toHaveLength(2);
    // No upper bound, no pages, no cursor, no source filter, and no `source` in the sessions.
    const all = await json(get(s, "/api/sessions?limit=100000&cursor=whatever&source=pi"));
    expect([all.sessions.length, all.nextCursor, all.sessions.some((x: any) => "source" in x)]).toEqual([
      3,
      undefined,
      false,
    ]);
    expect("source" in (await json(get(s, `/api/sessions/get?id=${all.sessions[0].id}`))).session).toBe(false);
    expect((await json(get(s, "/api/sessions?limit=1"))).nextCursor).toBeUndefined();
    // An unknown type is full-text (its hits have `id`); semantic search finds nothing for a limit that is not a
    // number.
    expect((await json(get(s, "/api/search?q=refresh&type=Semantic"))).results[0]).toHaveProperty("id");
    expect(await json(get(s, "/api/search?q=refresh&type=semantic&limit=abc"))).toEqual({ results: [] });
    expect(await json(get(s, "/api/context?q=refresh&limit=abc"))).toMatchObject({ sessionCount: 0 });
  });

  it(
    "answers unknown routes and every preflight but OPTIONS /* with the " + "platform's plain-text 404, without CORS",
    async () => {
      const s = await deployed();
      const requests: [string, string][] = [
        ["GET", "/api/sessions/abc"],
        ["POST", "/search"],
        ["GET", "/sync/session"],
        ["OPTIONS", "/api/sessions"],
        ["OPTIONS", "/sync/batch"],
      ];
      for (const [method, path] of requests) {
        const res = await fetch(`${s.url}${path}`, {
          method,
          headers: { ...auth(), origin: "https://app.example", "access-control-request-method": "GET" },
        });
        expect([
          method,
          path,
          res.status,
          res.headers.get("content-type"),
          res.headers.get("access-control-allow-origin"),
          await res.text(),
        ]).toEqual([method, path, 404, "text/plain; charset=UTF-8", null, "No matching routes found"]);
      }
      const star = await fetch(`${s.url}/*`, { method: "OPTIONS" });
      expect([
        star.status,
        star.headers.get("access-control-allow-origin"),
        star.headers.get("access-control-max-age"),
      ]).toEqual([204, "*", "86400"]);
    },
  );

  it("answers a missing docs file in the deployed error shape", async () => {
    const docsDir = pathToFileURL(`${mkdtempSync(join(tmpdir(), "sandbox-docs-"))}/`);
    writeFileSync(new URL("index.html", docsDir), "<!doctype html><title>OpenSync API docs</title>");
    const s = await deployed({ docsDir });
    expect((await fetch(`${s.url}/docs/`)).status).toBe(200);
    expect(await answer(fetch(`${s.url}/docs/missing.js`))).toEqual([404, { error: "No such docs file: missing.js" }]);
  });

  it("never rate-limits: no 429 and no Retry-After, whatever rateLimits says", async () => {
    const s = await deployed({ rateLimits: { api: { limit: 2, windowSeconds: 60 } } });
    const answers = await Promise.all(Array.from({ length: 30 }, () => get(s, "/api/stats")));
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]));
    expect(answers.some((r) => r.headers.has("retry-after"))).toBe(false);
  });
});

describe("writes deployed servers skip while answering success", () => {
  it(
    "/sync/session skips an update within 10 s that changes only cost or " + "durationMs, and writes it after",
    async () => {
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
    },
  );

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

  it(
    "the batch's session rule compares title, model and promptTokens only, and leaves skipped sessions out of its " +
      "count",
    async () => {
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
    },
  );

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
    await post(s, "/sync/message", message(1, { textContent: "v1", createdAt: now + 60_000 }));
    await post(s, "/sync/message", message(2, { textContent: "v1", createdAt: now - 3_600_000 }));
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
    await post(s, "/sync/message", message(1, { role: "user", createdAt: now - 60_000 }));
    await post(s, "/sync/message", message(2, { role: "assistant", createdAt: now - 59_000 }));
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

  it(
    "a batch repeated within 5 s changes nothing in deployed mode, and leaves " +
      "the ignored message out of its count",
    async () => {
      const s = await deployed();
      const batch = { messages: [message(1, { parts: [textPart("kept")] })] };
      await post(s, "/sync/batch", batch);
      later(2_000);
      expect(await json(post(s, "/sync/batch", batch))).toMatchObject({ messages: 0, errors: [] });
      expect((await read(s, "s")).messages[0].parts).toEqual([textPart("kept")]);
    },
  );

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

  it(
    "our client under the same fault does not repeat the batch: it raises " +
      "OutcomeUnknownError and every part is kept",
    async () => {
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
    },
  );
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

describe("what deployed servers store and return", () => {
  it(
    "stores float and negative tokens and null part content, and the typed " + "client reads them without error",
    async () => {
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
    },
  );

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

  it(
    "full-text search reads 10,000 characters of search text, which every " + "/sync/message write appends to",
    async () => {
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
    },
  );

  it(
    "semantic, hybrid and context search find only sessions embedded by " + "/sync/session, as they were at that call",
    async () => {
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
    },
  );
});

describe("exports as deployed servers answer them", () => {
  async function withEvalReadySession(s: RunningSandbox) {
    await post(
      s,
      "/sync/message",
      message(1, { role: "user", textContent: "Why does login fail?", createdAt: now - 60_000 }),
    );
    await post(
      s,
      "/sync/message",
      message(2, { role: "assistant", textContent: "The token expired.", createdAt: now - 59_000 }),
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

  it(
    "the Markdown export carries no CORS headers (JSON answers do), its file " +
      "name replaces what is not A-Z, a-z, 0-9",
    async () => {
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
        (await get(contract, `/api/export?id=${contractId}&format=markdown`)).headers.get(
          "access-control-allow-origin",
        ),
      ).toBe("*");
    },
  );
});
