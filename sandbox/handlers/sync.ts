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

export function syncHandlers(validator: SpecValidator): Handlers<SyncOperation> {
  const batchSession = validator.at(pointer("components", "schemas", "BatchSession"));
  const batchMessage = validator.at(pointer("components", "schemas", "BatchMessage"));
  return {
    "POST /sync/session": ({ user, body }) => ({ ok: true, sessionId: user.upsertSession(keyed(body)).record.id }),
    "POST /sync/message": ({ user, body }) => ({ ok: true, messageId: user.upsertMessage(body).record.id }),
    "POST /sync/batch": ({ user, body }) => {
      const result: Schemas["BatchUpsertResult"] = { ok: true, sessions: 0, messages: 0, errors: [] };
      // Only the outer shape was validated (batchBodyValidator): items are checked here.
      const sessions: unknown[] = body.sessions ?? [];
      const messages: unknown[] = body.messages ?? [];
      // Each array is all or nothing, as in deployed servers' transactions: one bad item rejects it.
      const badSession = sessions.findIndex((s) => !batchSession(s));
      if (badSession >= 0)
        result.errors.push(`Sessions batch error: sessions[${badSession}]: ${bodyError(batchSession.errors)}`);
      // Counted when written: deployed servers skip some updates (write rules) and leave them out.
      else
        for (const s of sessions)
          if (user.upsertSession(s as Schemas["BatchSession"], BATCH).written) result.sessions++;
      const badMessage = messages.findIndex((m) => !batchMessage(m));
      if (badMessage >= 0)
        result.errors.push(`Messages batch error: messages[${badMessage}]: ${bodyError(batchMessage.errors)}`);
      else
        for (const m of messages)
          if (user.upsertMessage(m as Schemas["BatchMessage"], BATCH).written) result.messages++;
      return result;
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
