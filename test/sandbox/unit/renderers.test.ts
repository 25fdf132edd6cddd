/**
 * The sandbox's text formats, as deployed servers produce them: the RAG context, session exports
 * (Markdown, JSON, JSONL and their file names) and the eval datasets (DeepEval, OpenAI evals,
 * promptfoo, filesystem), each checked to the byte.
 */
import { describe, expect, it } from "vitest";
import {
  contextMessages,
  contextText,
  type EvalOptions,
  evalDataset,
  exportName,
  isEvalReady,
  jsonExport,
  jsonlExport,
  markdownExport,
} from "../../../sandbox/store/renderers.js";
import type { Message } from "../../../sandbox/store/store.js";
import { storeWith } from "./fixtures.js";

const START = Date.parse("2026-01-01T00:00:00Z");
const iso = (seconds: number) => new Date(START + seconds * 1000).toISOString();

// Written at 1 s a write: the session at +1 s, its messages at +2 s to +5 s.
const { store, byId } = storeWith(
  {
    "sess-auth-0001": {
      title: "Fix authentication bug",
      projectPath: "/Users/alice/code/app",
      model: "claude-sonnet-4",
      source: "claude-code",
      promptTokens: 1200,
      completionTokens: 300,
      cost: 0.01234,
      messages: [
        {
          role: "user",
          textContent: "Why does login fail in /home/alice/app?",
          promptTokens: 10,
          parts: [{ type: "text", content: "Why does login fail?" }],
        },
        { role: "tool", textContent: "ran the tests" },
        {
          role: "assistant",
          textContent: "```ts\nrefresh()\n```",
          completionTokens: 20,
          durationMs: 900,
          parts: [{ type: "text", content: { text: "Call refresh() first." } }],
        },
        { role: "system", textContent: "system prompt" },
      ],
    },
    bare: { messages: [{ role: "user", textContent: "hello" }] },
  },
  START,
);
const auth = byId("sess-auth-0001");
const bare = byId("bare");
const authMessages = store.orderedMessages(auth);
const bareMessages = store.orderedMessages(bare);

describe("RAG context", () => {
  it("as text: a heading for the query, then each session's details and its messages", () => {
    expect(
      contextText("login", [
        { session: auth, messages: authMessages.slice(0, 3) },
        { session: bare, messages: bareMessages },
      ]),
    ).toBe(
      'Relevant coding sessions for: "login"\n\n' +
        "--- Session: Fix authentication bug ---\nProject: /Users/alice/code/app\nModel: claude-sonnet-4\n\n" +
        "[USER]\nWhy does login fail?\n\n[TOOL]\nran the tests\n\n[ASSISTANT]\nCall refresh() first.\n\n\n" +
        "--- Session: Untitled ---\nProject: N/A\nModel: N/A\n\n[USER]\nhello\n\n\n",
    );
  });

  it("as messages: one per message, with the session's id and its title when it has one", () => {
    expect(
      contextMessages([
        { session: auth, messages: authMessages.slice(0, 1) },
        { session: bare, messages: bareMessages },
      ]),
    ).toEqual([
      {
        role: "user",
        content: "Why does login fail?",
        metadata: { sessionId: auth.id, sessionTitle: "Fix authentication bug" },
      },
      { role: "user", content: "hello", metadata: { sessionId: bare.id } },
    ]);
  });
});

describe("session exports", () => {
  it("names files after the title, every character but letters and digits a dash; `session` without one", () => {
    expect(exportName(auth)).toBe("Fix-authentication-bug");
    expect(exportName({ ...auth, title: "Ünïcode: a/b (v2)" })).toBe("-n-code--a-b--v2-");
    expect(exportName(bare)).toBe("session");
  });

  it("as Markdown: the title, the details, then each turn under its role", () => {
    expect(markdownExport(auth, authMessages.slice(0, 3))).toBe(
      [
        "# Fix authentication bug",
        "",
        "- **Project:** /Users/alice/code/app",
        "- **Model:** claude-sonnet-4",
        "- **Tokens:** 1500",
        "- **Cost:** $0.0123",
        "",
        "---",
        "",
        "## User",
        "",
        "Why does login fail?",
        "",
        "## Assistant",
        "",
        "ran the tests",
        "",
        "## Assistant",
        "",
        "Call refresh() first.",
        "",
      ].join("\n"),
    );
    expect(markdownExport(bare, [])).toBe(
      "# Untitled\n\n- **Project:** N/A\n- **Model:** N/A\n- **Tokens:** 0\n- **Cost:** $0.0000\n\n---\n",
    );
  });

  it("as JSON: the session's id, title and model when set, and each message's role and text", () => {
    expect(jsonExport(auth, authMessages.slice(0, 1))).toEqual({
      session: { id: auth.id, title: "Fix authentication bug", model: "claude-sonnet-4" },
      messages: [{ role: "user", content: "Why does login fail?" }],
    });
    expect(jsonExport(bare, bareMessages)).toEqual({
      session: { id: bare.id },
      messages: [{ role: "user", content: "hello" }],
    });
  });

  it("as JSONL: one JSON line per message and a .jsonl file name", () => {
    expect(jsonlExport(auth, authMessages.slice(0, 2))).toEqual({
      content: '{"role":"user","content":"Why does login fail?"}\n{"role":"tool","content":"ran the tests"}',
      filename: "Fix-authentication-bug.jsonl",
    });
  });
});

describe("eval datasets", () => {
  const NOW = new Date("2026-02-03T04:05:06Z");
  const options = (overrides: Partial<EvalOptions> = {}): EvalOptions => ({
    format: "deepeval",
    turnMode: "per_turn",
    includeMetadata: false,
    anonymize: false,
    ...overrides,
  });
  const both = [{ session: auth, messages: authMessages }];

  it("is eval-ready when a user message gets an assistant reply, tool messages between them skipped", () => {
    expect(isEvalReady(authMessages)).toBe(true);
    expect(isEvalReady(bareMessages)).toBe(false);
    const answeredByUser = [{ role: "user" }, { role: "user" }] as Message[];
    expect(isEvalReady(answeredByUser)).toBe(false);
  });

  it("DeepEval, per turn: one case per exchange, from textContent, with the messages' tokens and latency", () => {
    const dataset = evalDataset(both, options(), NOW);
    expect(dataset).toMatchObject({
      contentType: "application/json",
      filename: "opensync-deepeval-2026-02-03.json",
      testCases: 1,
    });
    expect(JSON.parse(dataset.body)).toEqual([
      {
        input: "Why does login fail in /home/alice/app?",
        actual_output: "```ts\nrefresh()\n```",
        expected_output: null,
        context: [],
        retrieval_context: null,
        metadata: {
          session_id: "sess-auth-0001",
          model: "claude-sonnet-4",
          tool: "claude-code",
          timestamp: iso(1),
          tokens_input: 10,
          tokens_output: 20,
          latency_ms: 900,
          project: "/Users/alice/code/app",
          tags: [],
        },
      },
    ]);
    expect(dataset.body).toBe(JSON.stringify(JSON.parse(dataset.body), null, 2));
  });

  it("DeepEval, full: one case per session, all user turns as input, all assistant turns as output, the session's tokens", () => {
    const [only] = JSON.parse(evalDataset(both, options({ turnMode: "full" }), NOW).body);
    expect(only).toMatchObject({
      input: "Why does login fail in /home/alice/app?",
      actual_output: "```ts\nrefresh()\n```",
      metadata: { tokens_input: 1200, tokens_output: 300 },
    });
    expect(only.metadata).not.toHaveProperty("latency_ms");
  });

  it("DeepEval, final only: the last exchange, with the turns before it as context", () => {
    const [only] = JSON.parse(evalDataset(both, options({ turnMode: "final_only" }), NOW).body);
    expect(only.context).toEqual([]);
    expect(only.input).toBe("Why does login fail in /home/alice/app?");
  });

  it("anonymises home directories on request", () => {
    const [only] = JSON.parse(evalDataset(both, options({ anonymize: true }), NOW).body);
    expect(only.input).toBe("Why does login fail in /home/user/app?");
  });

  it("OpenAI evals: NDJSON, each line the conversation up to a user turn and the reply as ideal", () => {
    const dataset = evalDataset(both, options({ format: "openai" }), NOW);
    expect(dataset).toMatchObject({
      contentType: "application/x-ndjson",
      filename: "opensync-openai-2026-02-03.jsonl",
      testCases: 1,
    });
    expect(dataset.body).toBe(
      `${JSON.stringify({
        input: [{ role: "user", content: "Why does login fail in /home/alice/app?" }],
        ideal: "```ts\nrefresh()\n```",
        metadata: { session_id: "sess-auth-0001", model: "claude-sonnet-4", source: "claude-code" },
      })}\n`,
    );
  });

  it("promptfoo: NDJSON of vars, the task type read from the question and the language from the reply's code block", () => {
    const dataset = evalDataset(both, options({ format: "promptfoo" }), NOW);
    expect(dataset.filename).toBe("opensync-promptfoo-2026-02-03.jsonl");
    expect(dataset.body).toBe(
      `${JSON.stringify({
        vars: { input: "Why does login fail in /home/alice/app?", language: "ts", task_type: "bug_fix" },
      })}\n`,
    );
  });

  it("an empty NDJSON dataset is an empty body, with no stray newline", () => {
    expect(evalDataset([{ session: bare, messages: bareMessages }], options({ format: "openai" }), NOW)).toMatchObject({
      body: "",
      testCases: 0,
    });
  });

  it("filesystem: one text file per session, a manifest counting sources, models and test cases", () => {
    const dataset = evalDataset(
      [...both, { session: bare, messages: bareMessages }],
      options({ format: "filesystem" }),
      NOW,
    );
    expect(dataset).toMatchObject({
      contentType: "application/json",
      filename: "opensync-filesystem-2026-02-03.json",
      testCases: 2,
    });
    const bundle = JSON.parse(dataset.body);
    expect(bundle.manifest).toEqual({
      opensync_metadata: {
        export_version: "1.0",
        export_date: NOW.toISOString(),
        total_sessions: 2,
        total_test_cases: 2,
        skipped_sessions: 0,
      },
      sources: { opencode: 1, "claude-code": 1, "factory-droid": 0, "codex-cli": 0, "cursor-sync": 0 },
      models: ["claude-sonnet-4", "unknown"],
      files: ["session-sess-aut.txt", "session-bare.txt"],
    });
    const bar = "=".repeat(80);
    expect(bundle.files["session-bare.txt"]).toBe(
      [
        bar,
        "SESSION: bare",
        "SOURCE: opencode",
        "MODEL: unknown",
        `DATE: ${iso(6)}`,
        "TOKENS: 0",
        bar,
        "",
        `[${iso(7)}] USER:\nhello\n`,
        "END SESSION",
        "",
      ].join("\n"),
    );
  });
});
