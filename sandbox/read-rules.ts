/**
 * What the read side does differently per mode: what search finds, whether the eval export can
 * be made for a caller, which answers carry CORS headers, whether listings page. The contract's
 * rules are here; deployed servers' in deployed/read-rules.ts.
 */
import type { Caller } from "./credentials.js";
import { CURRENT_CONTENT, type SearchCoverage } from "./search.js";
import type { SessionRecord, UserData } from "./store.js";

export interface ReadRules {
  /** What full-text and semantic search read of each session. */
  coverage: SearchCoverage;
  /** Called once the eval export has passed its 404 checks: throws for a caller it cannot be made for. */
  checkEvalIdentity(caller: Caller): void;
  /** Whether the Markdown export carries CORS headers. */
  markdownCrossOrigin: boolean;
  /** Whether /api/sessions pages with `nextCursor` (and reads `cursor` and `source`). */
  pagesSessions: boolean;
  /** A session as /api/sessions and /api/sessions/get return it, as JSON. */
  summaryJson(user: UserData, session: SessionRecord): string;
  /** The key of /api/stats' `modelUsage` for a session's model; throws where the answer cannot hold it. */
  statsModelKey(model: string | undefined): string;
}

export const CONTRACT_READ_RULES: ReadRules = {
  coverage: CURRENT_CONTENT,
  // The pipeline refused API keys with 403 (the operation's security): every caller here has a token.
  checkEvalIdentity() {},
  markdownCrossOrigin: true,
  pagesSessions: true,
  // Cached per session until its next write: listings repeat it.
  summaryJson: (user, session) => user.summaryAsJson(session),
  statsModelKey: (model) => model ?? "unknown",
};
