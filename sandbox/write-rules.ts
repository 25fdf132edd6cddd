/**
 * What a write does to a stored session or message: which fields it sets, how `source` is
 * normalised, which parts a message keeps. store.ts keeps the data and its indexes; these rules
 * are the sandbox's reading of the contract (openapi.yaml's descriptions of the /sync operations),
 * in one place, so that a store with other rules needs no change to the store itself.
 */
import type { components } from "opensync-api/schema";

type Schemas = components["schemas"];
type SessionUpsert = Schemas["SessionUpsert"];
type MessageUpsert = Schemas["MessageUpsert"];
type SessionSummary = Schemas["SessionSummary"];
type Message = Schemas["Message"];

/** How a write arrived: through /sync/batch, or one by one. */
export interface WriteVia {
  viaBatch: boolean;
}

export interface WriteRules {
  /** The source stored for a session written with `source` (on insert or update). */
  source(source: string | undefined): string;
  /** Copies a write's fields onto a session (new or existing), totals included. */
  applySession(session: SessionSummary, input: SessionUpsert): void;
  /** Copies a write's fields onto a message; `existed`: it was stored before this write. */
  applyMessage(message: Message, input: MessageUpsert, existed: boolean, via: WriteVia): void;
}

const SESSION_FIELDS = ["title", "projectPath", "projectName", "model", "provider", "cost", "durationMs", "promptTokens", "completionTokens"] as const;
const MESSAGE_FIELDS = ["textContent", "model", "promptTokens", "completionTokens", "durationMs"] as const;

/** `cursor` is how the Cursor plugin names itself; the canonical source is `cursor-sync`. */
export const normaliseSource = (source: string | undefined) => (source === undefined ? "opencode" : source === "cursor" ? "cursor-sync" : source);

/** The contract's rules: only the fields sent change; a missing source is `opencode`. */
export const CONTRACT_WRITE_RULES: WriteRules = {
  source: normaliseSource,
  applySession(session, input) {
    for (const field of SESSION_FIELDS) {
      if (input[field] !== undefined) (session as unknown as Record<string, unknown>)[field] = input[field];
    }
    session.totalTokens = session.promptTokens + session.completionTokens;
  },
  applyMessage(message, input, existed, { viaBatch }) {
    for (const field of MESSAGE_FIELDS) {
      if (input[field] !== undefined) (message as unknown as Record<string, unknown>)[field] = input[field];
    }
    // The parts sent replace the stored ones; an update without parts leaves none (as servers
    // do), and so does any update through a batch (the spec's /sync/batch rule; a batch insert
    // keeps the parts it sends).
    message.parts = existed && viaBatch ? [] : (input.parts ?? []).map((part) => ({ type: part.type, content: part.content }));
  },
};
