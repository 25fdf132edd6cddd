import type { paths, SessionList, SessionSummary } from "../../generated/schema.js";
import { OpenSyncError } from "../errors/opensync-error.js";
import type { OpenSyncClient } from "./types.js";
import { unwrap } from "./unwrap.js";

type ListQuery = NonNullable<paths["/api/sessions"]["get"]["parameters"]["query"]>;

export interface PaginateSessionsOptions extends Omit<ListQuery, "cursor"> {
  signal?: AbortSignal;
}

/** The servers' default page size, when `limit` is not given. */
const DEFAULT_LIMIT = 50;
/** How much larger each request of a server without pagination asks for. */
const GROWTH = 4;

/**
 * Every session of `GET /api/sessions`, page by page, on both kinds of server:
 *   - a server with pagination: following `nextCursor` until a page comes without one. A server
 *     that hands back a cursor it already gave (one ignoring `cursor`) ends the walk instead of
 *     looping forever.
 *   - a deployed server, which has no pagination: it answers one page of `limit` sessions, the
 *     most recently updated, without `nextCursor` (and without `source` in its sessions). While
 *     such a page is full, the list is asked for again with a limit four times larger, and only
 *     the sessions not yet yielded are yielded, until a page that is not full holds them all.
 *     Each request reads the sessions again from the top: listing n sessions there costs about
 *     log4(n / limit) requests and up to 4n / 3 sessions read.
 * What it cannot do: filter by `source` on a server that ignores `source` (deployed servers do,
 * and their sessions carry no source to filter by). It throws OpenSyncError then, rather than yield
 * sessions from other sources. A failed page throws ApiError, as `unwrap` does.
 *
 * ```ts
 * for await (const page of paginateSessions(client, { limit: 100 })) {
 *   for (const session of page.sessions) console.log(session.title);
 * }
 * ```
 */
export async function* paginateSessions(
  client: OpenSyncClient,
  options: PaginateSessionsOptions = {},
): AsyncGenerator<SessionList, void, undefined> {
  const { signal, ...query } = options;
  const cursors = new Set<string>();
  const yielded = new Set<string>();
  const first = query.limit ?? DEFAULT_LIMIT;
  let limit = first;
  let cursor: string | undefined;
  for (;;) {
    const asked = cursor ? { ...query, cursor } : limit === first ? query : { ...query, limit };
    const page = await unwrap(client.GET("/api/sessions", { params: { query: asked }, signal }));
    if (query.source !== undefined && page.sessions.some((s) => s.source !== query.source))
      throw new OpenSyncError("GET /api/sessions: this server ignores source; list without it");
    const fresh = page.sessions.filter((s: SessionSummary) => !yielded.has(s.id));
    for (const session of fresh) yielded.add(session.id);
    if (fresh.length > 0 || yielded.size === 0)
      yield fresh.length === page.sessions.length ? page : { sessions: fresh };
    cursor = page.nextCursor;
    if (cursor) {
      if (cursors.has(cursor)) return;
      cursors.add(cursor);
      continue;
    }
    // No cursor: the last page of a server with pagination, whose sessions carry their source,
    // or the only page of one without; a page that is not full holds every session there is.
    if (page.sessions.length < limit || limit === 0 || page.sessions.some((s) => s.source !== undefined)) return;
    limit *= GROWTH;
  }
}
