/**
 * Whether a failed fetch certainly never reached the server: the connection was never made (refused,
 * no route, no DNS answer, connect timeout) or its TLS handshake failed (no request byte is sent
 * before it completes). Such a request can be sent again whatever it does. Anything else (a reset,
 * a cut body, "other side closed", a browser's opaque "Failed to fetch") may have happened after the
 * server read the request. The one rule for the client's retries and the outbox's journal.
 */
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  // TLS handshakes that failed: https to a plain-http port, a certificate refused.
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
  "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
  "ERR_SSL_UNSUPPORTED_PROTOCOL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
]);

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
  return (typeof code === "string" && NOT_CONNECTED.has(code)) || neverSent(error.cause, depth + 1);
}
