export { OpenSyncError } from "./opensync-error.js";
export { ApiError, type ApiErrorInit } from "./api-error.js";
export { ConnectionError } from "./connection-error.js";
export { TimeoutError } from "./timeout-error.js";
export { InvalidResponseError } from "./invalid-response-error.js";
export { ConfigurationError } from "./configuration-error.js";
