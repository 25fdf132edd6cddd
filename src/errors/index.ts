export { ApiError, type ApiErrorInit } from "./api-error.js";
export { BatchError, type BatchErrorInit } from "./batch-error.js";
export type { CallInfo } from "./call.js";
export { ConfigurationError } from "./configuration-error.js";
export { ConnectionError } from "./connection-error.js";
export { InvalidResponseError } from "./invalid-response-error.js";
export { isOpenSyncError, OpenSyncError } from "./opensync-error.js";
export { OutcomeUnknownError } from "./outcome-unknown-error.js";
export { TimeoutError } from "./timeout-error.js";
