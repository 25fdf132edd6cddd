/**
 * Runtime facts of the OpenSync contract.
 * Generated from openapi.yaml by scripts/generate.ts. Do not edit: run `npm run generate`.
 */

import type { components } from "./schema.js";

/** Every error code this version of the contract defines (KnownErrorCode). The set is open: servers may add codes later, so tolerate unknown ones. */
export const ERROR_CODES = [
  "UNAUTHORIZED",
  "INVALID_REQUEST",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  "INTERNAL_ERROR"
] as const satisfies readonly components["schemas"]["KnownErrorCode"][];

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
