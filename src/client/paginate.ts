import type { paths, SessionList } from "../../generated/schema.js";
import type { OpenSyncClient } from "./types.js";
import { unwrap } from "./unwrap.js";

type ListQuery = NonNullable<paths["/api/sessions"]["get"]["parameters"]["query"]>;

export interface PaginateSessionsOptions extends Omit<ListQuery, "cursor"> {
  signal?: AbortSignal;
}

/**
 * Every page of `GET /api/sessions`, following `nextCursor` until a page comes without one.
 * Deployed servers have no pagination and send no cursor: that is one page, and done. A server
 * that hands back a cursor it already gave (one ignoring `cursor`) also ends the walk instead of
 * looping forever. A failed page throws ApiError, as `unwrap` does.
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
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(
      client.GET("/api/sessions", { params: { query: cursor ? { ...query, cursor } : query }, signal }),
    );
    yield page;
    cursor = page.nextCursor;
    if (!cursor || seen.has(cursor)) return;
    seen.add(cursor);
  }
}
