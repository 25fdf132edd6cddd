/**
 * A 2xx body as the data its operation declares, chosen by media type: JSON is parsed, Markdown
 * and newline-delimited JSON are strings (as the spec types them). Which media type is due comes
 * from the spec: JSON, unless the operation's `x-response-formats` has the request's `format`
 * select another (`GET /api/export?format=markdown` is text/markdown). A body that does not match
 * is an InvalidResponseError: broken or empty JSON, another media type than the one asked for, an
 * NDJSON line that is not JSON. No `parseAs` needed.
 */
import { RESPONSE_FORMATS } from "../../generated/contract.js";
import { InvalidResponseError } from "../errors/invalid-response-error.js";
import type { CallContext } from "../transport/call-context.js";
import { redact } from "../utils/redact.js";

const JSON_TYPE = "application/json";
const NDJSON_TYPE = "application/x-ndjson";

interface Formats {
  readonly parameter: string;
  readonly default: string;
  readonly mediaTypes: Readonly<Record<string, string>>;
}

/** GET paths whose body depends on a query parameter, by path. */
const FORMATS = new Map<string, Formats>(
  Object.entries(RESPONSE_FORMATS).flatMap(([key, formats]) =>
    key.startsWith("GET ") ? [[key.slice(4), formats]] : [],
  ),
);

/**
 * The media type the request asked for; undefined when the format is one the spec does not know
 * (then the response's own content type decides, among the operation's media types).
 */
export function expectedMediaType(
  method: string,
  path: string,
  init: { params?: { query?: Record<string, unknown> } } | undefined,
): string | undefined {
  const formats = method === "GET" ? FORMATS.get(path) : undefined;
  if (!formats) return JSON_TYPE;
  const value = init?.params?.query?.[formats.parameter] ?? formats.default;
  return typeof value === "string" ? formats.mediaTypes[value] : undefined;
}

/** `text/markdown; charset=utf-8` -> `text/markdown`. */
function essence(response: Response): string {
  return (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

const isJson = (mediaType: string) => mediaType === JSON_TYPE || mediaType.endsWith("+json");

/** The data of a 2xx whose body openapi-fetch read as text (undefined: it had none). */
export function readBody(
  text: string | undefined,
  expected: string | undefined,
  context: CallContext,
  secret: string | undefined,
): unknown {
  const response = context.response!;
  // No body is what these answers are meant to have (openapi-fetch then gives no text).
  if (text === undefined && (context.method === "HEAD" || response.status === 204)) return undefined;
  let due = expected;
  if (due === undefined) {
    const actual = essence(response);
    const declared = Object.values(FORMATS.get(context.path)?.mediaTypes ?? {});
    due = declared.includes(actual) ? actual : JSON_TYPE;
  }
  const body = text ?? "";
  if (isJson(due)) {
    // Lenient about the content type (servers and proxies mislabel JSON); the parse decides.
    if (body === "") throw invalid(context, `empty, expected ${due}`, secret);
    try {
      return JSON.parse(body);
    } catch (error) {
      throw invalid(context, `not ${due}: ${(error as Error).message}`, secret);
    }
  }
  // Text has no syntax to check: the content type is the only evidence of what it is.
  const actual = essence(response);
  if (actual !== due) throw invalid(context, `${actual || "no content type"}, expected ${due}`, secret);
  if (due === NDJSON_TYPE) {
    const lines = body.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.trim()) continue;
      try {
        JSON.parse(lines[i]!);
      } catch (error) {
        throw invalid(context, `line ${i + 1} is not JSON: ${(error as Error).message}`, secret);
      }
    }
  }
  return body;
}

function invalid(context: CallContext, problem: string, secret: string | undefined): InvalidResponseError {
  const { status, headers } = context.response!;
  return new InvalidResponseError(status, headers, redact(problem, secret), context);
}
