/**
 * Deployed servers' read side (see ../read-rules.ts): search over what they index, the eval
 * export's 500 for API keys, the Markdown export without CORS headers, one page of sessions
 * without `source`, /api/stats failing on a model name Convex refuses as a key.
 */

import { fieldNameRefusal } from "opensync-api";
import type { ReadRules } from "../read-rules.js";
import { fieldNameText } from "./convex.js";
import { exception } from "./errors.js";
import type { DeployedIndex } from "./write-rules.js";

export function deployedReadRules(index: DeployedIndex): ReadRules {
  return {
    coverage: index,
    checkEvalIdentity(caller) {
      // Making the dataset needs the caller's WorkOS identity, which an API key request lacks.
      if (caller.kind === "ApiKey") throw exception("Error: Uncaught Error: Not authenticated");
    },
    markdownCrossOrigin: false,
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
