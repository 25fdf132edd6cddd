/**
 * What a write does to a stored session or message: whether it is skipped, which fields it sets,
 * how `source` is normalised, which parts a message keeps, and what it adds to search.
 * sandbox/store/store.ts keeps the data and its indexes; the rules are a reading of openapi.yaml's
 * descriptions of the /sync operations, in one place per mode: the contract's here, deployed
 * servers' in ../deployed/write-rules.ts. A store with other rules needs no change to the store itself.
 */
import type { components } from "opensync-api/schema";

type Schemas = components["schemas"];
type SessionSummary = Schemas["SessionSummary"];
type Message = Schemas["Message"];

/** A session write, as /sync/session or a batch item sends it: the key already resolved. */
export type SessionWrite = Omit<Schemas["SessionUpsertFields"], "externalId" | "sessionId"> & { externalId: string };
export type MessageWrite = Schemas["MessageUpsert"];

/** How a write arrived: through /sync/batch, or one by one. */
export interface WriteVia {
  viaBatch: boolean;
  /**
   * A second insert of a key this batch already inserted: deployed servers read every item before
   * writing any, so each copy of a new key is a row of its own (found by listings, not by its key).
   */
  copy?: boolean;
  /** An insert whose item then failed (its parts refused): the row stays, not counted in `messageCount`. */
  uncounted?: boolean;
}

/** A stored session as the rules see it (the store's record, without its messages). */
export type StoredSession = SessionSummary & { source: string };

export interface WriteRules {
  /**
   * An update of a message stored in another session: whether the session the write names (created
   * when missing) gets its search text and `updatedAt`, rather than the message's own session.
   */
  creditsNamedSession: boolean;
  /** The source stored for a session created with `source`. */
  insertedSource(source: string | undefined): string;
  /** Whether an update of a stored session changes nothing (answered as success all the same). */
  skipsSessionUpdate(session: StoredSession, input: SessionWrite, via: WriteVia, now: number): boolean;
  /** Copies a write's fields onto a session, new (`inserted`) or stored, totals included. */
  applySession(session: StoredSession, input: SessionWrite, inserted: boolean, via: WriteVia): void;
  /** After a /sync/session call, skipped or not, with the session's messages as they are now. */
  afterSessionCall(session: StoredSession, messages: Iterable<Message>): void;
  /** Whether a write to a stored message changes nothing (answered as success all the same). */
  skipsMessageUpdate(message: Message, now: number): boolean;
  /**
   * Copies a write's fields onto a message; `existed`: it was stored before this write.
   * Returns whether the write counts as a write to its session (moves its `updatedAt`).
   */
  applyMessage(message: Message, session: StoredSession, input: MessageWrite, existed: boolean, via: WriteVia): boolean;
}

const SESSION_FIELDS = [
  "title",
  "projectPath",
  "projectName",
  "model",
  "provider",
  "cost",
  "durationMs",
  "promptTokens",
  "completionTokens",
] as const;
export const MESSAGE_FIELDS = ["textContent", "model", "promptTokens", "completionTokens", "durationMs"] as const;

/** `cursor` is how the Cursor plugin names itself; the canonical source is `cursor-sync`. */
export const normaliseSource = (source: string | undefined) =>
  source === undefined ? "opencode" : source === "cursor" ? "cursor-sync" : source;

/** The parts a write leaves on a message: those sent replace the stored ones, except in a batch update. */
export function partsAfterWrite(input: MessageWrite, existed: boolean, { viaBatch }: WriteVia): Message["parts"] {
  // An update without parts leaves none (as servers do), and so does any update through a batch
  // (the spec's /sync/batch rule, in both modes; a batch insert keeps the parts it sends).
  return existed && viaBatch ? [] : (input.parts ?? []).map((part) => ({ type: part.type, content: part.content }));
}

export function copyMessageFields(message: Message, input: MessageWrite): void {
  for (const field of MESSAGE_FIELDS) {
    if (input[field] !== undefined) (message as unknown as Record<string, unknown>)[field] = input[field];
  }
}

/** The contract's rules: nothing skipped; only the fields sent change; a missing source is `opencode`. */
export const CONTRACT_WRITE_RULES: WriteRules = {
  creditsNamedSession: false,
  insertedSource: normaliseSource,
  skipsSessionUpdate: () => false,
  applySession(session, input, inserted) {
    if (!inserted && input.source !== undefined) session.source = normaliseSource(input.source);
    for (const field of SESSION_FIELDS) {
      if (input[field] !== undefined) (session as unknown as Record<string, unknown>)[field] = input[field];
    }
    session.totalTokens = session.promptTokens + session.completionTokens;
  },
  afterSessionCall() {},
  skipsMessageUpdate: () => false,
  applyMessage(message, _session, input, existed, via) {
    copyMessageFields(message, input);
    message.parts = partsAfterWrite(input, existed, via);
    return true;
  },
};
