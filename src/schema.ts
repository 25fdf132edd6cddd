/**
 * opensync-api/schema: the types generated from openapi.yaml, for typed imports:
 *   import type { paths, components, SessionSummary } from "opensync-api/schema";
 * Types only; the module is empty at run time.
 */
export type * from "../generated/schema.js";

import type { SyncBatchResult } from "../generated/schema.js";

/**
 * @deprecated The spec's name for this schema is now SyncBatchResult: `BatchUpsertResult` is the
 * name code generators such as orval derive for the `batchUpsert` operation's result, and the two
 * collided ("Duplicate identifier") in their output.
 */
export type BatchUpsertResult = SyncBatchResult;
