/**
 * The sandbox's deployed mode answers errors as deployed servers do: their `{"error": "<text>"}`
 * bodies, statuses and texts, their authentication failures, and the platform's plain-text 404.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { answer, auth, deployed, get, json, KEY_A, message, post } from "./deployed-harness.js";

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

  it("answers unknown routes and every preflight but OPTIONS /* with the platform's plain-text 404, without CORS", async () => {
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
  });

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
