/**
 * Why a request failed, in words a person can act on: the kind (a refused connection, a name
 * that does not resolve, TLS, a timeout, an HTTP status, a connection lost mid-request) and the
 * client's message, which never carries the API key. The flush report, `status` and flush.log
 * say it, so that a flush that cannot deliver always says why.
 */
import { ApiError, OutcomeUnknownError, TimeoutError } from "opensync-api";

export type FailureKind = "connection-refused" | "dns" | "tls" | "timeout" | "http" | "connection" | "other";

export interface FlushFailure {
  kind: FailureKind;
  /** The HTTP status, for kind "http". */
  status?: number;
  message: string;
  /** When it happened (ISO 8601). */
  at: string;
}

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const TIMEOUT = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** The error codes along an error's causes (and inside AggregateErrors). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const stack = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    stack.push((e as { cause?: unknown }).cause);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) stack.push(...errors);
  }
  return codes;
}

export function isTlsCode(code: string): boolean {
  return code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code.includes("CERT") || code === "EPROTO";
}

export function failureOf(error: unknown, now = Date.now()): FlushFailure {
  const at = new Date(now).toISOString();
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 500);
  const status = error instanceof ApiError || error instanceof OutcomeUnknownError ? error.status : undefined;
  if (status !== undefined) return { kind: "http", status, message, at };
  const codes = codesOf(error);
  const detail = codes.length > 0 ? ` (${[...new Set(codes)].join(", ")})` : "";
  const kind: FailureKind = codes.includes("ECONNREFUSED")
    ? "connection-refused"
    : codes.some((c) => DNS.has(c))
      ? "dns"
      : codes.some(isTlsCode)
        ? "tls"
        : error instanceof TimeoutError || codes.some((c) => TIMEOUT.has(c))
          ? "timeout"
          : codes.length > 0
            ? "connection"
            : "other";
  return { kind, message: message.includes(codes[0] ?? "\0") ? message : message + detail, at };
}

/** One line: "connection-refused: fetch failed (ECONNREFUSED)", "http 500: ...". */
export function describeFailure(failure: FlushFailure): string {
  const kind = failure.kind === "http" ? `http ${failure.status}` : failure.kind;
  return `${kind}: ${failure.message}`;
}
