/**
 * Every operation's handler, grouped by area. The type requires one handler per operation of the
 * contract, so an operation added to openapi.yaml fails the build until it is served.
 */
import type { OperationKey } from "opensync-api/contract";
import type { SpecValidator } from "#spec/validator.js";
import type { BatchRules } from "../modes/contract/batch-rules.js";
import type { ReadRules } from "../modes/contract/read-rules.js";
import { exportHandlers } from "./export.js";
import { searchHandlers } from "./search.js";
import { sessionsHandlers } from "./sessions.js";
import { statsHandlers } from "./stats.js";
import { syncHandlers } from "./sync.js";
import type { Handlers } from "./types.js";

export interface HandlerDependencies {
  validator: SpecValidator;
  /** The store's clock. */
  now: () => number;
  /** The mode's read side. */
  reads: ReadRules;
  /** What the mode's database refuses in a batch (none in the contract). */
  batches?: BatchRules;
}

export function createHandlers({ validator, now, reads, batches }: HandlerDependencies): Handlers<OperationKey> {
  return {
    ...syncHandlers(validator, batches),
    ...sessionsHandlers(reads),
    ...searchHandlers(reads),
    ...exportHandlers(now, reads),
    ...statsHandlers(reads),
  };
}
