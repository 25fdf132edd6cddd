/**
 * Where every failure becomes an answer: hono's onError and notFound both end here. The shape
 * is chosen once, when the sandbox is made: the contract's envelope, or the legacy
 * `{"error": "<message>"}` of deployed servers for testing old clients. Anything thrown that is
 * not an HttpError is a bug in the sandbox: a 500 that names nothing of it.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "./http-error.js";

/** How an HttpError is answered: its status and JSON body. */
export interface ErrorShape {
  answer(error: HttpError): { status: ContentfulStatusCode; body: object };
}

/** The contract's error envelope, `{"error": {"code", "message"}}`. */
export const ENVELOPE: ErrorShape = {
  answer: ({ status, code, message }) => ({ status, body: { error: { code, message } } }),
};

/** Deployed servers' shape today, `{"error": "<message>"}`, statuses unchanged. */
export const LEGACY: ErrorShape = {
  answer: ({ status, message }) => ({ status, body: { error: message } }),
};

const internalError = () => new HttpError(500, "INTERNAL_ERROR", "Internal server error");

export type ErrorRenderer = (error: unknown, c: Context) => Response;

export function createErrorRenderer(shape: ErrorShape): ErrorRenderer {
  return (error, c) => {
    const failure = error instanceof HttpError ? error : internalError();
    for (const name in failure.headers) c.header(name, failure.headers[name]);
    const { status, body } = shape.answer(failure);
    return c.json(body, status);
  };
}
