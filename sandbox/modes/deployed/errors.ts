/**
 * Deployed servers' refusals: a 401 or 400 with their exact texts, and for every other bad
 * input a 500 carrying the text of the exception the server's handler caught (`String(e)`).
 * Answered in `{"error": "<text>"}` (sandbox/http/error-renderer.ts's LEGACY shape).
 */
import { HttpError } from "../../http/http-error.js";

export const unauthorized = (text: string) => new HttpError(401, "UNAUTHORIZED", text);
export const badRequest = (text: string) => new HttpError(400, "INVALID_REQUEST", text);
/** A 500 whose text is an exception's, as deployed servers answer bad input. */
export const exception = (text: string) => new HttpError(500, "INTERNAL_ERROR", text);

/** The database's argument validator refusing a value, as the exception reads once caught. */
export const argumentValidationError = (detail: string) => exception(`Error: ArgumentValidationError: ${detail}`);
