/**
 * Every operation of openapi.yaml, driven over HTTP against the sandbox for its success and every
 * declared error, each response validated against the spec for that operation and status.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, operationAt } from "#spec/document.js";
import { createSpecValidator } from "#spec/validator.js";
import { OPERATIONS, type OperationKey } from "../../generated/contract.js";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { declaredResponses, expectConforms, spec } from "../support/conformance.js";

let sandbox: RunningSandbox;
let limited: RunningSandbox;
let sessionId: string;
const seen = new Set<string>();

const call = (
  base: RunningSandbox,
  key: OperationKey,
  init: {
    query?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    auth?: string | null;
    headers?: Record<string, string>;
  } = {},
) => {
  const [method, path] = key.split(" ") as [string, string];
  const url = new URL(path, base.url);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const auth = init.auth === undefined ? base.apiKey : init.auth;
  return fetch(url, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(method === "POST" ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
};

const headerValidator = createSpecValidator(spec);
const checkedHeaders = new Set<string>();

/** Every response header the spec declares for this operation and status, when sent, matches its schema. */
function expectDeclaredHeaders(key: OperationKey, response: Response, required: string[] = []) {
  const declared = deref(spec, operationAt(spec, key).operation.responses[String(response.status)]);
  for (const [name, header] of Object.entries<any>(declared.headers ?? {})) {
    const schema = deref(spec, header).schema;
    const raw = response.headers.get(name);
    if (raw === null) {
      expect(required, `${key} ${response.status} must send ${name}`).not.toContain(name);
      continue;
    }
    // Header values are text on the wire: a whole number is read as one where the schema admits it.
    const value = admitsInteger(schema) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    const validate = headerValidator.schema(schema);
    expect(validate(value), `${key} ${response.status} header ${name}: ${raw}`).toBe(true);
    checkedHeaders.add(`${key} ${response.status} ${name}`);
  }
}

/** Whether a schema (or one branch of its anyOf/oneOf) is an integer. */
function admitsInteger(node: any): boolean {
  const schema = deref(spec, node);
  return schema.type === "integer" || [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(admitsInteger);
}

const conform = async (key: OperationKey, res: Promise<Response>, status: number, requiredHeaders: string[] = []) => {
  const response = await res;
  expect(response.status, key).toBe(status);
  expectDeclaredHeaders(key, response, requiredHeaders);
  return expectConforms(key, response, seen);
};

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
  limited = await startSandbox({
    rateLimits: {
      sync: { limit: 1, windowSeconds: 60 },
      api: { limit: 1, windowSeconds: 60 },
      search: { limit: 1, windowSeconds: 60 },
    },
  });
  const created: any = await (
    await call(sandbox, "POST /sync/session", {
      body: {
        externalId: "ses-1",
        title: "Fix authentication bug",
        projectPath: "/Users/ana/app",
        model: "claude-sonnet-4",
        source: "claude-code",
        promptTokens: 100,
        completionTokens: 50,
        cost: 0.01,
      },
    })
  ).json();
  sessionId = created.sessionId;
  for (const [i, role, text] of [
    [1, "user", "Why does login fail after the token refresh?"],
    [2, "assistant", "The refresh handler drops the new token."],
  ] as const) {
    await call(sandbox, "POST /sync/message", {
      body: {
        sessionExternalId: "ses-1",
        externalId: `ses-1:${i}`,
        role,
        textContent: text,
        parts: [{ type: "text", content: text }],
      },
    });
  }
});

afterAll(async () => {
  await sandbox.close();
  await limited.close();
});

const big = JSON.stringify({ externalId: "x", title: "x".repeat(1_100_000) });
// Each distinct X-Sandbox-Fault value arms once per key, so every forced fault gets its own id.
let faultId = 0;
const fault = (kind: string) => ({ "x-sandbox-fault": `${kind}; id=${++faultId}` });
const badFault = { "x-sandbox-fault": "teapot" };

describe("conformance of every operation", () => {
  it("POST /sync/session", async () => {
    const key = "POST /sync/session";
    await conform(key, call(sandbox, key, { body: { externalId: "ses-2", title: "Second" } }), 200);
    await conform(key, call(sandbox, key, { body: { title: "no key" } }), 400);
    await conform(key, call(sandbox, key, { body: { externalId: "x" }, auth: null }), 401);
    await conform(key, call(sandbox, key, { rawBody: big }), 413);
    await conform(key, call(sandbox, key, { body: { externalId: "x" }, headers: fault("500") }), 500);
  });

  it("POST /sync/message", async () => {
    const key = "POST /sync/message";
    await conform(
      key,
      call(sandbox, key, {
        body: { sessionExternalId: "ses-2", externalId: "ses-2:1", role: "user", textContent: "hi" },
      }),
      200,
    );
    const missing: any = await conform(key, call(sandbox, key, { body: { externalId: "m", role: "user" } }), 400);
    expect(missing.error.message).toBe("Missing required field: sessionExternalId");
    await conform(key, call(sandbox, key, { body: {}, auth: "osk_wrong" }), 401);
    await conform(key, call(sandbox, key, { rawBody: big }), 413);
    await conform(
      key,
      call(sandbox, key, { body: { sessionExternalId: "s", externalId: "m", role: "user" }, headers: fault("500") }),
      500,
    );
  });

  it("POST /sync/batch", async () => {
    const key = "POST /sync/batch";
    const ok: any = await conform(
      key,
      call(sandbox, key, {
        body: {
          sessions: [{ externalId: "ses-3" }],
          messages: [{ sessionExternalId: "ses-3", externalId: "ses-3:1", role: "user" }],
        },
      }),
      200,
    );
    expect(ok).toEqual({ ok: true, sessions: 1, messages: 1, errors: [] });
    await conform(key, call(sandbox, key, { rawBody: "{not json" }), 400);
    await conform(key, call(sandbox, key, { body: {}, auth: null }), 401);
    await conform(key, call(sandbox, key, { rawBody: big }), 413);
    await conform(key, call(sandbox, key, { body: {}, headers: fault("500") }), 500);
  });

  it("GET /sync/sessions/list", async () => {
    const key = "GET /sync/sessions/list";
    const body: any = await conform(key, call(sandbox, key), 200);
    expect(body.sessionIds.slice(0, 3)).toEqual(["ses-1", "ses-2", "ses-3"]);
    await conform(key, call(sandbox, key, { headers: badFault }), 400);
    await conform(key, call(sandbox, key, { auth: sandbox.workosToken }), 401);
    await conform(key, call(sandbox, key, { headers: fault("500") }), 500);
  });

  it("GET /api/sessions", async () => {
    const key = "GET /api/sessions";
    await conform(key, call(sandbox, key, { query: { limit: "2" } }), 200);
    await conform(key, call(sandbox, key, { query: { limit: "0" } }), 400);
    await conform(key, call(sandbox, key, { auth: null }), 401);
    await conform(key, call(sandbox, key, { headers: fault("500") }), 500);
  });

  it("GET /api/sessions/get", async () => {
    const key = "GET /api/sessions/get";
    const body: any = await conform(key, call(sandbox, key, { query: { id: sessionId } }), 200);
    expect(body.messages.map((m: any) => m.role)).toEqual(["user", "assistant"]);
    await conform(key, call(sandbox, key), 400);
    await conform(key, call(sandbox, key, { query: { id: sessionId }, auth: null }), 401);
    const missing: any = await conform(key, call(sandbox, key, { query: { id: "nosuchsession" } }), 404);
    expect(missing.error).toEqual({ code: "NOT_FOUND", message: "Session not found" });
    await conform(key, call(sandbox, key, { query: { id: sessionId }, headers: fault("500") }), 500);
  });

  it("GET /api/search", async () => {
    const key = "GET /api/search";
    for (const type of ["fulltext", "semantic", "hybrid"]) {
      const body: any = await conform(key, call(sandbox, key, { query: { q: "token refresh", type } }), 200);
      expect(body.results.length, type).toBeGreaterThan(0);
    }
    await conform(key, call(sandbox, key, { query: { q: "x", type: "vector" } }), 400);
    await conform(key, call(sandbox, key, { query: { q: "x" }, auth: null }), 401);
    await conform(key, call(sandbox, key, { query: { q: "x" }, headers: fault("500") }), 500);
  });

  it("GET /api/context", async () => {
    const key = "GET /api/context";
    const text: any = await conform(key, call(sandbox, key, { query: { q: "login token" } }), 200);
    expect(text.text).toContain("--- Session: Fix authentication bug ---");
    const messages: any = await conform(
      key,
      call(sandbox, key, { query: { q: "login token", format: "messages" } }),
      200,
    );
    expect(messages.messages[0].metadata.sessionId).toBe(sessionId);
    await conform(key, call(sandbox, key), 400);
    await conform(key, call(sandbox, key, { query: { q: "x" }, auth: null }), 401);
    await conform(key, call(sandbox, key, { query: { q: "x" }, headers: fault("500") }), 500);
  });

  it("GET /api/export", async () => {
    const key = "GET /api/export";
    await conform(key, call(sandbox, key, { query: { id: sessionId } }), 200);
    const jsonl: any = await conform(key, call(sandbox, key, { query: { id: sessionId, format: "jsonl" } }), 200);
    expect(jsonl.filename).toBe("Fix-authentication-bug.jsonl");
    const markdown = await call(sandbox, key, { query: { id: sessionId, format: "markdown" } });
    expectDeclaredHeaders(key, markdown, ["Content-Disposition"]);
    expect(markdown.headers.get("content-disposition")).toBe('attachment; filename="Fix-authentication-bug.md"');
    expect(await expectConforms(key, markdown, seen)).toMatch(/^# Fix authentication bug\n/);
    await conform(key, call(sandbox, key, { query: { id: sessionId, format: "pdf" } }), 400);
    await conform(key, call(sandbox, key, { query: { id: sessionId }, auth: null }), 401);
    await conform(key, call(sandbox, key, { query: { id: "nosuchsession" } }), 404);
    await conform(key, call(sandbox, key, { query: { id: sessionId }, headers: fault("500") }), 500);
  });

  it("GET /api/export/evals", async () => {
    const key = "GET /api/export/evals";
    const token = sandbox.workosToken;
    const exportHeaders = ["Content-Disposition", "X-Export-Sessions", "X-Export-TestCases"];
    const deepeval: any = await conform(key, call(sandbox, key, { auth: token }), 200, exportHeaders);
    expect(deepeval[0]).toMatchObject({
      input: "Why does login fail after the token refresh?",
      actual_output: "The refresh handler drops the new token.",
    });
    await conform(key, call(sandbox, key, { auth: token, query: { format: "filesystem" } }), 200, exportHeaders);
    const openai = await call(sandbox, key, { auth: token, query: { format: "openai" } });
    expect(openai.headers.get("x-export-testcases")).toBe("1");
    expect(openai.headers.get("content-disposition")).toMatch(
      /^attachment; filename="opensync-openai-\d{4}-\d{2}-\d{2}\.jsonl"$/,
    );
    expectDeclaredHeaders(key, openai, exportHeaders);
    const line = (await expectConforms(key, openai, seen)) as string;
    expect(JSON.parse(line.trim())).toMatchObject({ ideal: "The refresh handler drops the new token." });
    await conform(key, call(sandbox, key, { auth: token, query: { format: "csv" } }), 400);
    await conform(key, call(sandbox, key, { auth: null }), 401);
    await conform(key, call(sandbox, key), 403);
    await conform(key, call(sandbox, key, { auth: token, query: { model: "no-such-model" } }), 404);
    await conform(key, call(sandbox, key, { auth: token, headers: fault("500") }), 500);
  });

  it("GET /api/stats", async () => {
    const key = "GET /api/stats";
    const stats: any = await conform(key, call(sandbox, key), 200);
    expect(stats.sessionCount).toBeGreaterThanOrEqual(3);
    expect(stats.modelUsage["claude-sonnet-4"]).toEqual({ tokens: 150, cost: 0.01, sessions: 1 });
    await conform(key, call(sandbox, key, { headers: badFault }), 400);
    await conform(key, call(sandbox, key, { auth: null }), 401);
    await conform(key, call(sandbox, key, { headers: fault("500") }), 500);
  });

  it("GET /health", async () => {
    await conform("GET /health", call(sandbox, "GET /health", { auth: null }), 200);
    await conform("GET /health", call(sandbox, "GET /health", { auth: null, headers: badFault }), 400);
    await conform("GET /health", call(sandbox, "GET /health", { auth: null, headers: fault("500") }), 500);
  });

  it("answers 429 with Retry-After on every rate-limited operation", async () => {
    const token = limited.workosToken;
    const requests: [OperationKey, Parameters<typeof call>[2]][] = [
      ["POST /sync/session", { body: { externalId: "r" } }],
      ["POST /sync/message", { body: { sessionExternalId: "r", externalId: "r:1", role: "user" } }],
      ["POST /sync/batch", { body: {} }],
      ["GET /sync/sessions/list", {}],
      ["GET /api/sessions", {}],
      ["GET /api/sessions/get", { query: { id: "x" } }],
      ["GET /api/search", { query: { q: "x" } }],
      ["GET /api/context", { query: { q: "x" } }],
      ["GET /api/export", { query: { id: "x" } }],
      ["GET /api/export/evals", { auth: token }],
      ["GET /api/stats", {}],
    ];
    // The sync group has a limit of 1: the first sync call spends it, and so on per group.
    await call(limited, "POST /sync/session", { body: { externalId: "spend" } });
    await call(limited, "GET /api/stats");
    await call(limited, "GET /api/search", { query: { q: "spend" } });
    for (const [key, init] of requests) {
      const body: any = await conform(key, call(limited, key, init), 429);
      expect(body.error.message).toMatch(/^Rate limit exceeded\. Retry after \d+ seconds\.$/);
    }
  });

  it("exercised every declared (operation, status, media type)", () => {
    const missing = [...declaredResponses()].filter((entry) => !seen.has(entry));
    expect(missing).toEqual([]);
  });

  it("checked every declared response header against its schema", () => {
    const declared: string[] = [];
    for (const key of Object.keys(OPERATIONS) as OperationKey[]) {
      for (const [status, response] of Object.entries<any>(operationAt(spec, key).operation.responses)) {
        for (const name of Object.keys(deref(spec, response).headers ?? {})) declared.push(`${key} ${status} ${name}`);
      }
    }
    expect(declared.filter((entry) => !checkedHeaders.has(entry))).toEqual([]);
  });
});
