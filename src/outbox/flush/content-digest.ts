/**
 * A short digest of what an upsert writes, to recognise a version identical to the one last
 * stored: hooks often send the same message again (a retried hook, a transcript parsed anew, a
 * producer that cannot tell whether its last append resolved). Such a version is done without a
 * request. createdAt (and a session's sessionId alias) are left out: they count only on insert.
 * Two equal contents with keys in another order digest differently; that costs a needless
 * request, never a lost write.
 */
import { createHash } from "node:crypto";

export function contentDigest(body: object): string {
  const { createdAt: _createdAt, sessionId: _sessionId, ...content } = body as Record<string, unknown>;
  return createHash("sha1").update(JSON.stringify(content)).digest("base64url").slice(0, 16);
}
