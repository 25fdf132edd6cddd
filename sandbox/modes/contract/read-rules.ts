/**
 * What the read side does differently per mode: what search finds, whether the eval export can
 * be made for a caller, which answers carry CORS headers, whether listings page. The contract's
 * rules are here; deployed servers' in ../deployed/read-rules.ts.
 */
import type { Caller } from "../../store/credentials.js";
import { markdownExport } from "../../store/renderers.js";
import { CURRENT_CONTENT, type SearchCoverage } from "../../store/search.js";
import type { Message, SessionRecord, UserData } from "../../store/store.js";

export interface ReadRules {
  /** What full-text and semantic search read of each session. */
  coverage: SearchCoverage;
  /** Called once the eval export has passed its 404 checks: throws for a caller it cannot be made for. */
  checkEvalIdentity(caller: Caller): void;
  /** Checks the eval export's options once its 404s passed (deployed servers' action checks `turn_mode` there). */
  checkEvalOptions(query: { turn_mode?: string }): void;
  /** Whether the eval export carries every CORS header, or only `Access-Control-Allow-Origin`. */
  evalCrossOrigin: "all" | "origin";
  /** Whether the Markdown export carries CORS headers. */
  markdownCrossOrigin: boolean;
  /** The Markdown export's body and media type. */
  markdown(session: SessionRecord, messages: Message[]): { body: string; contentType: string };
  /** Whether /api/sessions pages with `nextCursor` (and reads `cursor` and `source`). */
  pagesSessions: boolean;
  /** A session as /api/sessions and /api/sessions/get return it, as JSON. */
  summaryJson(user: UserData, session: SessionRecord): string;
  /** Semantic search keeps only sessions sharing a word with the query (the contract), or the nearest, however far. */
  semanticThreshold: boolean;
  /** Whether search hits carry `score`. */
  hitScores: boolean;
  /** Before a semantic, hybrid or context search: throws where it cannot run (no embeddings). */
  checkEmbeddings(): void;
  /** The key of /api/stats' `modelUsage` for a session's model; throws where the answer cannot hold it. */
  statsModelKey(model: string | undefined): string;
}

export const CONTRACT_READ_RULES: ReadRules = {
  coverage: CURRENT_CONTENT,
  // The pipeline refused API keys with 403 (the operation's security): every caller here has a token.
  checkEvalIdentity() {},
  checkEvalOptions() {},
  evalCrossOrigin: "all",
  markdownCrossOrigin: true,
  markdown: (session, messages) => ({
    body: markdownExport(session, messages),
    contentType: "text/markdown; charset=utf-8",
  }),
  pagesSessions: true,
  // Cached per session until its next write: listings repeat it.
  summaryJson: (user, session) => user.summaryAsJson(session),
  statsModelKey: (model) => model ?? "unknown",
  semanticThreshold: true,
  hitScores: true,
  checkEmbeddings() {},
};
