import type { KnownErrorCode } from "../../generated/schema.js";

/** The envelope code a status implies, for bodies that do not carry one (legacy servers, proxies). */
export function codeForStatus(status: number): KnownErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL_ERROR";
  return "INVALID_REQUEST";
}
