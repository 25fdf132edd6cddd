/** Search over the caller's sessions, and the RAG context built from it. */
import type { components } from "opensync-api/schema";
import type { ReadRules } from "../modes/contract/read-rules.js";
import { contextMessages, contextText } from "../store/renderers.js";
import { fullTextSearch, hybridSearch, type Ranked, semanticSearch } from "../store/search.js";
import type { UserData } from "../store/store.js";
import type { Handlers } from "./types.js";

type Schemas = components["schemas"];

export type SearchOperation = "GET /api/search" | "GET /api/context";

export function searchHandlers(reads: ReadRules): Handlers<SearchOperation> {
  const { coverage, semanticThreshold: threshold } = reads;
  const scored = <T extends { score?: number }>(hit: T): T => (reads.hitScores ? hit : { ...hit, score: undefined });
  return {
    "GET /api/search": ({ user, query }) => {
      const limit = query.limit ?? 20;
      const sessions = [...user.sessions.values()];
      const type = query.type ?? "fulltext";
      if (type !== "fulltext") reads.checkEmbeddings();
      switch (type) {
        case "semantic":
          return {
            results: semanticSearch(sessions, query.q, limit, coverage, threshold).map(semanticHit).map(scored),
          };
        case "hybrid":
          return {
            results: hybridSearch(sessions, query.q, limit, coverage, threshold).map((r) =>
              scored(r.fromFullText ? fullTextHit(r) : semanticHit(r)),
            ),
          };
        default:
          return { results: fullTextSearch(sessions, query.q, limit, coverage).map(fullTextHit).map(scored) };
      }
    },
    "GET /api/context": ({ user, query }) => {
      reads.checkEmbeddings();
      const found = withLastMessages(
        user,
        semanticSearch([...user.sessions.values()], query.q, query.limit ?? 5, coverage, threshold),
      );
      if ((query.format ?? "text") === "text") return { text: contextText(query.q, found), sessionCount: found.length };
      return { messages: contextMessages(found), sessionCount: found.length };
    },
  };
}

const withLastMessages = (user: UserData, ranked: Ranked[]) =>
  ranked.map(({ session }) => ({ session, messages: user.orderedMessages(session).slice(-10) }));

function fullTextHit({ session: s, score }: Ranked): Schemas["FullTextHit"] {
  return {
    id: s.id,
    externalId: s.externalId,
    title: s.title,
    projectPath: s.projectPath,
    model: s.model,
    totalTokens: s.totalTokens,
    cost: s.cost,
    messageCount: s.messageCount,
    createdAt: s.createdAt,
    score: round(score),
  };
}

function semanticHit({ session: s, score }: Ranked): Schemas["SemanticHit"] {
  return {
    _id: s.id,
    externalId: s.externalId,
    title: s.title,
    projectPath: s.projectPath,
    projectName: s.projectName,
    model: s.model,
    totalTokens: s.totalTokens,
    cost: s.cost,
    isPublic: s.isPublic,
    messageCount: s.messageCount,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    score: round(score),
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
