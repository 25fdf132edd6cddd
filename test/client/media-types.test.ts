/**
 * 2xx bodies are read by the media type the request asked for, without `parseAs`: Markdown and
 * newline-delimited JSON are strings (however many lines), JSON is parsed, and a body that is not
 * what was asked for is an InvalidResponseError that names the call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidResponseError, unwrap } from "../../src/index.js";
import { clientFor, KEY, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, type Step, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => reset(server));

const answer = (contentType: string, body: string): Step => ({
  status: 200,
  headers: { "content-type": contentType },
  body,
});
const MARKDOWN = "# Fix authentication bug\n\n- **Project:** /Users/dev/acme-api\n\n---\n\n## User\n\nWhy?\n";
const LINE = JSON.stringify({
  input: [{ role: "user", content: "Why?" }],
  ideal: "Because.",
  metadata: { session_id: "s", model: "m", source: "opencode" },
});
const session = { session: { id: "s1", title: "t" }, messages: [{ role: "user", content: "Why?" }] };

describe("the export formats", () => {
  it("format=markdown gives the Markdown text, no parseAs needed", async () => {
    server.script(answer("text/markdown; charset=utf-8", MARKDOWN));
    const { data } = await clientFor(server).GET("/api/export", {
      params: { query: { id: "s1", format: "markdown" } },
    });
    expect(data).toBe(MARKDOWN);
    expect(server.attempts[0]!.path).toBe("/api/export?id=s1&format=markdown");
  });

  it("format=json (and no format) gives the parsed JSON export", async () => {
    server.script(
      answer("application/json", JSON.stringify(session)),
      answer("application/json", JSON.stringify(session)),
    );
    expect(
      (await clientFor(server).GET("/api/export", { params: { query: { id: "s1", format: "json" } } })).data,
    ).toEqual(session);
    expect(await unwrap(clientFor(server).GET("/api/export", { params: { query: { id: "s1" } } }))).toEqual(session);
  });

  it("format=jsonl gives the JSON wrapper { content, filename }", async () => {
    const wrapped = { content: `${JSON.stringify({ role: "user", content: "Why?" })}\n`, filename: "t.jsonl" };
    server.script(answer("application/json", JSON.stringify(wrapped)));
    expect(
      await unwrap(clientFor(server).GET("/api/export", { params: { query: { id: "s1", format: "jsonl" } } })),
    ).toEqual(wrapped);
  });

  it.each([
    ["one line", `${LINE}\n`],
    ["two lines", `${LINE}\n${LINE}\n`],
    ["no line", ""],
  ])("an eval dataset in openai format with %s is the NDJSON text", async (_name, body) => {
    server.script(answer("application/x-ndjson", body));
    const data = await unwrap(clientFor(server).GET("/api/export/evals", { params: { query: { format: "openai" } } }));
    expect(data).toBe(body);
    expect(typeof data).toBe("string");
  });

  it("format=promptfoo is NDJSON text too; deepeval (the default) and filesystem are parsed JSON", async () => {
    const promptfoo = `${JSON.stringify({ vars: { input: "Why?", task_type: "general" } })}\n`;
    server.script(
      answer("application/x-ndjson", promptfoo),
      answer("application/json", "[]"),
      answer("application/json", '{"manifest":{},"files":{},"readme":""}'),
    );
    const client = clientFor(server);
    expect(await unwrap(client.GET("/api/export/evals", { params: { query: { format: "promptfoo" } } }))).toBe(
      promptfoo,
    );
    expect(await unwrap(client.GET("/api/export/evals"))).toEqual([]);
    expect(await unwrap(client.GET("/api/export/evals", { params: { query: { format: "filesystem" } } }))).toEqual({
      manifest: {},
      files: {},
      readme: "",
    });
  });
});

describe("a body that is not what the request asked for", () => {
  const invalid = async (step: Step, call: (c: ReturnType<typeof clientFor>) => Promise<unknown>) => {
    server.script(step);
    const error = await rejectionOf(call(clientFor(server, { retry: false })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    return error as InvalidResponseError;
  };

  it("JSON where Markdown was asked for", async () => {
    const error = await invalid(answer("application/json", JSON.stringify(session)), (c) =>
      c.GET("/api/export", { params: { query: { id: "s1", format: "markdown" } } }),
    );
    expect(error.message).toBe(
      "GET /api/export: response 200 has an invalid body: application/json, expected text/markdown",
    );
    expect(error).toMatchObject({ status: 200, method: "GET", path: "/api/export" });
  });

  it("Markdown where JSON was due", async () => {
    const error = await invalid(answer("text/markdown", MARKDOWN), (c) =>
      c.GET("/api/export", { params: { query: { id: "s1" } } }),
    );
    expect(error.message).toMatch(/^GET \/api\/export: response 200 has an invalid body: not application\/json: /);
  });

  it("an NDJSON line that is not JSON", async () => {
    const error = await invalid(answer("application/x-ndjson", `${LINE}\n{"input":\n`), (c) =>
      c.GET("/api/export/evals", { params: { query: { format: "openai" } } }),
    );
    expect(error.message).toMatch(/line 2 is not JSON/);
  });

  it("an empty 200 where JSON was due", async () => {
    const error = await invalid(
      { status: 200, headers: { "content-type": "application/json", "content-length": "0" } },
      (c) => c.GET("/api/stats"),
    );
    expect(error.message).toBe("GET /api/stats: response 200 has an invalid body: empty, expected application/json");
  });

  it("never quotes the key, nor a query value, in its message", async () => {
    const error = await invalid(answer("text/html", `<html>${KEY}</html>`), (c) =>
      c.GET("/api/search", { params: { query: { q: "secret-query-value" } } }),
    );
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(KEY);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain("secret-query-value");
  });
});

describe("parseAs", () => {
  it("an explicit parseAs still decides, as in openapi-fetch", async () => {
    server.script(answer("application/json", '{"a":1}'));
    const { data } = await clientFor(server).GET("/api/stats", { parseAs: "text" });
    expect(data).toBe('{"a":1}');
  });
});
