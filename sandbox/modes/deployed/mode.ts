/**
 * The sandbox as deployed servers behave (`deployed: true`, `--deployed`), wherever openapi.yaml
 * says they differ from the contract: `{"error": "<text>"}` bodies with their statuses and texts
 * (400 for a missing key, id or query and a bad eval format; 500 with an exception's text for
 * other bad input), no rate limits, the platform's plain-text 404 outside the routes, the writes
 * they skip, message ids shared across accounts, what their search indexes, the eval export's 500
 * for API keys and the Markdown export without CORS headers. Forced faults work as in the
 * contract mode.
 */

import { createSpecValidator } from "#spec/validator.js";
import { keyed } from "../../handlers/sync.js";
import { LEGACY } from "../../http/error-renderer.js";
import { injectFaults, MAX_JSON_DEPTH, readJsonBody, type StepFactory, validateBody } from "../../http/pipeline.js";
import type { SandboxOptions } from "../../options.js";
import type { MessageDirectory } from "../../store/store.js";
import type { SandboxMode } from "../contract/mode.js";
import { authenticateAsDeployed } from "./authenticate.js";
import { CONVEX_BATCH_RULES, checkAsConvex } from "./convex.js";
import { argumentValidationError, badRequest, exception } from "./errors.js";
import { readQueryAsDeployed } from "./query.js";
import { deployedReadRules } from "./read-rules.js";
import { relaxedSpec } from "./relaxed-spec.js";
import { answerNoRoute, answerPreflightAsDeployed, DEPLOYED_CROSS_ORIGIN_HEADERS } from "./routes.js";
import { convexValidationText } from "./validation-text.js";
import { DeployedIndex, deployedWriteRules } from "./write-rules.js";

/**
 * What the server's HTTP router does before its database validates anything: a body of `null`
 * fails on reading its first key; /sync/session keys by `body.externalId || body.sessionId` and
 * passes on only that; /sync/batch passes on an array only when it has a length above 0 (so
 * `[]`, `{}`, `null` arrays write nothing, and a string reaches the validator).
 */
const checkAsRouter: StepFactory = ({ key }) => {
  if (key !== "POST /sync/session" && key !== "POST /sync/batch") return undefined;
  const firstKey = key === "POST /sync/session" ? "externalId" : "sessions";
  return (request) => {
    if (request.body === null) throw exception(`TypeError: Cannot read properties of null (reading '${firstKey}')`);
    const fields = (request.body ?? {}) as Record<string, unknown>;
    if (key === "POST /sync/session") {
      if (!(fields.externalId || fields.sessionId)) throw badRequest("Missing externalId or sessionId");
      request.body = keyed(fields as Parameters<typeof keyed>[0]);
    } else request.body = { sessions: passedOn(fields.sessions), messages: passedOn(fields.messages) };
  };
};

/** `if (body.sessions && body.sessions.length > 0)`: the array as the router hands it on, or nothing. */
const passedOn = (value: unknown) => (((value as { length?: number } | null)?.length ?? 0) > 0 ? value : undefined);

/** Convex HTTP actions take request bodies up to 20 MB; the 1 MiB limit is per stored document (convex.ts). */
const DEPLOYED_MAX_BODY = 20_000_000;

export function deployedMode(options: SandboxOptions): SandboxMode {
  const validator = createSpecValidator(relaxedSpec(), { finiteNumbers: false });
  const index = new DeployedIndex();
  // One directory for every account: deployed servers look message ids up across accounts.
  const messages: MessageDirectory = new Map();
  return {
    validator,
    // No rate limit step: deployed servers have none.
    steps: ({ credentials, faults, closing }) => [
      authenticateAsDeployed(credentials),
      injectFaults(faults, closing),
      readQueryAsDeployed,
      readJsonBody(options.maxBodyBytes ?? DEPLOYED_MAX_BODY, {
        notJson: (_text, error) => exception(String(error)),
        // Their database refuses values nested this deep too.
        tooDeep: () => exception(`Error: Value is too nested (nested deeper than ${MAX_JSON_DEPTH} levels)`),
      }),
      checkAsRouter,
      checkAsConvex,
      // A batch's arrays are checked by the handler, each inside the 200 (../contract/batch-rules.ts).
      validateBody({ "POST /sync/batch": validator.schema({}) }, (_message, errors, body) =>
        argumentValidationError(convexValidationText(errors, body)),
      ),
    ],
    errorShape: LEGACY,
    writeRules: deployedWriteRules(index),
    readRules: deployedReadRules(index, options),
    batchRules: CONVEX_BATCH_RULES,
    messageDirectory: () => messages,
    crossOriginHeaders: DEPLOYED_CROSS_ORIGIN_HEADERS,
    answerPreflight: answerPreflightAsDeployed,
    answerNoRoute,
    noRouteCrossOrigin: false,
  };
}
