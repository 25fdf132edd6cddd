/**
 * The requests a default run sends: GETs only. Reads that must succeed (listings, one session,
 * search, context, exports, stats, health), and refusals that need no write: no credential, a
 * malformed and an unknown one, the wrong kind of credential, a missing required parameter, a
 * bad value, a value that is no server's id.
 */
import { OPERATIONS, type OperationKey } from "opensync-api/contract";
import type { Probe } from "./checks.js";
import type { Credential } from "./target.js";

/** A word to search for: what a run with --write syncs, so that search has something to find. */
export const SEARCH_WORD = "conformance";
/** A value that is no server's session id: contract servers answer 404, deployed ones 500. */
const NOT_AN_ID = "conformance-no-such-session";

const get = (
  operation: OperationKey,
  name: string,
  credential: Credential,
  query?: Record<string, string>,
  statuses?: number[],
): Probe => ({ operation, name, request: { method: "GET", path: operation.slice(4), query, credential }, statuses });

export const HEALTH: Probe = get("GET /health", "answers without a credential", "none", undefined, [200]);
export const LISTING: Probe = get("GET /api/sessions", "lists sessions", "key", { limit: "5" }, [200]);

export interface ReadContext {
  /** A session of the caller's to read and export, when there is one. */
  sessionId?: string;
  hasAccessToken: boolean;
}

export type Unmade = { operation: OperationKey; name: string; skip: string };

/** The reads after HEALTH and LISTING; one that cannot be made says why (`skip`). */
export function reads({ sessionId, hasAccessToken }: ReadContext): (Probe | Unmade)[] {
  const id = (operation: OperationKey, name: string, query: Record<string, string> = {}) =>
    sessionId
      ? get(operation, name, "key", { id: sessionId, ...query }, [200])
      : { operation, name, skip: "no session to read: the account has none (run with --write to sync one)" };
  return [
    get("GET /sync/sessions/list", "lists session externalIds", "key", undefined, [200]),
    id("GET /api/sessions/get", "reads one session"),
    get("GET /api/search", "full-text search", "key", { q: SEARCH_WORD }, [200]),
    get("GET /api/search", "hybrid search", "key", { q: SEARCH_WORD, type: "hybrid" }, [200]),
    get("GET /api/context", "RAG context", "key", { q: SEARCH_WORD }, [200]),
    id("GET /api/export", "exports JSON"),
    id("GET /api/export", "exports Markdown", { format: "markdown" }),
    id("GET /api/export", "exports JSON Lines", { format: "jsonl" }),
    hasAccessToken
      ? // An account without a session that makes a test case answers 404 No eval-ready sessions.
        get("GET /api/export/evals", "exports an eval dataset (access token)", "token", undefined, [200, 404])
      : {
          operation: "GET /api/export/evals",
          name: "exports an eval dataset",
          skip: "needs --access-token (a WorkOS access token)",
        },
    get("GET /api/stats", "usage totals", "key", undefined, [200]),
  ];
}

/** Every secured GET, refused without a credential. Valid parameters, so the credential is all that is missing. */
const QUERY_FOR: Partial<Record<OperationKey, Record<string, string>>> = {
  "GET /api/sessions/get": { id: NOT_AN_ID },
  "GET /api/export": { id: NOT_AN_ID },
  "GET /api/search": { q: SEARCH_WORD },
  "GET /api/context": { q: SEARCH_WORD },
};

function withoutCredential(): Probe[] {
  return (Object.keys(OPERATIONS) as OperationKey[])
    .filter((key) => key.startsWith("GET ") && OPERATIONS[key].security.length > 0)
    .map((key) => get(key, "refuses a request without a credential", "none", QUERY_FOR[key]));
}

/** Refusals, each compared with every profile's answer to the same request. */
export function refusals({ hasAccessToken }: ReadContext): Probe[] {
  return [
    ...withoutCredential(),
    get("GET /api/sessions", "refuses a malformed credential", "malformed"),
    get("GET /api/sessions", "refuses an unknown API key", "unknown"),
    get("GET /api/sessions", "refuses a limit that is not a number", "key", { limit: "abc" }),
    get("GET /api/sessions/get", "refuses a missing id", "key"),
    get("GET /api/sessions/get", "answers an id that is no session's", "key", { id: NOT_AN_ID }),
    get("GET /api/export", "refuses a missing id", "key"),
    get("GET /api/export", "answers an id that is no session's", "key", { id: NOT_AN_ID }),
    get("GET /api/search", "refuses a missing q", "key"),
    get("GET /api/context", "refuses a missing q", "key"),
    get("GET /api/export/evals", "refuses an API key (it needs an access token)", "key"),
    ...(hasAccessToken
      ? [get("GET /sync/sessions/list", "refuses an access token (it needs an API key)", "token")]
      : []),
  ];
}
