/**
 * The write side: plugins sync sessions and messages, one at a time or in batches, and list what
 * they have synced.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { components } from "opensync-api/schema";
import { pointer } from "#spec/document.js";
import type { SpecValidator } from "#spec/validator.js";
import { type BatchArray, type BatchRules, CONTRACT_BATCH_RULES } from "../modes/contract/batch-rules.js";
import type { SessionWrite, WriteVia } from "../modes/contract/write-rules.js";
import type { UserData } from "../store/store.js";
import type { Handlers } from "./types.js";

type Schemas = components["schemas"];

export type SyncOperation =
  | "POST /sync/session"
  | "POST /sync/message"
  | "POST /sync/batch"
  | "GET /sync/sessions/list";

const BATCH = { viaBatch: true };

/**
 * The session's key: `externalId`, or its older name `sessionId` when `externalId` is absent or
 * empty (the validated body has one of them).
 */
export function keyed({ sessionId, ...fields }: Schemas["SessionUpsert"]): SessionWrite {
  return { ...fields, externalId: fields.externalId || sessionId! };
}

const ARRAY_LABEL: Record<BatchArray, string> = { sessions: "Sessions", messages: "Messages" };

/**
 * One array of a batch, all or nothing as in deployed servers' transactions: one bad item rejects
 * the array, and the error names it; otherwise every item is upserted, and counted when written
 * (deployed servers skip some updates, by the write rules, and leave them out of the count).
 */
function upsertArray<Item extends { externalId: string }>(
  batch: { items: unknown; user: UserData; rules: BatchRules },
  validate: ValidateFunction,
  name: BatchArray,
  upsert: (item: Item, via: WriteVia) => { written: boolean; error?: string },
): { written: number; errors: string[] } {
  const { user, rules } = batch;
  const refused = (text: string) => ({ written: 0, errors: [`${ARRAY_LABEL[name]} batch error: ${text}`] });
  const argumentsRefused = rules.refusesArguments(name, batch.items);
  if (argumentsRefused) return refused(argumentsRefused);
  const items = batch.items as readonly unknown[];
  const bad = items.findIndex((item) => !validate(item));
  if (bad >= 0) return refused(rules.invalidItem(name, bad, validate.errors, items[bad]));
  const transaction = rules.refusesTransaction(name, items, user);
  if (transaction) return refused(transaction);
  // Where items are read before any is written, a key new before the batch is inserted by each copy.
  const stored = (item: Item) =>
    name === "sessions" ? user.sessions.has(item.externalId) : user.hasMessage(item.externalId);
  const existed = new Set((items as Item[]).filter(stored).map((item) => item.externalId));
  const inserted = new Set<string>();
  let written = 0;
  const errors: string[] = [];
  for (const item of items as Item[]) {
    const copy = rules.parallel && !existed.has(item.externalId) && inserted.has(item.externalId);
    inserted.add(item.externalId);
    const outcome = upsert(item, { ...BATCH, copy });
    if (outcome.error) errors.push(outcome.error);
    else if (outcome.written) written++;
  }
  return { written, errors };
}

/** A batch message: refused alone (its row kept without parts when only they failed), or upserted. */
function upsertBatchMessage(user: UserData, rules: BatchRules, message: Schemas["BatchMessage"], via: WriteVia) {
  const refused = user.hasMessage(message.externalId) ? undefined : rules.refusesMessage(message);
  if (!refused) return user.upsertMessage(message, via);
  if (refused.rowStays) user.upsertMessage({ ...message, parts: undefined }, { ...via, uncounted: true });
  return { written: false, error: `${message.externalId}: ${refused.text}` };
}

export function syncHandlers(
  validator: SpecValidator,
  rules: BatchRules = CONTRACT_BATCH_RULES,
): Handlers<SyncOperation> {
  const batchSession = validator.at(pointer("components", "schemas", "BatchSession"));
  const batchMessage = validator.at(pointer("components", "schemas", "BatchMessage"));
  return {
    "POST /sync/session": ({ user, body }) => ({ ok: true, sessionId: user.upsertSession(keyed(body)).record.id }),
    "POST /sync/message": ({ user, body }) => ({ ok: true, messageId: user.upsertMessage(body).record.id }),
    "POST /sync/batch": ({ user, body }) => {
      // Only the outer shape was validated (http/validation.ts's batchBodyValidator): items are checked here.
      const sessions = upsertArray(
        { items: body.sessions ?? [], user, rules },
        batchSession,
        "sessions",
        (s: Schemas["BatchSession"], via) => user.upsertSession(s, via),
      );
      const messages = upsertArray(
        { items: body.messages ?? [], user, rules },
        batchMessage,
        "messages",
        (m: Schemas["BatchMessage"], via) => upsertBatchMessage(user, rules, m, via),
      );
      return {
        ok: true,
        sessions: sessions.written,
        messages: messages.written,
        errors: [...sessions.errors, ...messages.errors],
      };
    },
    "GET /sync/sessions/list": ({ user }) => ({ sessionIds: [...user.sessions.values()].map((s) => s.externalId) }),
  };
}
