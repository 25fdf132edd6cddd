/**
 * opensync-api: a typed client for the OpenSync HTTP API.
 *
 * ```ts
 * const client = createOpenSyncClient({ baseUrl, apiKey });
 * const { data, error } = await client.GET("/api/sessions", { params: { query: { limit: 10 } } });
 * const sessions = await unwrap(client.GET("/api/sessions"));
 * ```
 */

// The contract's runtime facts (error codes, repeatable writes, operations) have one home: opensync-api/contract.

// The envelope is exported both as ErrorEnvelope (stable since 0.1) and as ErrorResponse, its
// name in the spec. ErrorCode is open (a newer server may send new codes); KnownErrorCode lists
// the codes this version defines.
export type {
  components,
  ErrorCode,
  ErrorResponse,
  ErrorResponse as ErrorEnvelope,
  KnownErrorCode,
  operations,
  paths,
} from "../generated/schema.js";
export { createOpenSyncClient } from "./client/create-client.js";
export type { OpenSyncClientOptions } from "./client/options.js";
export { type PaginateSessionsOptions, paginateSessions } from "./client/paginate.js";
export type {
  CallData,
  CallInit,
  CallOptions,
  Exact,
  HttpMethod,
  OpenSyncClient,
  OpenSyncResult,
  PathsWithMethod,
  UndefinedWhereOptional,
} from "./client/types.js";
export { errorOf, unwrap } from "./client/unwrap.js";
export {
  ApiError,
  type ApiErrorInit,
  BatchError,
  type BatchErrorInit,
  type CallInfo,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  isOpenSyncError,
  OpenSyncError,
  OutcomeUnknownError,
  TimeoutError,
  UnstorableValueError,
} from "./errors/index.js";
export {
  CONVEX_LIMITS,
  fieldNameRefusal,
  findFieldNameProblem,
  messageProblem,
  type StoredValueProblem,
  type StoredValueRule,
  sessionProblem,
  storedValueProblem,
} from "./transport/convex-values.js";
export type { RetryEvent, RetryReason } from "./transport/create-transport.js";
export type { Logger, LogLevel, LogMethod } from "./transport/log.js";
export type { RetryOptions } from "./transport/retry-options.js";
export { DEFAULT_RETRY } from "./transport/retry-options.js";
