/**
 * What the outbox stores: a session or a message as the spec types its upsert, checked and trimmed
 * to the spec's fields when it is enqueued, so that a record that could never be delivered is
 * refused to its producer at once instead of failing in a flush nobody watches.
 */
import { messageProblem, type StoredValueProblem, sessionProblem, type UndefinedWhereOptional } from "opensync-api";
import { REQUEST_LIMITS, SYNC_FIELDS } from "opensync-api/contract";
import type { components } from "opensync-api/schema";
import { OutboxRecordError } from "./errors.js";

export type SessionUpsert = components["schemas"]["SessionUpsert"];
/** A session as the outbox stores it: keyed by `externalId` (prepareSession takes it from `sessionId` when absent). */
export type KeyedSession = Extract<SessionUpsert, { externalId: string }>;
export type MessageUpsert = components["schemas"]["MessageUpsert"];
export type RecordKind = "session" | "message";

/** A segment line holding a record: kind, enqueue time, body, destination (destination.ts; absent: any). */
export interface RecordLine {
  k: "s" | "m";
  t: number;
  b: SessionUpsert | MessageUpsert;
  d?: string;
}
/**
 * A record as checked at enqueue: its body as JSON gives it back, and that JSON text, which the
 * record's line is built from instead of serialising the body a second time.
 */
export interface Prepared<T> {
  body: T;
  json: string;
}

/** The JSON text of a record line, as JSON.stringify would give it, around a body already serialised. */
export function recordLineJson(kind: RecordLine["k"], t: number, bodyJson: string, destination?: string): string {
  const d = destination === undefined ? "" : `,"d":${JSON.stringify(destination)}`;
  return `{"k":"${kind}","t":${JSON.stringify(t)},"b":${bodyJson}${d}}`;
}

/** The first line of a segment: who writes it. */
export interface HeaderLine {
  h: 1;
  pid: number;
  host: string;
  at: number;
}
/** The last line of a segment whose writer closed it: nothing follows. */
export interface EndLine {
  end: 1;
}

const SESSION_FIELDS = new Set<string>(SYNC_FIELDS.SessionUpsert);
const MESSAGE_FIELDS = new Set<string>(SYNC_FIELDS.MessageUpsert);
/** Room for the batch envelope around one item (`{"sessions":[...],"messages":[...]}`). */
const ENVELOPE_BYTES = 64;

/**
 * The session as it will be stored: only the spec's fields (servers ignore others on
 * `/sync/session` and refuse them in batches), and `externalId` taken from the deprecated
 * `sessionId` alias when it is missing, as servers do.
 */
export function prepareSession(input: UndefinedWhereOptional<SessionUpsert>): Prepared<KeyedSession> {
  const body = pick(input, SESSION_FIELDS, "session");
  if (body.externalId === undefined && typeof body.sessionId === "string") body.externalId = body.sessionId;
  delete body.sessionId;
  requireString(body, "externalId", "session");
  const stored = checkSize(body, "session");
  refuseUnstorable(sessionProblem(stored.body), stored.body, "session");
  return stored as Prepared<KeyedSession>;
}

export function prepareMessage(input: UndefinedWhereOptional<MessageUpsert>): Prepared<MessageUpsert> {
  const body = pick(input, MESSAGE_FIELDS, "message");
  requireString(body, "sessionExternalId", "message");
  requireString(body, "externalId", "message");
  requireString(body, "role", "message");
  if (body.parts !== undefined) {
    if (!Array.isArray(body.parts)) throw new OutboxRecordError("message: parts must be an array");
    body.parts.forEach((part: unknown, i: number) => {
      const p = part as Record<string, unknown> | null;
      if (typeof p !== "object" || p === null || typeof p.type !== "string" || p.content === undefined) {
        throw new OutboxRecordError(
          `message ${JSON.stringify(body.externalId)}: parts[${i}] must be { type: string, content }`,
        );
      }
    });
  }
  const stored = checkSize(body, "message");
  refuseUnstorable(messageProblem(stored.body), stored.body, "message");
  return stored as Prepared<MessageUpsert>;
}

/** Deployed servers (Convex) would refuse it: fail at the call, naming the key, never the value. */
function refuseUnstorable(problem: StoredValueProblem | undefined, body: Record<string, unknown>, what: string) {
  if (problem)
    throw new OutboxRecordError(
      `${what} ${JSON.stringify(body.externalId)}: ${problem.keyPath || what}: ${problem.reason}; ` +
        "deployed servers cannot store it",
    );
}

function pick(input: unknown, fields: Set<string>, what: string): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new OutboxRecordError(`${what} must be an object`);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (fields.has(key) && value !== undefined) body[key] = value;
  return body;
}

function requireString(body: Record<string, unknown>, field: string, what: string): void {
  const value = body[field];
  if (typeof value !== "string" || value === "")
    throw new OutboxRecordError(`${what}: ${field} must be a non-empty string`);
}

/** JSON-serialisable, and small enough for one request even alone. */
function checkSize(body: Record<string, unknown>, what: string): Prepared<Record<string, unknown>> {
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    throw new OutboxRecordError(
      `${what} ${JSON.stringify(body.externalId)} is not JSON-serialisable: ${(error as Error).message}`,
    );
  }
  const bytes = Buffer.byteLength(json);
  if (bytes + ENVELOPE_BYTES > REQUEST_LIMITS.maxBodyBytes) {
    throw new OutboxRecordError(
      `${what} ${JSON.stringify(body.externalId)} is ${bytes} bytes as JSON: over the ` +
        `${REQUEST_LIMITS.maxBodyBytes} bytes servers accept in one request`,
    );
  }
  // Checked as parsed back, so that what is delivered and compared later is exactly its JSON.
  return { body: JSON.parse(json), json };
}
