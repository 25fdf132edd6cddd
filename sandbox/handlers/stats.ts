/** Usage totals for the caller, and the liveness check anyone may call. */
import type { components } from "opensync-api/schema";
import type { ReadRules } from "../modes/contract/read-rules.js";
import type { Handlers } from "./types.js";

type Schemas = components["schemas"];

export type StatsOperation = "GET /api/stats" | "GET /health";

export function statsHandlers(reads: ReadRules): Handlers<StatsOperation> {
  return {
    "GET /api/stats": ({ user }) => {
      const stats: Schemas["Stats"] = {
        sessionCount: 0,
        messageCount: 0,
        totalTokens: 0,
        totalCost: 0,
        totalDurationMs: 0,
        modelUsage: {},
      };
      // Model names are client data: a Map, not an object, so `__proto__` or `constructor` is just a name.
      const usageByModel = new Map<string, Schemas["ModelUsage"]>();
      for (const s of user.sessions.values()) {
        stats.sessionCount++;
        stats.messageCount += s.messageCount;
        stats.totalTokens += s.totalTokens;
        stats.totalCost += s.cost;
        stats.totalDurationMs += s.durationMs ?? 0;
        const model = reads.statsModelKey(s.model);
        const usage = usageByModel.get(model) ?? { tokens: 0, cost: 0, sessions: 0 };
        usageByModel.set(model, usage);
        usage.tokens += s.totalTokens;
        usage.cost += s.cost;
        usage.sessions++;
      }
      // fromEntries defines own properties, so even a model called `__proto__` is an ordinary key.
      stats.modelUsage = Object.fromEntries(usageByModel);
      return stats;
    },
    "GET /health": () => ({ status: "ok", timestamp: Date.now() }),
  };
}
