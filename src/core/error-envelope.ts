/**
 * Turns any error body into the contract's envelope `{ error: { code, message } }`.
 * A valid envelope passes through untouched (unknown codes too). Deployed servers' legacy bodies
 * (`{"error":"Invalid API key"}`, `{"error":"Unauthorized","message":"..."}`), proxies' HTML or
 * text pages, empty bodies and broken JSON get the code their status implies and a short message.
 */
import type { Error as ErrorEnvelope } from "../../generated/schema.js";
import { codeForStatus } from "../utils/status-code.js";
import { redact } from "../utils/redact.js";

const MAX_MESSAGE = 300;

export interface NormalisedError {
  envelope: ErrorEnvelope;
  /** True when the body already was a valid envelope and can be sent on as it came. */
  valid: boolean;
}

export function toErrorEnvelope(status: number, statusText: string, body: string, secret?: string): NormalisedError {
  const parsed = parseJson(body);
  const inner = isObject(parsed) ? parsed.error : undefined;
  if (isObject(inner) && typeof inner.code === "string" && typeof inner.message === "string") {
    const message = redact(inner.message, secret);
    if (message === inner.message) return { envelope: parsed as ErrorEnvelope, valid: true };
    return { envelope: { error: { code: inner.code as ErrorEnvelope["error"]["code"], message } }, valid: false };
  }
  const message = messageFrom(parsed, body) || statusText || `HTTP ${status}`;
  return { envelope: { error: { code: codeForStatus(status), message: shorten(redact(message, secret)) } }, valid: false };
}

function messageFrom(parsed: unknown, body: string): string {
  if (isObject(parsed)) {
    // {"error":"Unauthorized","message":"Invalid or missing API key"}: the message says more.
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
    if (typeof parsed.error === "string") return parsed.error;
    if (isObject(parsed.error) && typeof parsed.error.message === "string") return parsed.error.message;
    return "";
  }
  if (typeof parsed === "string") return parsed;
  if (parsed !== undefined) return "";
  // Not JSON: an HTML error page says the most in its <title>, else in its text.
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  return title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " ");
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

function parseJson(body: string): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
