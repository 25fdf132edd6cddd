/**
 * The two profiles a server is checked against, both taken from the sandbox rather than written
 * again here: `contract` is the sandbox's default mode, `deployed` its deployed mode
 * (../deployed/), whose rules read openapi.yaml's account of deployed servers. A probe that
 * expects a refusal is sent to an in-process sandbox in each mode too, and the server's answer
 * must match that profile's answer: status, content type and the error body's shape (the
 * envelope's `code` included; messages are for people and may change wording).
 */
import { ENVELOPE, type ErrorShape, LEGACY } from "../http/error-renderer.js";
import { HttpError } from "../http/http-error.js";
import { type Answer, referenceTarget, type Target } from "./target.js";

export const PROFILES = ["contract", "deployed"] as const;
export type Profile = (typeof PROFILES)[number];

export const isProfile = (value: string): value is Profile => (PROFILES as readonly string[]).includes(value);

/**
 * Per profile, sandboxes in-process answering as that profile says a server does: one whose
 * account is empty and one holding the demo sessions, as some answers depend on what the account
 * holds (deployed servers look for eval-ready sessions before they fail an API key). An answer
 * matches the profile when it matches either.
 */
export function referenceTargets(): Record<Profile, Target[]> {
  const both = (deployed: boolean) => [referenceTarget(deployed, false), referenceTarget(deployed, true)];
  return { contract: both(false), deployed: both(true) };
}

/** The error body each profile answers with (sandbox/http/error-renderer.ts's shapes). */
const ERROR_SHAPES: Record<Profile, ErrorShape> = { contract: ENVELOPE, deployed: LEGACY };

/** The body's shape: strings, numbers and booleans as their type, except the envelope's `error.code`. */
function shapeOf(value: unknown, path = ""): unknown {
  if (Array.isArray(value)) return value.map((item, i) => shapeOf(item, `${path}/${i}`));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, `${path}/${k}`)]));
  if (path === "/error/code") return value;
  return value === null ? "null" : typeof value;
}

const describe = (shape: unknown) => (typeof shape === "object" ? JSON.stringify(shape) : String(shape));

/** The first field where two shapes differ, named by its path; undefined when they agree. */
export function shapeDifference(actual: unknown, expected: unknown, path = ""): string | undefined {
  const field = `field ${path || "/"}`;
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v && typeof v === "object" ? "object" : "value");
  if (kind(actual) !== kind(expected)) return `${field} is ${describe(actual)}, expected ${describe(expected)}`;
  if (kind(actual) === "value") return actual === expected ? undefined : `${field} is ${actual}, expected ${expected}`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!(key in a)) return `field ${path}/${key} is missing`;
  for (const key of Object.keys(a)) if (!(key in e)) return `field ${path}/${key} is not expected`;
  for (const key of Object.keys(e)) {
    const difference = shapeDifference(a[key], e[key], `${path}/${key}`);
    if (difference) return difference;
  }
  return undefined;
}

/**
 * How an answer differs from the profile's answer to the same request: status, content type
 * and, for a refusal, the body's shape. Success bodies hold data of their own: the spec judges them.
 */
export function referenceDifference(answer: Answer, expected: Answer): string | undefined {
  if (answer.status !== expected.status) return `status ${answer.status}, expected ${expected.status}`;
  if (answer.mediaType !== expected.mediaType)
    return `header Content-Type is ${answer.mediaType || "missing"}, expected ${expected.mediaType}`;
  if (answer.status < 400 || expected.json === undefined) return undefined;
  return shapeDifference(shapeOf(answer.json), shapeOf(expected.json));
}

/** Whether a refusal's body has the profile's error shape, whatever its status. */
export function errorShapeDifference(profile: Profile, answer: Answer): string | undefined {
  const { body } = ERROR_SHAPES[profile].answer(new HttpError(500, "INTERNAL_ERROR", ""));
  if (answer.json === undefined) return `body is not JSON: ${answer.text.slice(0, 80)}`;
  const actual = shapeOf(answer.json) as { error?: { code?: unknown } };
  const expected = shapeOf(body) as { error?: { code?: unknown } };
  // Any code will do here: which one belongs to which status is the spec's to say.
  if (actual.error?.code !== undefined && expected.error?.code !== undefined) expected.error.code = actual.error.code;
  return shapeDifference(actual, expected);
}
