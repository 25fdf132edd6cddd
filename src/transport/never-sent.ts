/**
 * Whether a failed fetch certainly never reached the server: the connection was never made (refused,
 * no route, no DNS answer, connect timeout) or its TLS handshake failed (no request byte is sent
 * before it completes). Such a request can be sent again whatever it does. Anything else (a reset,
 * a cut body, "other side closed", a browser's opaque "Failed to fetch") may have happened after the
 * server read the request. The one rule, read once into ConnectionError#neverSent, which the client's
 * retries and the outbox's journal both go by.
 */
// Refused, no route, no DNS answer (EAI_NONAME too), connect timeout. Patterns, not lists: this
// ships in the browser bundle.
const NOT_CONNECTED =
  /^(ECONNREFUSED|ENOTFOUND|EAI_(AGAIN|NONAME|FAIL)|E(HOST|NET)UNREACH|EADDRNOTAVAIL)$|CONNECT_TIMEOUT$/;
// A TLS handshake that failed: https to a plain-http port, a certificate refused (every code naming CERT).
const HANDSHAKE_FAILED = /CERT|^ERR_SSL_WRONG_VERSION/;

/**
 * Inside an AggregateError (Node's happy-eyeballs connect: one error per address tried), *every*
 * error must say so: one that does not (a reset) may be a request that left, and taking it for
 * never sent could send a batch again after the first was stored.
 */
export function neverSent(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.every((e) => neverSent(e, depth + 1));
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === "string" && (NOT_CONNECTED.test(code) || HANDSHAKE_FAILED.test(code))) ||
    neverSent(error.cause, depth + 1)
  );
}
