/**
 * The sandbox's demo data (`--demo`, `startSandbox({ demo: true })`): a dozen coding sessions from
 * the tools that sync to OpenSync, so that a first `GET /api/sessions`, a search, a context, an
 * export, an eval export and the stats all have something to show, and the docs' examples (the
 * search example is "token refresh") find something.
 *
 * Deterministic: the same `now` gives the same sessions and messages, placed over the days before
 * it. They are written as the sync routes write (`upsertSession`, `upsertMessage`), in the shapes
 * plugins send: `text`, `tool-call` (`{name, args}`) and `tool-result` parts, `textContent`,
 * per-message tokens and durations, and session totals, cost and model.
 */
import type { components } from "opensync-api/schema";
import { PRICES, SCRIPTS } from "./scripts.js";

type Schemas = components["schemas"];

export interface DemoData {
  sessions: Schemas["SessionUpsert"][];
  messages: Schemas["MessageUpsert"][];
}

/** Where demo data is written: the store's upsert paths, the ones the sync routes use. */
export interface DemoTarget {
  upsertSession(session: Schemas["SessionUpsert"]): unknown;
  upsertMessage(message: Schemas["MessageUpsert"]): unknown;
}

/** Writes the demo data, oldest session first, so that the listing shows the newest first. */
export function loadDemo(target: DemoTarget, now: number): void {
  const { sessions, messages } = demoData(now);
  for (const session of sessions) {
    target.upsertSession(session);
    for (const message of messages) if (message.sessionExternalId === session.externalId) target.upsertMessage(message);
    // Once more at the end, as plugins do: deployed servers embed a session (for semantic search)
    // only when /sync/session is called, from the messages it has then.
    target.upsertSession(session);
  }
}

const HOUR = 3_600_000;

/** Rough tokens of a text: about four characters each. */
const tokensOf = (value: unknown) => Math.ceil((typeof value === "string" ? value : JSON.stringify(value)).length / 4);

/** The demo sessions and messages, placed before `now` (epoch ms). */
export function demoData(now: number): DemoData {
  const sessions: DemoData["sessions"] = [];
  const messages: DemoData["messages"] = [];
  // Oldest first, the order they are written in.
  for (const script of [...SCRIPTS].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
    const start = now - script.hoursAgo * HOUR;
    const step = Math.floor((script.minutes * 60_000) / script.turns.length);
    let context = 1800; // the tool's system prompt and tool definitions
    let promptTokens = 0;
    let completionTokens = 0;
    script.turns.forEach((turn, i) => {
      const message: Schemas["MessageUpsert"] = {
        sessionExternalId: script.externalId,
        externalId: `${script.externalId}:${i + 1}`,
        role: turn.role,
        textContent: turn.textContent,
        parts: turn.parts,
        source: script.source,
        createdAt: start + i * step,
      };
      const size = tokensOf(turn.parts.map((p) => p.content));
      if (turn.role === "assistant") {
        message.model = script.model;
        message.promptTokens = context;
        message.completionTokens = size + 60;
        message.durationMs = 1500 + message.completionTokens * 18;
        promptTokens += context;
        completionTokens += message.completionTokens;
      } else if (turn.role === "user") {
        message.promptTokens = size;
      }
      context += size;
      messages.push(message);
    });
    const [promptPrice, completionPrice] = PRICES[script.model] ?? [1, 1];
    sessions.push({
      externalId: script.externalId,
      source: script.source,
      title: script.title,
      projectPath: script.projectPath,
      projectName: script.projectPath.split("/").pop()!,
      model: script.model,
      provider: script.provider,
      promptTokens,
      completionTokens,
      cost: Math.round(((promptTokens * promptPrice + completionTokens * completionPrice) / 1e6) * 1e6) / 1e6,
      durationMs: script.minutes * 60_000,
      createdAt: start,
    });
  }
  return { sessions, messages };
}
