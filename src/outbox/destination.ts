/**
 * Where a record must go: a server and an account. Every record is bound to one when it is
 * enqueued, so that records never cross accounts and "already stored" means stored *there*:
 * delivery state, coalescing and the "identical version, no request" shortcut are per destination.
 *
 * A destination is written down as `<account>@<server>`: the server's URL (origin and path, no
 * credentials, query or fragment) and a fingerprint of the API key (a salted SHA-256, cut to 16
 * hex digits). The key itself never reaches the disk.
 */
import { createHash } from "node:crypto";

export interface Destination {
  /** `<account>@<url>`: what records carry and what the delivery state is keyed by. */
  key: string;
  url: string;
  /** A fingerprint of the API key (never the key). */
  account: string;
}

const FINGERPRINT_SALT = "opensync-outbox account\0";

export function accountFingerprint(apiKey: string): string {
  return createHash("sha256").update(FINGERPRINT_SALT).update(apiKey).digest("hex").slice(0, 16);
}

/** The server part of a base URL, as records name it (undefined when it is not a URL). */
export function serverOf(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** The destination of a base URL and an API key; undefined unless both are known. */
export function destinationOf(baseUrl: string | undefined, apiKey: string | undefined): Destination | undefined {
  if (!baseUrl || !apiKey) return undefined;
  const url = serverOf(baseUrl);
  if (url === undefined) return undefined;
  const account = accountFingerprint(apiKey);
  return { key: `${account}@${url}`, url, account };
}

/** A destination key read back (from a record or the journal). */
export function parseDestination(key: string): Destination {
  const at = key.indexOf("@");
  return { key, account: key.slice(0, at), url: key.slice(at + 1) };
}
