/**
 * Whether a request may be sent again when its outcome is unknown, decided per call from the
 * contract's facts and the body object the caller gave (before it is serialised):
 *   - GET, HEAD and OPTIONS, and the writes the spec marks `x-idempotent`: always;
 *   - the writes qualified by `x-repeatable-without`: when none of the listed body locations is
 *     present and non-empty (`messages[].parts`: no message carries a part);
 *   - anything else (including paths the spec does not have): never.
 */
import { REPEATABLE_WITHOUT, REPEATABLE_WRITES } from "../../generated/contract.js";

const REPEATABLE = new Set<string>(REPEATABLE_WRITES);
const QUALIFIED = new Map<string, string[][]>(
  Object.entries(REPEATABLE_WITHOUT).map(([key, locations]) => [key, locations!.map((l) => l.split("."))]),
);

export function isRepeatable(method: string, path: string, body: unknown): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  const key = `${method} ${path}`;
  if (REPEATABLE.has(key)) return true;
  const locations = QUALIFIED.get(key);
  return locations !== undefined && isPlainData(body) && !locations.some((steps) => present(body, steps, 0));
}

/** A body this module can look into: none, or a plain object (not a string, Blob or stream made elsewhere). */
function isPlainData(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  const proto = typeof body === "object" ? Object.getPrototypeOf(body) : undefined;
  return proto === Object.prototype || proto === null;
}

/**
 * Whether `steps` (`["messages[]", "parts"]`) reach a value that is present and non-empty: not
 * undefined or null, and not an empty array. `name[]` steps into every element of an array.
 */
function present(value: unknown, steps: string[], index: number): boolean {
  if (value === undefined || value === null) return false;
  if (index === steps.length) return !Array.isArray(value) || value.length > 0;
  if (typeof value !== "object") return false;
  const step = steps[index]!;
  const each = step.endsWith("[]");
  const next = (value as Record<string, unknown>)[each ? step.slice(0, -2) : step];
  if (!each) return present(next, steps, index + 1);
  // Something other than an array where the spec has one: unknown shape, so not repeatable.
  if (!Array.isArray(next)) return next !== undefined && next !== null;
  return next.some((item) => present(item, steps, index + 1));
}
