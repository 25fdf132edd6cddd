/**
 * The sandbox's search ranking: BM25 over titles and text parts with prefix matching on the last
 * term (full text), cosine similarity of TF-IDF vectors (semantic), and reciprocal-rank fusion of
 * both (hybrid).
 */
import { describe, expect, it } from "vitest";
import { fullTextSearch, hybridSearch, type Ranked, semanticSearch, tokenize } from "../../../sandbox/store/search.js";
import { storeWith } from "./fixtures.js";

const text = (content: string) => ({
  role: "user" as const,
  textContent: content,
  parts: [{ type: "text" as const, content }],
});
const ids = (ranked: Ranked[]) => ranked.map((r) => r.session.externalId);

const { store } = storeWith({
  refresh: {
    title: "Fix token refresh",
    messages: [
      text("The refresh handler drops the new token."),
      { role: "assistant", textContent: "kubernetes only in textContent" },
    ],
  },
  dark: { title: "Add dark mode", messages: [text("Toggle the colours of the editor.")] },
  storage: { title: "Refactor auth", messages: [text("Token storage moved to the keychain.")] },
});
const sessions = [...store.sessions.values()];

describe("tokenize", () => {
  it("lower-cases and splits on anything that is not a letter or a digit, in any script", () => {
    expect(tokenize("Fix: token-refresh (v2), Ünïcode 東京 x_y")).toEqual([
      "fix",
      "token",
      "refresh",
      "v2",
      "ünïcode",
      "東京",
      "x",
      "y",
    ]);
    expect(tokenize("  --  ")).toEqual([]);
  });
});

describe("fullTextSearch (BM25)", () => {
  it("scores one matching term exactly as BM25 does (k1 1.2, b 0.75)", () => {
    const { store: two } = storeWith({ a: { title: "alpha beta" }, b: { title: "gamma" } });
    const [hit, ...rest] = fullTextSearch([...two.sessions.values()], "alpha", 10);
    // N = 2, df = 1: idf = ln(1 + 1.5 / 1.5) = ln 2. tf = 1, |d| = 2, avg |d| = 1.5:
    // tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avg)) = 2.2 / (1 + 1.2 * 1.25) = 0.88.
    expect(hit!.session.externalId).toBe("a");
    expect(hit!.score).toBeCloseTo(Math.LN2 * 0.88, 12);
    expect(rest).toEqual([]);
  });

  it("ranks a session matching every term above one matching some, and leaves out those matching none", () => {
    expect(ids(fullTextSearch(sessions, "token refresh", 10))).toEqual(["refresh", "storage"]);
  });

  it("matches the last term as a prefix (typing ahead), the others whole", () => {
    expect(ids(fullTextSearch(sessions, "refr", 10))).toEqual(["refresh"]);
    expect(ids(fullTextSearch(sessions, "refr token", 10))).toEqual(["refresh", "storage"]);
    expect(fullTextSearch(sessions, "refr token", 10)[0]!.score).toBeCloseTo(
      fullTextSearch(sessions, "token", 10)[0]!.score,
      12,
    );
  });

  it("indexes titles and text parts, not a message's textContent", () => {
    expect(ids(fullTextSearch(sessions, "dark", 10))).toEqual(["dark"]);
    expect(fullTextSearch(sessions, "kubernetes", 10)).toEqual([]);
  });

  it("gives nothing for a query without terms, and at most `limit` sessions", () => {
    expect(fullTextSearch(sessions, " ?! ", 10)).toEqual([]);
    expect(ids(fullTextSearch(sessions, "token", 1))).toEqual(["refresh"]);
  });

  it("uses the first 16 terms of a long query", () => {
    const filler = Array.from({ length: 16 }, (_, i) => `w${i}`).join(" ");
    expect(fullTextSearch(sessions, `${filler} token`, 10)).toEqual([]);
    expect(ids(fullTextSearch(sessions, `token ${filler}`, 10))).toEqual(["refresh", "storage"]);
  });

  it("breaks a tie by the most recently updated session", () => {
    const { store: twins } = storeWith({ older: { title: "same words" }, newer: { title: "same words" } });
    const ranked = fullTextSearch([...twins.sessions.values()], "same", 10);
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
    expect(ids(ranked)).toEqual(["newer", "older"]);
  });
});

describe("semanticSearch (TF-IDF cosine)", () => {
  it("scores a session whose words are exactly the query's 1", () => {
    const { store: two } = storeWith({ a: { title: "alpha beta" }, b: { title: "gamma delta" } });
    const ranked = semanticSearch([...two.sessions.values()], "beta alpha", 10);
    expect(ids(ranked)).toEqual(["a"]);
    expect(ranked[0]!.score).toBeCloseTo(1, 12);
  });

  it("reads every message's text, textContent included, and scores between 0 and 1", () => {
    const ranked = semanticSearch(sessions, "kubernetes", 10);
    expect(ids(ranked)).toEqual(["refresh"]);
    expect(ranked[0]!.score).toBeGreaterThan(0);
    expect(ranked[0]!.score).toBeLessThan(1);
  });

  it("gives nothing for a query without terms or without a word any session has", () => {
    expect(semanticSearch(sessions, "", 10)).toEqual([]);
    expect(semanticSearch(sessions, "zeppelin", 10)).toEqual([]);
  });

  it("weights a rare word above a common one", () => {
    // By term counts alone "apple apple" is nearer to "apple zebra" (0.71 against 0.5); "apple" is
    // in three sessions of four and "zebra" in one, so with IDF weights "zebra kiwi" is (0.60 against 0.54).
    const { store: fruit } = storeWith({
      twice: { title: "apple apple" },
      rare: { title: "zebra kiwi" },
      fig: { title: "apple fig" },
      grape: { title: "apple grape" },
    });
    expect(ids(semanticSearch([...fruit.sessions.values()], "apple zebra", 2))).toEqual(["rare", "twice"]);
  });
});

describe("hybridSearch (reciprocal-rank fusion)", () => {
  it("sums 1/(60 + rank) over both lists, ranks counted from 0", () => {
    const ranked = hybridSearch(sessions, "token refresh", 10);
    const fullText = ids(fullTextSearch(sessions, "token refresh", 10));
    const semantic = ids(semanticSearch(sessions, "token refresh", 10));
    for (const r of ranked) {
      const i = fullText.indexOf(r.session.externalId);
      const j = semantic.indexOf(r.session.externalId);
      expect(r.score).toBeCloseTo((i < 0 ? 0 : 1 / (60 + i)) + (j < 0 ? 0 : 1 / (60 + j)), 15);
      expect(r.fromFullText).toBe(i >= 0);
    }
    expect(ids(ranked)[0]).toBe("refresh");
    expect(ranked[0]!.score).toBeCloseTo(2 / 60, 15);
  });

  it("keeps a session only the semantic list found, marked as not from the full text", () => {
    expect(
      hybridSearch(sessions, "kubernetes", 10).map((r) => [r.session.externalId, r.score, r.fromFullText]),
    ).toEqual([["refresh", 1 / 60, false]]);
  });

  it("returns at most `limit` sessions", () => {
    expect(hybridSearch(sessions, "token refresh", 1)).toHaveLength(1);
  });
});
