/**
 * The sandbox's two modes, chosen once when it is made: the contract (default), or deployed
 * servers' behaviour wherever openapi.yaml says they differ (`deployed: true`, in
 * ../deployed/mode.ts). A mode is the pipeline's steps, the error shape, the write and read rules
 * and the answers outside the routes; app.ts composes whichever it is given, and no handler
 * asks which mode it runs in.
 */
import type { Context } from "hono";
import { createSpecValidator, type SpecValidator } from "#spec/validator.js";
import type { FaultInjector } from "../../faults/injector.js";
import { answerPreflight, type HeaderList } from "../../http/cors.js";
import { ENVELOPE, type ErrorShape, LEGACY } from "../../http/error-renderer.js";
import { notFound } from "../../http/http-error.js";
import {
  authenticate,
  injectFaults,
  rateLimit,
  readJsonBody,
  type StepFactory,
  validateBody,
  validateQuery,
} from "../../http/pipeline.js";
import { RateLimiter } from "../../http/rate-limit.js";
import { batchBodyValidator } from "../../http/validation.js";
import type { SandboxOptions } from "../../options.js";
import type { Credentials } from "../../store/credentials.js";
import type { MessageDirectory } from "../../store/store.js";
import type { BatchRules } from "./batch-rules.js";
import { CONTRACT_READ_RULES, type ReadRules } from "./read-rules.js";
import { CONTRACT_WRITE_RULES, type WriteRules } from "./write-rules.js";

/** What the steps are made from. */
export interface StepParts {
  credentials: Credentials;
  faults: FaultInjector;
  /** Aborts when the sandbox is disposed (a slow fault's wait ends). */
  closing: AbortSignal;
  /** The clock rate limits read. */
  clock: () => number;
}

export interface SandboxMode {
  /** Request bodies are checked against the spec as this validator compiles it. */
  validator: SpecValidator;
  steps(parts: StepParts): StepFactory[];
  errorShape: ErrorShape;
  writeRules: WriteRules;
  readRules: ReadRules;
  /** What the database refuses in a batch beyond the schemas (none in the contract). */
  batchRules?: BatchRules;
  /** The directory a new account's message ids are looked up in. */
  messageDirectory(): MessageDirectory;
  /** The CORS headers of every answer but a preflight. */
  crossOriginHeaders: HeaderList | undefined;
  answerPreflight(c: Context): Response | Promise<Response>;
  /** A method or path no route serves: thrown (then answered in the error shape) or answered. */
  answerNoRoute(c: Context): Response;
  /** Whether answers outside the routes carry CORS headers. */
  noRouteCrossOrigin: boolean;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

export const maxBodyBytes = (options: SandboxOptions) => options.maxBodyBytes ?? DEFAULT_MAX_BODY;

/** The contract: its envelope (or, with `legacyErrors`, deployed servers' error shape alone), rate limits, 400s. */
export function contractMode(options: SandboxOptions): SandboxMode {
  const validator = createSpecValidator();
  return {
    validator,
    steps: ({ credentials, faults, closing, clock }) => [
      authenticate(credentials),
      ...(options.rateLimits === false ? [] : [rateLimit(new RateLimiter(options.rateLimits ?? {}, clock))]),
      injectFaults(faults, closing),
      validateQuery,
      readJsonBody(maxBodyBytes(options)),
      validateBody({ "POST /sync/batch": batchBodyValidator(validator) }),
    ],
    errorShape: options.legacyErrors ? LEGACY : ENVELOPE,
    writeRules: CONTRACT_WRITE_RULES,
    readRules: CONTRACT_READ_RULES,
    messageDirectory: () => new Map(),
    crossOriginHeaders: undefined,
    answerPreflight,
    answerNoRoute: (c) => {
      throw notFound(`Route not found: ${c.req.method} ${new URL(c.req.url).pathname}`);
    },
    noRouteCrossOrigin: true,
  };
}
