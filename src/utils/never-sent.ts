/**
 * Whether a failed fetch certainly never reached the server: the connection was never made (refused,
 * no route, no DNS answer, connect timeout). Such a request can be sent again whatever it does.
 * Anything else (a reset, a cut body, "other side closed", a browser's opaque "Failed to fetch")
 * may have happened after the server read the request.
 */
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function neverSent(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  // Node's happy-eyeballs connect fails with an AggregateError of one error per address.
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.every((e) => neverSent(e, depth + 1));
  const code = (error as { code?: unknown }).code;
  return (typeof code === "string" && NOT_CONNECTED.has(code)) || neverSent(error.cause, depth + 1);
}
