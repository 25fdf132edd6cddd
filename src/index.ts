/**
 * opensync-api: a typed client for the OpenSync HTTP API.
 *
 * ```ts
 * const client = createOpenSyncClient({ baseUrl, apiKey });
 * const { data, error } = await client.GET("/api/sessions", { params: { query: { limit: 10 } } });
 * const sessions = await unwrap(client.GET("/api/sessions"));
 * ```
 */
export { createOpenSyncClient } from "./client/create-client.js";
export type { OpenSyncClient, OpenSyncResult, CallData, CallInit, Exact, HttpMethod, PathsWithMethod } from "./client/types.js";
export type { OpenSyncClientOptions } from "./client/options.js";
export { unwrap, errorOf } from "./client/unwrap.js";
export { isLoopback } from "./utils/loopback.js";
export { paginateSessions, type PaginateSessionsOptions } from "./client/paginate.js";
export type { RetryOptions } from "./core/retry-options.js";
export { DEFAULT_RETRY } from "./core/retry-options.js";
export type { RetryEvent, RetryReason } from "./core/retrying-fetch.js";
export {
  OpenSyncError,
  isOpenSyncError,
  ApiError,
  BatchError,
  ConnectionError,
  TimeoutError,
  OutcomeUnknownError,
  InvalidResponseError,
  ConfigurationError,
  type ApiErrorInit,
  type BatchErrorInit,
  type CallInfo,
} from "./errors/index.js";
export { ERROR_CODES, REPEATABLE_WRITES, REPEATABLE_WITHOUT } from "../generated/contract.js";
// The envelope is exported both as ErrorEnvelope (stable since 0.1) and as ErrorResponse, its
// name in the spec. ErrorCode is open (a newer server may send new codes); KnownErrorCode lists
// the codes this version defines.
export type {
  paths,
  components,
  operations,
  ErrorResponse,
  ErrorResponse as ErrorEnvelope,
  ErrorCode,
  KnownErrorCode,
} from "../generated/schema.js";
