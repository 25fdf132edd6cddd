/**
 * Search over one user's sessions. Full-text: BM25 over the title and the text parts (what
 * deployed servers index), with prefix matching on the last term. Semantic: cosine similarity of
 * TF-IDF vectors over title and message text, a deterministic local stand-in for the embeddings
 * deployed servers use. Hybrid: reciprocal-rank fusion of both lists, 1/(60 + rank). What each
 * kind reads of a session is its coverage: by default its current content; in the deployed mode
 * what deployed servers index (modes/deployed/write-rules.ts).
 */
import type { SessionRecord } from "./store.js";
import { messageText, partText } from "./store.js";

export const tokenize = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export interface Ranked {
  session: SessionRecord;
  score: number;
}

/** What each kind of search reads of a session, as words. */
export interface SearchCoverage {
  fullText(session: SessionRecord): string[];
  /** Undefined: the session is not findable by meaning (deployed servers: never embedded). */
  semantic(session: SessionRecord): string[] | undefined;
}

/** The contract's coverage: every session's current title and messages. */
export const CURRENT_CONTENT: SearchCoverage = {
  fullText(session) {
    const parts = [...session.messages.values()].flatMap((m) =>
      m.parts.filter((p) => p.type === "text").map((p) => partText(p.content)),
    );
    return tokenize([session.title ?? "", ...parts].join(" "));
  },
  semantic(session) {
    return tokenize([session.title ?? "", ...[...session.messages.values()].map(messageText)].join(" "));
  },
};

export function fullTextSearch(
  sessions: SessionRecord[],
  query: string,
  limit: number,
  coverage: SearchCoverage = CURRENT_CONTENT,
): Ranked[] {
  const terms = tokenize(query).slice(0, 16);
  if (terms.length === 0) return [];
  const docs = sessions.map((session) => ({ session, tokens: coverage.fullText(session) }));
  const avgLength = docs.reduce((sum, d) => sum + d.tokens.length, 0) / Math.max(docs.length, 1) || 1;
  const last = terms.length - 1;
  const matches = (token: string, i: number) => (i === last ? token.startsWith(terms[i]!) : token === terms[i]);
  const docFreq = terms.map((_, i) => docs.filter((d) => d.tokens.some((t) => matches(t, i))).length);
  const k1 = 1.2;
  const b = 0.75;
  const ranked = docs.map(({ session, tokens }) => {
    let score = 0;
    terms.forEach((_, i) => {
      const tf = tokens.filter((t) => matches(t, i)).length;
      if (tf === 0) return;
      const idf = Math.log(1 + (docs.length - docFreq[i]! + 0.5) / (docFreq[i]! + 0.5));
      score += idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * tokens.length) / avgLength)));
    });
    return { session, score };
  });
  return rank(ranked, limit);
}

/** `threshold`: keep only sessions with a word in common; without, the nearest, however far (a vector index). */
export function semanticSearch(
  sessions: SessionRecord[],
  query: string,
  limit: number,
  coverage: SearchCoverage = CURRENT_CONTENT,
  threshold = true,
): Ranked[] {
  const docs = sessions.flatMap((session) => {
    const tokens = coverage.semantic(session);
    return tokens ? [{ session, tokens }] : [];
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((1 + docs.length) / (1 + (df.get(t) ?? 0))) + 1;
  const vector = (tokens: string[]) => {
    const v = new Map<string, number>();
    for (const t of tokens) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, tf] of v) v.set(t, tf * idf(t));
    return v;
  };
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  const q = vector(tokenize(query));
  const qNorm = norm(q);
  if (qNorm === 0 && threshold) return [];
  const ranked = docs.map(({ session, tokens }) => {
    const d = vector(tokens);
    let dot = 0;
    for (const [t, w] of q) dot += w * (d.get(t) ?? 0);
    const dNorm = norm(d);
    return { session, score: dNorm === 0 || qNorm === 0 ? 0 : dot / (qNorm * dNorm) };
  });
  return rank(ranked, limit, threshold);
}

/** RRF: a session's score is the sum of 1/(60 + rank) over the lists it appears in. */
export function hybridSearch(
  sessions: SessionRecord[],
  query: string,
  limit: number,
  coverage: SearchCoverage = CURRENT_CONTENT,
  threshold = true,
): (Ranked & { fromFullText: boolean })[] {
  const fullText = fullTextSearch(sessions, query, limit, coverage);
  const semantic = semanticSearch(sessions, query, limit, coverage, threshold);
  const fused = new Map<SessionRecord, { score: number; fromFullText: boolean }>();
  fullText.forEach((r, i) => {
    fused.set(r.session, { score: 1 / (60 + i), fromFullText: true });
  });
  semantic.forEach((r, i) => {
    const entry = fused.get(r.session);
    if (entry) entry.score += 1 / (60 + i);
    else fused.set(r.session, { score: 1 / (60 + i), fromFullText: false });
  });
  return [...fused]
    .map(([session, e]) => ({ session, ...e }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

function rank(ranked: Ranked[], limit: number, threshold = true): Ranked[] {
  return ranked
    .filter((r) => !threshold || r.score > 0)
    .sort((a, b) => b.score - a.score || b.session.updatedAt - a.session.updatedAt)
    .slice(0, limit);
}
