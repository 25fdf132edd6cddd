/**
 * Deployed servers' read side (see ../contract/read-rules.ts): search over what they index, the eval
 * export's 500 for API keys, the Markdown export without CORS headers, one page of sessions
 * without `source`, /api/stats failing on a model name Convex refuses as a key.
 */

import { fieldNameRefusal } from "opensync-api";
import type { ReadRules } from "../contract/read-rules.js";
import { fieldNameText } from "./convex.js";
import { argumentValidationError, exception } from "./errors.js";
import { deployedMarkdown } from "./markdown.js";

const TURN_MODES = ["per_turn", "full", "final_only"];

import type { DeployedIndex } from "./write-rules.js";

export function deployedReadRules(index: DeployedIndex, { noEmbeddings = false } = {}): ReadRules {
  return {
    // A vector search returns the nearest embedded sessions, however far; its hits carry no score.
    semanticThreshold: false,
    hitScores: false,
    checkEmbeddings() {
      if (noEmbeddings) throw exception("Error: Uncaught Error: OPENAI_API_KEY not set");
    },
    coverage: index,
    checkEvalIdentity(caller) {
      // Making the dataset needs the caller's WorkOS identity, which an API key request lacks.
      if (caller.kind === "ApiKey") throw exception("Error: Uncaught Error: Not authenticated");
    },
    checkEvalOptions({ turn_mode }) {
      if (!TURN_MODES.includes(turn_mode ?? ""))
        throw argumentValidationError(
          `Value does not match validator. Path: .options.turnMode Value: ${JSON.stringify(turn_mode)}`,
        );
    },
    // The eval export's answer sets only Access-Control-Allow-Origin.
    evalCrossOrigin: "origin",
    markdownCrossOrigin: false,
    markdown: (session, messages) => ({ body: deployedMarkdown(session, messages), contentType: "text/markdown" }),
    pagesSessions: false,
    // Their session summaries have no `source`.
    summaryJson: (_user, session) => JSON.stringify({ ...session, source: undefined }),
    statsModelKey(model) {
      // `model || "unknown"` (the api module's stats): the query's answer is a Convex value, whose keys Convex checks.
      const key = model || "unknown";
      if (fieldNameRefusal(key)) throw exception(fieldNameText(key));
      return key;
    },
  };
}
