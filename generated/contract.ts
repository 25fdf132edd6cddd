/**
 * Runtime facts of the OpenSync contract.
 * Generated from openapi.yaml by scripts/generate.ts. Do not edit: run `npm run generate`.
 */

import type { components, operations } from "./schema.js";

/**
 * Every error code this version of the contract defines (KnownErrorCode). The set is open: servers may add codes later,
 * so tolerate unknown ones.
 */
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

/**
 * Deployed servers' skip windows (`x-deployed-skip-windows`): an unchanged-looking session update within
 * `sessionMs` of the session's last write, and a message write within `messageMs` of its createdAt, are skipped.
 */
export const DEPLOYED_SKIP_WINDOWS = {
  "sessionMs": 10000,
  "messageMs": 5000
} as const;

/**
 * The methods an OpenAPI path item can hold an operation under, as operation keys and the client's
 * functions name them (`GET`, `POST`, ...), whether or not this contract uses each.
 */
export const HTTP_METHODS = [
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "PATCH",
  "TRACE"
] as const;

export interface OperationFacts {
  readonly operationId: string;
  /**
   * `x-idempotent`: repeating the request cannot lose or change data on deployed servers, so a
   * client may retry it after an unknown outcome (a timeout, a cut connection, a 5xx).
   */
  readonly idempotent: boolean;
  /**
   * `x-repeatable-without`, qualifying `idempotent: false`: body locations (`messages[].parts`:
   * the `parts` of any element of `messages`) whose presence, non-empty, makes a request unsafe
   * to repeat; a request with none of them is repeatable. null where the spec gives none.
   */
  readonly repeatableWithout: readonly string[] | null;
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
    "repeatableWithout": null,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "POST /sync/message": {
    "operationId": "upsertMessage",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "POST /sync/batch": {
    "operationId": "batchUpsert",
    "idempotent": false,
    "repeatableWithout": [
      "messages[].parts"
    ],
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /sync/sessions/list": {
    "operationId": "listSessionExternalIds",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "sync",
    "security": [
      "ApiKey"
    ]
  },
  "GET /api/sessions": {
    "operationId": "listSessions",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/sessions/get": {
    "operationId": "getSession",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/search": {
    "operationId": "searchSessions",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "search",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/context": {
    "operationId": "getContext",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "search",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/export": {
    "operationId": "exportSession",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /api/export/evals": {
    "operationId": "exportEvals",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "api",
    "security": [
      "WorkOSToken"
    ]
  },
  "GET /api/stats": {
    "operationId": "getStats",
    "idempotent": true,
    "repeatableWithout": null,
    "rateLimitGroup": "api",
    "security": [
      "ApiKey",
      "WorkOSToken"
    ]
  },
  "GET /health": {
    "operationId": "getHealth",
    "idempotent": true,
    "repeatableWithout": null,
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
  "POST /sync/message"
];

/** The writes that are repeatable only without the listed body locations (`x-repeatable-without`). */
export const REPEATABLE_WITHOUT: Partial<Record<OperationKey, readonly string[]>> = {
  "POST /sync/batch": [
    "messages[].parts"
  ]
};

/**
 * The operations whose success body depends on a query parameter (`x-response-formats`): the
 * parameter, its default, and the media type each value selects.
 */
export const RESPONSE_FORMATS = {
  "GET /api/export": {
    "parameter": "format",
    "default": "json",
    "mediaTypes": {
      "json": "application/json",
      "markdown": "text/markdown",
      "jsonl": "application/json"
    }
  },
  "GET /api/export/evals": {
    "parameter": "format",
    "default": "deepeval",
    "mediaTypes": {
      "deepeval": "application/json",
      "openai": "application/x-ndjson",
      "promptfoo": "application/x-ndjson",
      "filesystem": "application/json"
    }
  }
} as const satisfies Partial<
  Record<OperationKey, { parameter: string; default: string; mediaTypes: Record<string, string> }>
>;

/** The success body each value of that parameter selects (`x-response-formats`), as types. */
export interface ResponseFormatBodies {
  "GET /api/export": {
    "json": components["schemas"]["SessionJsonExport"];
    "markdown": operations["exportSession"]["responses"][200]["content"]["text/markdown"];
    "jsonl": components["schemas"]["SessionJsonlExport"];
  };
  "GET /api/export/evals": {
    "deepeval": components["schemas"]["DeepEvalExport"];
    "openai": operations["exportEvals"]["responses"][200]["content"]["application/x-ndjson"];
    "promptfoo": operations["exportEvals"]["responses"][200]["content"]["application/x-ndjson"];
    "filesystem": components["schemas"]["FilesystemEvalExport"];
  };
}

/**
 * How large requests may be: the body limit (`x-max-body-bytes`, answered with 413 beyond it),
 * the most items each `/sync/batch` array takes (`maxItems`), the largest `/api/sessions` page.
 */
export const REQUEST_LIMITS = {
  "maxBodyBytes": 1048576,
  "batchSessions": 4000,
  "batchMessages": 1000,
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
