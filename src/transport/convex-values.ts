/**
 * What deployed OpenSync servers cannot store, whatever their routes accept: they run on Convex,
 * which checks every value a function is called with or returns. Pure rules, used by the client
 * before it sends a `/sync/*` body, by the outbox when a record is enqueued, and by the sandbox's
 * deployed mode to refuse what deployed servers refuse.
 *
 * - Field names (convex-js `src/values/value.ts`, `validateObjectField`): every key of every
 *   object, at any depth, is at most 1,024 characters, does not start with `$`, and holds only
 *   non-control ASCII (codes 32 to 126). Part `content` is stored as sent (`v.any()` in
 *   messages.ts), so tool arguments such as `{ "$schema": ... }` reach this rule.
 * - Model names: `/api/stats` (api.ts) returns an object keyed by each session's `model`, so a
 *   model that is not a valid field name makes every later `/api/stats` call fail. A message's
 *   `model` becomes its session's when the message creates the session.
 * - Documents (Convex's limits, sized as convex-js `src/values/size.ts` sizes values): one stored
 *   document (a session, a message without its parts, one part) is at most 1 MiB.
 */

/** Limits of Convex's values and transactions, as deployed servers meet them. */
export const CONVEX_LIMITS = {
  /** Characters of one field name. */
  fieldNameLength: 1024,
  /** Bytes of one stored document, as Convex sizes it. */
  documentBytes: 1_048_576,
  /** Documents one mutation writes (each message and each part of a `/sync/batch` is one). */
  documentsWritten: 16_000,
  /** Index ranges one mutation reads (one per item looked up; an update reads its parts too). */
  indexRanges: 4_096,
} as const;

export type StoredValueRule = "field-name" | "model-name" | "document-size";

/** A value deployed servers would refuse: where (the key's path in the body) and which rule. */
export interface StoredValueProblem {
  /** `parts[0].content.args.$schema`, `messages[2].parts[1]`; "" for the body itself. */
  keyPath: string;
  rule: StoredValueRule;
  /** What is wrong, naming the key only (never a value). */
  reason: string;
  /** The refused key itself (field and model names). */
  key?: string;
  /** The document's size as Convex counts it (document sizes). */
  bytes?: number;
}

/** Why `key` is not a Convex field name, or undefined when it is one. */
export function fieldNameRefusal(key: string): string | undefined {
  if (key.length > CONVEX_LIMITS.fieldNameLength)
    return `field name is ${key.length} characters, over the ${CONVEX_LIMITS.fieldNameLength} allowed`;
  if (key.startsWith("$")) return "field name starts with '$', which is reserved";
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 32 && code <= 126) continue;
    const hex = code.toString(16).toUpperCase().padStart(4, "0");
    return `field name has character U+${hex}: only ASCII 32-126 is allowed`;
  }
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SHOWN_KEY_CHARS = 64;

/** `path` extended by `key`: `.key` where it reads as one, else `["key"]` (long keys shortened). */
export function keyPathOf(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (IDENTIFIER.test(key) && key.length <= SHOWN_KEY_CHARS) return path ? `${path}.${key}` : key;
  const shown = key.length > SHOWN_KEY_CHARS ? `${key.slice(0, SHOWN_KEY_CHARS)}…` : key;
  return `${path}[${JSON.stringify(shown)}]`;
}

/** The first key, at any depth of `value`, that Convex refuses as a field name (its path built only then). */
export function findFieldNameProblem(value: unknown, path = ""): StoredValueProblem | undefined {
  const trail: (string | number)[] = [];
  const walk = (node: unknown): StoredValueProblem | undefined => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        trail.push(i);
        const found = walk(node[i]);
        if (found) return found;
        trail.pop();
      }
      return undefined;
    }
    if (node === null || typeof node !== "object") return undefined;
    for (const [key, child] of Object.entries(node)) {
      if (child === undefined) continue;
      trail.push(key);
      const reason = fieldNameRefusal(key);
      if (reason) return { keyPath: trail.reduce<string>(keyPathOf, path), rule: "field-name", reason, key };
      const found = walk(child);
      if (found) return found;
      trail.pop();
    }
    return undefined;
  };
  return walk(value);
}

/** UTF-8 length, counted without encoding (a pair of surrogates is one 4-byte character). */
function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) continue;
    // 2 bytes below U+0800, else 3; a high surrogate with its pair (skipped) is 4 for 2 units.
    bytes += code < 2048 ? 1 : 2;
    if (code >> 10 === 54 && i + 1 < text.length) i++;
  }
  return bytes;
}

/** A value's size as Convex counts it toward the document limit (convex-js `getConvexSize`'s formula). */
export function convexSize(value: unknown): number {
  switch (typeof value) {
    case "boolean":
      return 1;
    case "number":
    case "bigint":
      return 9;
    case "string":
      return 2 + utf8Bytes(value);
    case "object": {
      if (value === null) return 1;
      let size = 2;
      if (Array.isArray(value)) for (const item of value) size += convexSize(item);
      else
        for (const key of Object.keys(value)) {
          const child = (value as Fields)[key];
          if (child !== undefined) size += utf8Bytes(key) + 1 + convexSize(child);
        }
      return size;
    }
  }
  return 0;
}

/** A document id as deployed servers store it (`_id`, `sessionId`, `messageId`): 32 characters. */
const ID = "x".repeat(32);
/** The fields every stored document gets besides what was sent. */
const SYSTEM_FIELDS = { _id: ID, _creationTime: 0 };
const SESSION_FIELDS = {
  userId: ID,
  totalTokens: 0,
  promptTokens: 0,
  completionTokens: 0,
  cost: 0,
  isPublic: false,
  messageCount: 0,
  createdAt: 0,
  updatedAt: 0,
};
const MESSAGE_FIELDS = { sessionId: ID, createdAt: 0 };
const PART_FIELDS = { messageId: ID, order: 0 };

type Fields = Record<string, unknown>;

function oversized(document: Fields, keyPath: string, what: string): StoredValueProblem | undefined {
  const size = convexSize(document);
  if (size <= CONVEX_LIMITS.documentBytes) return undefined;
  return {
    keyPath,
    rule: "document-size",
    reason: `${what} is ${size} bytes as stored, over the ${CONVEX_LIMITS.documentBytes} of one document`,
    bytes: size,
  };
}

function modelProblem(model: unknown, keyPath: string): StoredValueProblem | undefined {
  if (typeof model !== "string" || model === "") return undefined;
  const reason = fieldNameRefusal(model);
  if (!reason) return undefined;
  return {
    keyPath,
    rule: "model-name",
    reason: `model becomes a key of /api/stats' modelUsage: ${reason}`,
    key: model,
  };
}

/**
 * A session body (`/sync/session`, an item of `sessions`) as deployed servers would store it.
 * `whole`: every key is passed to Convex (a batch item); the single route passes only its fields.
 */
export function sessionProblem(session: unknown, path = "", whole = false): StoredValueProblem | undefined {
  if (session === null || typeof session !== "object") return undefined;
  const fields = session as Fields;
  return (
    (whole ? findFieldNameProblem(fields, path) : undefined) ??
    modelProblem(fields.model, keyPathOf(path, "model")) ??
    // The title is stored twice: as itself and as the session's first search text.
    oversized({ ...SYSTEM_FIELDS, ...SESSION_FIELDS, ...fields, searchableText: fields.title }, path, "the session")
  );
}

/** A message body (`/sync/message`, an item of `messages`): the message document and each part document. */
export function messageProblem(message: unknown, path = "", whole = false): StoredValueProblem | undefined {
  if (message === null || typeof message !== "object") return undefined;
  const { parts, ...fields } = message as Fields;
  const found =
    findFieldNameProblem(whole ? message : { parts }, path) ??
    modelProblem(fields.model, keyPathOf(path, "model")) ??
    oversized({ ...SYSTEM_FIELDS, ...MESSAGE_FIELDS, ...fields }, path, "the message without its parts");
  if (found || !Array.isArray(parts)) return found;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === null || typeof part !== "object") continue;
    const partPath = keyPathOf(keyPathOf(path, "parts"), i);
    const problem = oversized({ ...SYSTEM_FIELDS, ...PART_FIELDS, ...(part as Fields) }, partPath, "the part");
    if (problem) return problem;
  }
  return undefined;
}

/** The first problem of `items` (when an array), each checked by `check` at `name[i]`. */
function firstProblem(items: unknown, name: string, check: typeof sessionProblem): StoredValueProblem | undefined {
  if (Array.isArray(items))
    for (let i = 0; i < items.length; i++) {
      const found = check(items[i], keyPathOf(name, i), true);
      if (found) return found;
    }
  return undefined;
}

/** A `/sync/batch` body: each session and each message. */
export function batchProblem(batch: unknown): StoredValueProblem | undefined {
  if (batch === null || typeof batch !== "object") return undefined;
  const { sessions, messages } = batch as Fields;
  return firstProblem(sessions, "sessions", sessionProblem) ?? firstProblem(messages, "messages", messageProblem);
}

/** What deployed servers would refuse to store of a body sent to `path` (a `/sync/*` route), if anything. */
export function storedValueProblem(path: string, body: unknown): StoredValueProblem | undefined {
  return path === "/sync/session"
    ? sessionProblem(body)
    : path === "/sync/message"
      ? messageProblem(body)
      : path === "/sync/batch"
        ? batchProblem(body)
        : undefined;
}
