/**
 * The write side: plugins sync sessions and messages, one at a time or in batches, and list what
 * they have synced.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { components } from "opensync-api/schema";
import { type OpenApiDocument, pointer, type SpecValidator } from "../spec.js";
import { bodyError } from "../validation.js";
import type { SessionWrite } from "../write-rules.js";
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

const ARRAY_LABEL = { sessions: "Sessions", messages: "Messages" } as const;

/**
 * One array of a batch, all or nothing as in deployed servers' transactions: one bad item rejects
 * the array, and the error names it; otherwise every item is upserted, and counted when written
 * (deployed servers skip some updates, by the write rules, and leave them out of the count).
 */
function upsertArray<Item>(
  items: readonly unknown[],
  validate: ValidateFunction,
  name: keyof typeof ARRAY_LABEL,
  upsert: (item: Item) => { written: boolean },
): { written: number; error?: string } {
  const bad = items.findIndex((item) => !validate(item));
  if (bad >= 0)
    return { written: 0, error: `${ARRAY_LABEL[name]} batch error: ${name}[${bad}]: ${bodyError(validate.errors)}` };
  let written = 0;
  for (const item of items) if (upsert(item as Item).written) written++;
  return { written };
}

export function syncHandlers(validator: SpecValidator): Handlers<SyncOperation> {
  const batchSession = validator.at(pointer("components", "schemas", "BatchSession"));
  const batchMessage = validator.at(pointer("components", "schemas", "BatchMessage"));
  return {
    "POST /sync/session": ({ user, body }) => ({ ok: true, sessionId: user.upsertSession(keyed(body)).record.id }),
    "POST /sync/message": ({ user, body }) => ({ ok: true, messageId: user.upsertMessage(body).record.id }),
    "POST /sync/batch": ({ user, body }) => {
      // Only the outer shape was validated (batchBodyValidator): items are checked here.
      const sessions = upsertArray(body.sessions ?? [], batchSession, "sessions", (s: Schemas["BatchSession"]) =>
        user.upsertSession(s, BATCH),
      );
      const messages = upsertArray(body.messages ?? [], batchMessage, "messages", (m: Schemas["BatchMessage"]) =>
        user.upsertMessage(m, BATCH),
      );
      return {
        ok: true,
        sessions: sessions.written,
        messages: messages.written,
        errors: [sessions.error, messages.error].filter((error) => error !== undefined),
      };
    },
    "GET /sync/sessions/list": ({ user }) => ({ sessionIds: [...user.sessions.keys()] }),
  };
}

/**
 * The body check of /sync/batch: BatchUpsert without its item schemas. A bad item fails its
 * array inside a 200, as the spec says, so the pipeline checks only the outer shape.
 */
export function batchBodyValidator(validator: SpecValidator): ValidateFunction {
  return validator.schema(shallowBatchSchema(validator.spec));
}

function shallowBatchSchema(spec: OpenApiDocument): object {
  const schema = structuredClone(spec.components.schemas.BatchUpsert);
  for (const name of ["sessions", "messages"]) schema.properties[name].items = {};
  return schema;
}
