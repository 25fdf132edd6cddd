/**
 * opensync-api/schema: the types generated from openapi.yaml, for typed imports:
 *   import type { paths, components, SessionSummary } from "opensync-api/schema";
 * Types only; the module is empty at run time.
 */
export type * from "../generated/schema.js";
