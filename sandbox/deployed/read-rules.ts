/**
 * Deployed servers' read side (see ../read-rules.ts): search over what they index, the eval
 * export's 500 for API keys, the Markdown export without CORS headers, one page of sessions
 * without `source`.
 */
import type { ReadRules } from "../read-rules.js";
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
  };
}
