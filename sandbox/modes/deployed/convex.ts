/**
 * What Convex, under deployed servers, refuses whatever their routes accept (openapi.yaml,
 * Deployed servers, What Convex refuses), with the texts their handlers catch: field names
 * (convex-js values module, `validateObjectField`) when an HTTP action passes arguments to a
 * mutation, 1 MiB per stored document, and each batch array's transaction limits. The rules
 * themselves are the client's (opensync-api's CONVEX_LIMITS and checks): one home per fact.
 */
import {
  CONVEX_LIMITS,
  fieldNameRefusal,
  findFieldNameProblem,
  messageProblem,
  type StoredValueProblem,
  sessionProblem,
} from "opensync-api";
import type { StepFactory } from "../../http/pipeline.js";
import type { UserData } from "../../store/store.js";
import type { BatchArray, BatchRules } from "../contract/batch-rules.js";
import { exception } from "./errors.js";
import { convexValidationText } from "./validation-text.js";

/** Convex's text for a refused field name, as `String(error)` reads it. */
export function fieldNameText(key: string): string {
  if (key.length > CONVEX_LIMITS.fieldNameLength)
    return `Error: Field name ${key} exceeds maximum field name length ${CONVEX_LIMITS.fieldNameLength}.`;
  if (key.startsWith("$")) return `Error: Field name ${key} starts with a '$', which is reserved.`;
  const bad = [...key].find((c) => fieldNameRefusal(c) !== undefined) ?? "";
  return (
    `Error: Field name ${key} has invalid character '${bad}': Field names can only contain ` +
    "non-control ASCII characters"
  );
}

/** The first key at any depth of `value` Convex refuses, itself (not its path). */
const refusedKey = (value: unknown) => findFieldNameProblem(value)?.key;

const mib = (bytes: number) => `${Number((bytes / 1_048_576).toFixed(2))} MiB`;

/** Convex's text for a document over 1 MiB. */
function tooLargeText(problem: StoredValueProblem): string {
  const size = mib(problem.bytes ?? 0);
  return `Error: Uncaught Error: Value is too large (${size} > maximum size ${mib(CONVEX_LIMITS.documentBytes)})`;
}

const documentProblem = (problem: StoredValueProblem | undefined) =>
  problem?.rule === "document-size" ? problem : undefined;

/**
 * `/sync/session` and `/sync/message` as Convex takes them: the message's arguments (parts
 * included) with a refused field name fail before the mutation; a document over 1 MiB fails the
 * mutation, which writes nothing. (A session's arguments are the route's named scalar fields.)
 */
export const checkAsConvex: StepFactory = ({ key }) => {
  if (key === "POST /sync/message")
    return ({ body }) => {
      const refused = refusedKey((body as { parts?: unknown }).parts);
      if (refused !== undefined) throw exception(fieldNameText(refused));
      const large = documentProblem(messageProblem(body));
      if (large) throw exception(tooLargeText(large));
    };
  if (key === "POST /sync/session")
    return ({ body }) => {
      const large = documentProblem(sessionProblem(body));
      if (large) throw exception(tooLargeText(large));
    };
  return undefined;
};

type Item = { externalId?: string; sessionExternalId?: string; parts?: unknown[] };

/** Index ranges read and documents written by one array's transaction (openapi.yaml's /sync/batch). */
function transactionCost(name: BatchArray, items: readonly Item[], user: UserData) {
  if (name === "sessions") return { ranges: items.length, written: items.length };
  let ranges = 0;
  let written = 0;
  const sessions = new Set<string>();
  for (const item of items) {
    const session = item.sessionExternalId ?? "";
    if (!sessions.has(session)) {
      sessions.add(session);
      ranges += 1;
      written += user.sessions.has(session) ? 1 : 2;
    }
    const stored = user.storedParts(item.externalId ?? "");
    ranges += stored === undefined ? 1 : 2;
    written += 1 + (stored ?? item.parts?.length ?? 0);
  }
  return { ranges, written };
}

export const CONVEX_BATCH_RULES: BatchRules = {
  refusesArguments(name, items) {
    if (!Array.isArray(items))
      return (
        `Error: ArgumentValidationError: Value does not match validator. Path: .${name} ` +
        `Value: ${JSON.stringify(items)} Validator: v.array(v.object({...}))`
      );
    const refused = refusedKey(items);
    return refused === undefined ? undefined : fieldNameText(refused);
  },
  refusesTransaction(name, items, user) {
    // A session's insert over 1 MiB fails the whole mutation (its items run without a catch).
    const large =
      name === "sessions" ? items.map((item) => documentProblem(sessionProblem(item))).find(Boolean) : undefined;
    if (large) return tooLargeText(large);
    const { ranges, written } = transactionCost(name, items as Item[], user);
    if (ranges > CONVEX_LIMITS.indexRanges)
      return `Error: Too many index ranges read in a single function execution (limit: ${CONVEX_LIMITS.indexRanges})`;
    if (written > CONVEX_LIMITS.documentsWritten)
      return (
        "Error: Too many documents written in a single function execution " +
        `(limit: ${CONVEX_LIMITS.documentsWritten})`
      );
    return undefined;
  },
  refusesMessage(message) {
    const large = documentProblem(messageProblem(message));
    return large ? { text: tooLargeText(large), rowStays: large.keyPath !== "" } : undefined;
  },
  invalidItem: (name, index, errors, item) =>
    `Error: ArgumentValidationError: ${convexValidationText(errors, item, `.${name}[${index}]`)}`,
  parallel: true,
};
