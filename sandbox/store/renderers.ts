/**
 * The read side's text formats, as deployed servers produce them and openapi.yaml describes them
 * (its /api/context, /api/export and /api/export/evals operations): RAG context, session exports
 * and eval datasets.
 */
import type { components } from "opensync-api/schema";
import { type Message, messageText, type SessionRecord } from "./store.js";

type Schemas = components["schemas"];

export function contextText(query: string, sessions: { session: SessionRecord; messages: Message[] }[]): string {
  let text = `Relevant coding sessions for: "${query}"\n\n`;
  for (const { session, messages } of sessions) {
    text +=
      `--- Session: ${session.title || "Untitled"} ---\nProject: ${session.projectPath || "N/A"}\nModel: ` +
      `${session.model || "N/A"}\n\n`;
    for (const m of messages) text += `[${m.role.toUpperCase()}]\n${messageText(m)}\n\n`;
    text += "\n";
  }
  return text;
}

export function contextMessages(
  sessions: { session: SessionRecord; messages: Message[] }[],
): Schemas["ContextMessage"][] {
  return sessions.flatMap(({ session, messages }) =>
    messages.map((m) => ({
      role: m.role,
      content: messageText(m),
      metadata:
        session.title === undefined
          ? { sessionId: session.id }
          : { sessionId: session.id, sessionTitle: session.title },
    })),
  );
}

/** `Fix authentication bug` → `Fix-authentication-bug`; no title → `session`. */
export const exportName = (session: SessionRecord) =>
  session.title ? session.title.replace(/[^A-Za-z0-9]/g, "-") : "session";

export function markdownExport(session: SessionRecord, messages: Message[]): string {
  const lines = [
    `# ${session.title || "Untitled"}`,
    "",
    `- **Project:** ${session.projectPath || "N/A"}`,
    `- **Model:** ${session.model || "N/A"}`,
    `- **Tokens:** ${session.totalTokens}`,
    `- **Cost:** $${session.cost.toFixed(4)}`,
    "",
    "---",
    "",
  ];
  for (const m of messages) lines.push(m.role === "user" ? "## User" : "## Assistant", "", messageText(m), "");
  return lines.join("\n");
}

export function jsonExport(session: SessionRecord, messages: Message[]): Schemas["SessionJsonExport"] {
  const head: Schemas["SessionJsonExport"]["session"] = { id: session.id };
  if (session.title !== undefined) head.title = session.title;
  if (session.model !== undefined) head.model = session.model;
  return { session: head, messages: messages.map((m) => ({ role: m.role, content: messageText(m) })) };
}

export function jsonlExport(session: SessionRecord, messages: Message[]): Schemas["SessionJsonlExport"] {
  return {
    content: messages.map((m) => JSON.stringify({ role: m.role, content: messageText(m) })).join("\n"),
    filename: `${exportName(session)}.jsonl`,
  };
}

// ── Eval datasets ─────────────────────────────────────────────────────────────────────────────

export interface EvalOptions {
  format: Schemas["EvalFormat"];
  turnMode: Schemas["EvalTurnMode"];
  includeMetadata: boolean;
  anonymize: boolean;
}

export interface EvalDataset {
  body: string;
  contentType: string;
  filename: string;
  testCases: number;
}

type Turn = { role: string; text: string; message: Message };

const anonymise = (text: string) =>
  text
    .replace(/\/Users\/[^/\s]+/g, "/Users/user")
    .replace(/\/home\/[^/\s]+/g, "/home/user")
    .replace(/C:\\Users\\[^\\\s]+/g, "C:\\Users\\user");

/** Eval datasets use `textContent` only and never system messages. */
function turns(messages: Message[], options: EvalOptions): Turn[] {
  const clean = options.anonymize ? anonymise : (t: string) => t;
  return messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ role: m.role, text: clean(m.textContent ?? ""), message: m }));
}

/** A session is eval-ready in the sandbox when a user message gets an assistant reply. */
export function isEvalReady(messages: Message[]): boolean {
  return messages.some(
    (m, i) =>
      m.role === "user" &&
      messages.slice(i + 1).find((n) => n.role === "user" || n.role === "assistant")?.role === "assistant",
  );
}

/** Pairs of (user turn, its assistant reply), tool messages in between skipped. */
function exchanges(list: Turn[]): { user: Turn; reply: Turn; index: number }[] {
  const out: { user: Turn; reply: Turn; index: number }[] = [];
  list.forEach((t, i) => {
    if (t.role !== "user") return;
    const reply = list.slice(i + 1).find((n) => n.role === "user" || n.role === "assistant");
    if (reply?.role === "assistant") out.push({ user: t, reply, index: i });
  });
  return out;
}

function deepEvalCases(session: SessionRecord, list: Turn[], options: EvalOptions): Schemas["DeepEvalCase"][] {
  const metadata = (input: number, output: number, latency?: number): Schemas["DeepEvalCase"]["metadata"] => ({
    session_id: session.externalId,
    model: session.model ?? "unknown",
    tool: session.source,
    timestamp: new Date(session.createdAt).toISOString(),
    tokens_input: input,
    tokens_output: output,
    ...(latency === undefined ? {} : { latency_ms: latency }),
    ...(session.projectName || session.projectPath ? { project: session.projectName ?? session.projectPath } : {}),
    tags: [],
  });
  const pairs = exchanges(list);
  if (options.turnMode === "full") {
    if (pairs.length === 0) return [];
    const join = (role: string) =>
      list
        .filter((t) => t.role === role)
        .map((t) => t.text)
        .join("\n\n");
    return [
      {
        input: join("user"),
        actual_output: join("assistant"),
        expected_output: null,
        context: [],
        retrieval_context: null,
        metadata: metadata(session.promptTokens, session.completionTokens, session.durationMs),
      },
    ];
  }
  const chosen = options.turnMode === "final_only" ? pairs.slice(-1) : pairs;
  return chosen.map(({ user, reply, index }) => ({
    input: user.text,
    actual_output: reply.text,
    expected_output: null,
    context:
      options.includeMetadata || options.turnMode === "final_only" ? list.slice(0, index).map((t) => t.text) : [],
    retrieval_context: null,
    metadata: metadata(user.message.promptTokens ?? 0, reply.message.completionTokens ?? 0, reply.message.durationMs),
  }));
}

function taskType(text: string): NonNullable<Schemas["PromptfooEvalLine"]["vars"]>["task_type"] {
  const t = text.toLowerCase();
  if (/\b(fix|bug|error|fail|broken)\b/.test(t)) return "bug_fix";
  if (/\b(refactor|clean ?up|restructure)\b/.test(t)) return "refactoring";
  if (/\b(explain|why|what|how)\b/.test(t)) return "explanation";
  if (/\b(write|create|add|implement|generate)\b/.test(t)) return "code_generation";
  return "general";
}

type Prepared = { session: SessionRecord; list: Turn[] }[];
type Formatted = Omit<EvalDataset, "filename">;
type EvalFormatter = (prepared: Prepared, options: EvalOptions, now: Date) => Formatted;

/** Lines of JSON, one per test case, each ended by a newline. */
const jsonLines = (lines: object[]): Formatted => ({
  body: lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length ? "\n" : ""),
  contentType: "application/x-ndjson",
  testCases: lines.length,
});

const deepEval: EvalFormatter = (prepared, options) => {
  const cases = prepared.flatMap(({ session, list }) => deepEvalCases(session, list, options));
  return { body: JSON.stringify(cases, null, 2), contentType: "application/json", testCases: cases.length };
};

const openAi: EvalFormatter = (prepared) =>
  jsonLines(
    prepared.flatMap(({ session, list }) =>
      exchanges(list).map(({ reply, index }) => ({
        input: list.slice(0, index + 1).map((t) => ({ role: t.role, content: t.text })),
        ideal: reply.text,
        metadata: { session_id: session.externalId, model: session.model ?? "unknown", source: session.source },
      })),
    ),
  );

const promptfoo: EvalFormatter = (prepared) =>
  jsonLines(
    prepared.flatMap(({ list }) =>
      exchanges(list).map(({ user, reply }) => {
        const language = /```(\w+)/.exec(reply.text)?.[1];
        return { vars: { input: user.text, ...(language ? { language } : {}), task_type: taskType(user.text) } };
      }),
    ),
  );

const BAR = "=".repeat(80);

/** One session as a text file of the filesystem format. */
function sessionFile(session: SessionRecord, list: Turn[]): string {
  const header = [
    BAR,
    `SESSION: ${session.externalId}`,
    `SOURCE: ${session.source}`,
    `MODEL: ${session.model ?? "unknown"}`,
    `DATE: ${new Date(session.createdAt).toISOString()}`,
    `TOKENS: ${session.totalTokens}`,
    BAR,
    "",
  ];
  const body = list.map(
    (t) => `[${new Date(t.message.createdAt).toISOString()}] ${t.role.toUpperCase()}:\n${t.text || "(empty)"}\n`,
  );
  return [...header, ...body, "END SESSION", ""].join("\n");
}

const filesystem: EvalFormatter = (prepared, _options, now) => {
  const files: Record<string, string> = {};
  const sources: Record<string, number> = {
    opencode: 0,
    "claude-code": 0,
    "factory-droid": 0,
    "codex-cli": 0,
    "cursor-sync": 0,
  };
  let testCases = 0;
  for (const { session, list } of prepared) {
    if (Object.hasOwn(sources, session.source)) sources[session.source]! += 1;
    testCases += list.filter((t) => t.role === "user").length;
    files[`session-${session.externalId.slice(0, 8)}.txt`] = sessionFile(session, list);
  }
  const bundle: Schemas["FilesystemEvalExport"] = {
    manifest: {
      opensync_metadata: {
        export_version: "1.0",
        export_date: now.toISOString(),
        total_sessions: prepared.length,
        total_test_cases: testCases,
        skipped_sessions: 0,
      },
      sources,
      models: [...new Set(prepared.map(({ session }) => session.model ?? "unknown"))],
      files: Object.keys(files),
    },
    files,
    readme:
      "OpenSync eval export. Each file is one session; run your evaluator over the files listed in manifest.files.",
  };
  return { body: JSON.stringify(bundle, null, 2), contentType: "application/json", testCases };
};

/** Each eval format's formatter: a format the spec adds without one here fails to compile. */
const EVAL_FORMATTERS: Record<Schemas["EvalFormat"], EvalFormatter> = {
  deepeval: deepEval,
  openai: openAi,
  promptfoo,
  filesystem,
};

export function evalDataset(
  sessions: { session: SessionRecord; messages: Message[] }[],
  options: EvalOptions,
  now: Date,
): EvalDataset {
  const today = now.toISOString().slice(0, 10);
  const prepared = sessions.map(({ session, messages }) => ({ session, list: turns(messages, options) }));
  const ext = options.format === "openai" || options.format === "promptfoo" ? "jsonl" : "json";
  const filename = `opensync-${options.format}-${today}.${ext}`;
  const { body, contentType, testCases } = EVAL_FORMATTERS[options.format](prepared, options, now);
  return { body, contentType, filename, testCases };
}
