/**
 * Runtime facts of the OpenSync contract.
 * Generated from openapi.yaml by scripts/generate.ts. Do not edit: run `npm run generate`.
 */

import type { components } from "./schema.js";

/** Every error code the contract defines. Servers may add codes later: tolerate unknown ones. */
export const ERROR_CODES = [
  "UNAUTHORIZED",
  "INVALID_REQUEST",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  "INTERNAL_ERROR"
] as const satisfies readonly components["schemas"]["ErrorCode"][];

/** The rate limits per route group (`x-rate-limits`), per API key. */
export const RATE_LIMITS = {
  "sync": {
    "limit": 100,
    "windowSeconds": 60
  },
  "api": {
    "limit": 60,
    "windowSeconds": 60
  },
  "search": {
    "limit": 30,
    "windowSeconds": 60
  }
} as const;

export type RateLimitGroup = keyof typeof RATE_LIMITS;

export interface OperationFacts {
  readonly operationId: string;
  /** `x-idempotent`: repeating the request is harmless, so a client may retry it. */
  readonly idempotent: boolean;
  /** `x-rate-limit-group`, or null where the operation is not rate limited. */
  readonly rateLimitGroup: RateLimitGroup | null;
  /** Security schemes that can authorise it (any one); empty when it needs none. */
  readonly security: readonly string[];
}

/** Every operation, keyed by `METHOD /path`. */
export const OPERATIONS = {
  "POST /sync/session": {
    "operationId": "upsertSession",
    "idempotent": true,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "POST /sync/message": {
    "operationId": "upsertMessage",
    "idempotent": true,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "POST /sync/batch": {
    "operationId": "batchUpsert",
    "idempotent": true,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /sync/sessions/list": {
    "operationId": "listSessionExternalIds",
    "idempotent": true,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey"
    ]
  },
  "GET /api/sessions": {
    "operationId": "listSessions",
    "idempotent": true,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/sessions/get": {
    "operationId": "getSession",
    "idempotent": true,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/search": {
    "operationId": "searchSessions",
    "idempotent": true,
    "rateLimitGroup": "search",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/context": {
    "operationId": "getContext",
    "idempotent": true,
    "rateLimitGroup": "search",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/export": {
    "operationId": "exportSession",
    "idempotent": true,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/export/evals": {
    "operationId": "exportEvals",
    "idempotent": true,
    "rateLimitGroup": "api",
    "security": [
      "WorkOSToken"
    ]
  },
  "GET /api/stats": {
    "operationId": "getStats",
    "idempotent": true,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /health": {
    "operationId": "getHealth",
    "idempotent": true,
    "rateLimitGroup": null,
    "security": []
  }
} as const satisfies Record<string, OperationFacts>;

export type OperationKey = keyof typeof OPERATIONS;

/**
 * The operations beyond GET that are safe to repeat (x-idempotent): all a retrying client needs,
 * without carrying the whole table into a browser bundle.
 */
export const REPEATABLE_WRITES: readonly OperationKey[] = [
  "POST /sync/session",
  "POST /sync/message",
  "POST /sync/batch"
];

/**
 * How large requests may be: the body limit (`x-max-body-bytes`, answered with 413 beyond it),
 * the most items each `/sync/batch` array takes (`maxItems`), the largest `/api/sessions` page.
 */
export const REQUEST_LIMITS = {
  "maxBodyBytes": 1048576,
  "batchSessions": 1000,
  "batchMessages": 5000,
  "listSessionsPageSize": 200
} as const;

/**
 * The properties each sync body schema defines (through allOf and $ref). The batch items are
 * strict (any other key rejects the array); the single upserts ignore other keys.
 */
export const SYNC_FIELDS = {
  "SessionUpsert": [
    "title",
    "projectPath",
    "projectName",
    "model",
    "provider",
    "source",
    "promptTokens",
    "completionTokens",
    "cost",
    "durationMs",
    "externalId",
    "sessionId",
    "createdAt"
  ],
  "BatchSession": [
    "title",
    "projectPath",
    "projectName",
    "model",
    "provider",
    "source",
    "promptTokens",
    "completionTokens",
    "cost",
    "durationMs",
    "externalId"
  ],
  "MessageUpsert": [
    "sessionExternalId",
    "externalId",
    "role",
    "textContent",
    "model",
    "source",
    "promptTokens",
    "completionTokens",
    "durationMs",
    "parts",
    "createdAt"
  ],
  "BatchMessage": [
    "sessionExternalId",
    "externalId",
    "role",
    "textContent",
    "model",
    "source",
    "promptTokens",
    "completionTokens",
    "durationMs",
    "parts"
  ],
  "MessagePart": [
    "type",
    "content"
  ]
} as const satisfies {
  SessionUpsert: readonly (keyof components["schemas"]["SessionUpsert"])[];
  BatchSession: readonly (keyof components["schemas"]["BatchSession"])[];
  MessageUpsert: readonly (keyof components["schemas"]["MessageUpsert"])[];
  BatchMessage: readonly (keyof components["schemas"]["BatchMessage"])[];
  MessagePart: readonly (keyof components["schemas"]["MessagePart"])[];
};
