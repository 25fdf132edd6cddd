/** The read side's sessions: a page of summaries, and one session with its messages. */

import { invalidRequest, notFound } from "../http/http-error.js";
import type { ReadRules } from "../modes/contract/read-rules.js";
import { decodeCursor, encodeCursor } from "../store/cursor.js";
import type { SessionRecord, UserData } from "../store/store.js";
import type { Handlers } from "./types.js";

export type SessionsOperation = "GET /api/sessions" | "GET /api/sessions/get";

/** The session with this id, of this user only; otherwise the 404 (another user's id included). */
export function findSession(user: UserData, id: string): SessionRecord {
  const session = user.sessionsById.get(id);
  if (!session) throw notFound("Session not found");
  return session;
}

const utf8 = new TextEncoder();

export function sessionsHandlers({ pagesSessions, summaryJson }: ReadRules): Handlers<SessionsOperation> {
  /** A SessionList: `limit` sessions, most recently updated first, after the cursor's position. */
  const listingPage = (user: UserData, query: { limit?: number; source?: string; cursor?: string }): string => {
    const limit = query.limit ?? 50;
    const ordered =
      query.source === undefined ? user.byRecency() : user.byRecency().filter((s) => s.source === query.source);
    let start = 0;
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      if (!after) throw invalidRequest("Invalid query parameter: cursor is not one this server issued");
      start = ordered.findIndex(
        (s) => s.updatedAt < after.updatedAt || (s.updatedAt === after.updatedAt && s.id < after.id),
      );
      if (start < 0) start = ordered.length;
    }
    const page = ordered.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = pagesSessions && start + limit < ordered.length && last;
    // Joined from each summary's cached JSON: serialising the sessions was most of a listing's
    // cost, and a summary only changes when its session is written.
    const cursor = more ? `,"nextCursor":${JSON.stringify(encodeCursor(last))}` : "";
    return `{"sessions":[${page.map((s) => summaryJson(user, s)).join(",")}]${cursor}}`;
  };
  return {
    "GET /api/sessions": ({ c, user, query }) => {
      // The page's bytes are kept until the user's next write: a listing only reads sessions, whose
      // every change is a write the store sees. A bad cursor throws and keeps nothing.
      const key = JSON.stringify(["GET /api/sessions", query.limit, query.source, query.cursor]);
      const page = user.keptUntilWrite(key, () => utf8.encode(listingPage(user, query)));
      return c.body(page, 200, { "content-type": "application/json" });
    },
    "GET /api/sessions/get": ({ c, user, query }) => {
      const session = findSession(user, query.id);
      const messages = JSON.stringify(user.orderedMessages(session));
      return c.body(`{"session":${summaryJson(user, session)},"messages":${messages}}`, 200, {
        "content-type": "application/json",
      });
    },
  };
}
