/**
 * Deployed servers' legacy error bodies (`{"error": "<text>"}` and kin, opensync-server-behaviour.md
 * 1.1 and 1.2), each with the envelope's code and message the client makes of it: the one table that
 * both the in-process test of normaliseErrorBody and the client's test over loopback go through.
 */
export const LEGACY_BODIES = [
  [401, { error: "Invalid API key" }, "UNAUTHORIZED", "Invalid API key"],
  [401, { error: "Invalid API key format" }, "UNAUTHORIZED", "Invalid API key format"],
  [401, { error: "Missing Authorization header" }, "UNAUTHORIZED", "Missing Authorization header"],
  [401, { error: "Unauthorized", message: "Invalid or missing API key" }, "UNAUTHORIZED", "Invalid or missing API key"],
  [400, { error: "Missing session ID" }, "INVALID_REQUEST", "Missing session ID"],
  [404, { error: "Session not found" }, "NOT_FOUND", "Session not found"],
  [403, { error: "Forbidden" }, "FORBIDDEN", "Forbidden"],
  [
    500,
    { error: "SyntaxError: Unexpected end of JSON input" },
    "INTERNAL_ERROR",
    "SyntaxError: Unexpected end of JSON input",
  ],
  [429, { error: "Too many requests" }, "RATE_LIMITED", "Too many requests"],
  [500, { error: { message: "inner message only" } }, "INTERNAL_ERROR", "inner message only"],
] as const;
