/**
 * Coalescing: the pending versions of one session (or one message) become one upsert that leaves
 * the server as sending each of them in turn would. An upsert writes the fields it carries and
 * keeps the others; a few fields count only when the record is inserted (a session's createdAt; a
 * message's role, createdAt, session and source), so for those the first version wins; a message's
 * parts are replaced by each write, so the last version's parts (or none) win.
 */
import type { components } from "opensync-api/schema";
import type { MessageUpsert, SessionUpsert } from "../records.js";

type StoredMessage = components["schemas"]["Message"];

const SESSION_INSERT_ONLY = new Set(["createdAt"]);
const MESSAGE_INSERT_ONLY = new Set(["role", "createdAt", "sessionExternalId", "source"]);

export function foldSession(versions: readonly SessionUpsert[]): SessionUpsert {
  return fold(versions, SESSION_INSERT_ONLY) as SessionUpsert;
}

export function foldMessage(versions: readonly MessageUpsert[]): MessageUpsert {
  const body = fold(versions, MESSAGE_INSERT_ONLY) as MessageUpsert;
  const parts = versions[versions.length - 1]!.parts;
  if (parts === undefined) delete body.parts;
  else body.parts = parts;
  return body;
}

function fold(versions: readonly object[], insertOnly: Set<string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const version of versions) {
    for (const [key, value] of Object.entries(version)) {
      if (value === undefined || (insertOnly.has(key) && key in body)) continue;
      body[key] = value;
    }
  }
  return body;
}

/** `body` without the given fields (a batch refuses keys it does not define). */
export function without<T extends object>(body: T, ...fields: string[]): T {
  const copy = { ...body } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as T;
}

/**
 * Whether a message read back from the server holds what `expected` would write: every field it
 * sets, and exactly its parts (a message sent without parts has none). createdAt is compared only
 * when `withCreatedAt` (it is sent, so it counts).
 */
export function storedMatches(expected: MessageUpsert, stored: StoredMessage, withCreatedAt: boolean): boolean {
  for (const field of ["textContent", "model", "promptTokens", "completionTokens", "durationMs"] as const) {
    if (expected[field] !== undefined && !sameJson(expected[field], stored[field])) return false;
  }
  if (withCreatedAt && expected.createdAt !== undefined && expected.createdAt !== stored.createdAt) return false;
  return sameJson(expected.parts ?? [], stored.parts ?? []);
}

/** Deep equality of JSON values; object key order does not matter (servers may reorder keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => sameJson(value, other[i]));
  }
  const left = Object.keys(a);
  const right = b as Record<string, unknown>;
  return (
    left.length === Object.keys(right).length &&
    left.every((key) => Object.hasOwn(right, key) && sameJson((a as Record<string, unknown>)[key], right[key]))
  );
}
