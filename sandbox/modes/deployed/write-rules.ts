/**
 * Deployed servers' write rules (openapi.yaml's descriptions of the /sync operations, "Deployed
 * servers also do the following"), with what they leave for search: each session's full-text
 * search text, grown by the writes, and its embedding, made only by /sync/session. The contract's
 * rules are in ../contract/write-rules.ts.
 */
import { DEPLOYED_SKIP_WINDOWS } from "opensync-api/contract";
import type { components } from "opensync-api/schema";
import { type SearchCoverage, tokenize } from "../../store/search.js";
import { partText } from "../../store/store.js";
import {
  copyMessageFields,
  normaliseSource,
  partsAfterWrite,
  type SessionWrite,
  type StoredSession,
  type WriteRules,
} from "../contract/write-rules.js";

type Message = components["schemas"]["Message"];

/** An update of a session written less than this long ago is skipped when it looks unchanged (the spec's). */
export const SESSION_QUIET_MS = DEPLOYED_SKIP_WINDOWS.sessionMs;
/** A write to a message whose `createdAt` is less than this long ago changes nothing (the spec's). */
export const MESSAGE_QUIET_MS = DEPLOYED_SKIP_WINDOWS.messageMs;
/** The full-text search text keeps this many characters; the rest is never searched. */
export const SEARCH_TEXT_LIMIT = 10_000;
/** An embedding is made from this many characters of the title and messages. */
export const EMBEDDED_TEXT_LIMIT = 8_000;

/**
 * What deployed servers index of each session: its search text and, once /sync/session has run, its embedding's text.
 */
export class DeployedIndex implements SearchCoverage {
  private readonly searchText = new WeakMap<StoredSession, string>();
  private readonly embedded = new WeakMap<StoredSession, string[]>();

  /** The words full-text search finds the session by. */
  fullText(session: StoredSession): string[] {
    return tokenize(this.searchText.get(session) ?? "");
  }

  /** The words its embedding was made of, or undefined: never embedded, so never found by meaning. */
  semantic(session: StoredSession): string[] | undefined {
    return this.embedded.get(session);
  }

  resetSearchText(session: StoredSession, text: string): void {
    this.searchText.set(session, text.slice(0, SEARCH_TEXT_LIMIT));
  }

  appendSearchText(session: StoredSession, text: string): void {
    const before = this.searchText.get(session);
    this.resetSearchText(session, before ? `${before} ${text}` : text);
  }

  embed(session: StoredSession, messages: Iterable<Message>): void {
    const text = [session.title ?? "", ...[...messages].map(embeddedText)].join("\n\n").slice(0, EMBEDDED_TEXT_LIMIT);
    this.embedded.set(session, tokenize(text));
  }
}

/** What a message adds to its session's embedding: its `textContent`, else its text parts (the sessions module). */
const embeddedText = (message: Message) =>
  message.textContent ||
  message.parts
    .filter((part) => part.type === "text")
    .map((part) => partText(part.content))
    .filter(Boolean)
    .join("\n");

/** Tokens are written only when above 0; a field left out counts as 0. */
const tokenCountChanges = (sent: number | undefined, stored: number) =>
  sent !== undefined && sent !== 0 && sent !== stored;

/** The text of a message's `text` parts, space-separated: what a write adds to its session's search text. */
const textOfParts = (input: { parts?: { type: string; content: unknown }[] }) =>
  (input.parts ?? [])
    .filter((part) => part.type === "text")
    .map((part) => partText(part.content))
    .filter(Boolean)
    .join(" ");

export function deployedWriteRules(index: DeployedIndex): WriteRules {
  return {
    // The messages module looks up (and creates) the session a write names before finding the message.
    creditsNamedSession: true,
    insertedSource: normaliseSource,

    skipsSessionUpdate(session, input, { viaBatch }, now) {
      const recent = now - session.updatedAt < SESSION_QUIET_MS;
      const sameLook =
        input.title === session.title &&
        input.model === session.model &&
        !tokenCountChanges(input.promptTokens, session.promptTokens) &&
        // The batch rule compares fewer fields than the single route's.
        (viaBatch ||
          (input.projectPath === session.projectPath &&
            !tokenCountChanges(input.completionTokens, session.completionTokens)));
      return recent && sameLook;
    },

    applySession(session, input, inserted, { viaBatch }) {
      // The sessions module's arithmetic, as written: `x ?? 0`, `> 0` guards and `||` fallbacks,
      // so a negative count is not written yet can enter a total, and 1e400 (Infinity) is stored.
      const prompt = input.promptTokens ?? 0;
      const completion = input.completionTokens ?? 0;
      if (inserted) {
        assign(session, input, ["title", "projectPath", "projectName", "model", "provider", "durationMs"]);
        session.promptTokens = prompt;
        session.completionTokens = completion;
        session.totalTokens = prompt + completion;
        session.cost = input.cost ?? 0;
        index.resetSearchText(session, session.title ?? "");
        return;
      }
      // Updates store `source` as sent: `cursor` is normalised on insert only.
      if (input.source !== undefined) session.source = input.source;
      if (!viaBatch && input.title !== undefined && input.title !== session.title)
        index.resetSearchText(session, input.title);
      assign(session, input, ["title", "projectPath", "projectName", "model", "provider", "cost", "durationMs"]);
      const stored = { prompt: session.promptTokens, completion: session.completionTokens };
      if (prompt > 0) session.promptTokens = prompt;
      if (completion > 0) session.completionTokens = completion;
      if (viaBatch) {
        if (prompt > 0) session.totalTokens = prompt + (input.completionTokens || stored.completion);
        if (completion > 0) session.totalTokens = (input.promptTokens || stored.prompt) + completion;
      } else if (prompt > 0 || completion > 0)
        session.totalTokens = (prompt || stored.prompt) + (completion || stored.completion);
    },

    afterSessionCall(session, messages) {
      index.embed(session, messages);
    },

    skipsMessageUpdate: (message, now) => now - message.createdAt < MESSAGE_QUIET_MS,

    applyMessage(message, session, input, existed, via) {
      copyMessageFields(message, input);
      message.parts = partsAfterWrite(input, existed, via);
      // /sync/message appends on every write; a batch only for the messages it inserts.
      const text = existed && via.viaBatch ? "" : textOfParts(input);
      if (text) index.appendSearchText(session, text);
      return !existed || text !== "";
    },
  };
}

function assign(
  session: StoredSession,
  input: SessionWrite,
  fields: readonly (keyof SessionWrite & keyof StoredSession)[],
): void {
  for (const field of fields) {
    if (input[field] !== undefined) (session as unknown as Record<string, unknown>)[field] = input[field];
  }
}
