/**
 * Turns any error body into the contract's envelope `{ error: { code, message } }`.
 * A valid envelope passes through untouched (unknown codes too). Deployed servers' legacy bodies
 * (`{"error":"Invalid API key"}`, `{"error":"Unauthorized","message":"..."}`), proxies' HTML or
 * text pages, empty bodies and broken JSON get the code their status implies and a short message.
 */
import type { ErrorResponse as ErrorEnvelope } from "../../generated/schema.js";
import { redact } from "../utils/redact.js";
import { codeForStatus } from "../utils/status-code.js";

const MAX_MESSAGE = 300;

/** The error body to hand on: `body` itself when it is a valid envelope, else an envelope's JSON. */
export function normaliseErrorBody(status: number, statusText: string, body: string, secret?: string): string {
  const parsed = parseJson(body);
  const inner = parsed?.error;
  let envelope: ErrorEnvelope;
  if (typeof inner?.code === "string" && typeof inner.message === "string") {
    const message = redact(inner.message, secret);
    if (message === inner.message) return body;
    envelope = { error: { code: inner.code, message } };
  } else {
    const message = messageFrom(parsed, body) || statusText || `HTTP ${status}`;
    envelope = { error: { code: codeForStatus(status), message: shorten(redact(message, secret)) } };
  }
  return JSON.stringify(envelope);
}

// biome-ignore lint/suspicious/noExplicitAny: any JSON value, read with ?. and typeof checks only (see parseJson)
function messageFrom(parsed: any, body: string): string {
  // {"error":"Unauthorized","message":"Invalid or missing API key"}: the message says more.
  if (typeof parsed === "object" && parsed)
    return text(parsed.message) || text(parsed.error) || text(parsed.error?.message);
  // A JSON string is a message; a number, boolean, null or array is not.
  if (parsed !== undefined) return text(parsed);
  // Not JSON: an HTML error page says the most in its <title>, else in its text.
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  return title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " ");
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

/**
 * The body's JSON, or undefined when it has none. `any`: the shape is unknown, and is only read
 * with `?.` and typeof checks (property reads on any JSON value are safe).
 */
// biome-ignore lint/suspicious/noExplicitAny: as said above
function parseJson(body: string): any {
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
