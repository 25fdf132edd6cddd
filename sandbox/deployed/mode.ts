/**
 * The sandbox as deployed servers behave (`deployed: true`, `--deployed`), wherever openapi.yaml
 * says they differ from the contract: `{"error": "<text>"}` bodies with their statuses and texts
 * (400 for a missing key, id or query and a bad eval format; 500 with an exception's text for
 * other bad input), no rate limits, the platform's plain-text 404 outside the routes, the writes
 * they skip, message ids shared across accounts, what their search indexes, the eval export's 500
 * for API keys and the Markdown export without CORS headers. Forced faults work as in the
 * contract mode.
 */
import { LEGACY } from "../error-renderer.js";
import { batchBodyValidator } from "../handlers/index.js";
import type { SandboxMode } from "../mode.js";
import type { SandboxOptions } from "../options.js";
import { injectFaults, MAX_JSON_DEPTH, readJsonBody, type StepFactory, validateBody } from "../pipeline.js";
import { createSpecValidator } from "../spec.js";
import type { MessageDirectory } from "../store.js";
import { authenticateAsDeployed } from "./authenticate.js";
import { CONVEX_BATCH_RULES, checkAsConvex } from "./convex.js";
import { argumentValidationError, badRequest, exception } from "./errors.js";
import { readQueryAsDeployed } from "./query.js";
import { deployedReadRules } from "./read-rules.js";
import { relaxedSpec } from "./relaxed-spec.js";
import { answerNoRoute, answerPreflightAsDeployed, DEPLOYED_CROSS_ORIGIN_HEADERS } from "./routes.js";
import { DeployedIndex, deployedWriteRules } from "./write-rules.js";

/**
 * The checks the server's HTTP router makes before its database validates anything: a body of
 * `null` fails on reading its first key, and /sync/session needs its key under either name.
 */
const checkAsRouter: StepFactory = ({ key }) => {
  if (key !== "POST /sync/session" && key !== "POST /sync/batch") return undefined;
  const firstKey = key === "POST /sync/session" ? "externalId" : "sessions";
  return ({ body }) => {
    if (body === null) throw exception(`TypeError: Cannot read properties of null (reading '${firstKey}')`);
    const fields = body as Record<string, unknown>;
    if (key === "POST /sync/session" && !fields.externalId && !fields.sessionId)
      throw badRequest("Missing externalId or sessionId");
  };
};

/** Convex HTTP actions take request bodies up to 20 MB; the 1 MiB limit is per stored document (convex.ts). */
const DEPLOYED_MAX_BODY = 20_000_000;

export function deployedMode(options: SandboxOptions): SandboxMode {
  const validator = createSpecValidator(relaxedSpec());
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
      validateBody({ "POST /sync/batch": batchBodyValidator(validator) }, argumentValidationError),
    ],
    errorShape: LEGACY,
    writeRules: deployedWriteRules(index),
    readRules: deployedReadRules(index),
    batchRules: CONVEX_BATCH_RULES,
    messageDirectory: () => messages,
    crossOriginHeaders: DEPLOYED_CROSS_ORIGIN_HEADERS,
    answerPreflight: answerPreflightAsDeployed,
    answerNoRoute,
    noRouteCrossOrigin: false,
  };
}
