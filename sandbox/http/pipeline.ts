/**
 * The request pipeline: what every operation's request passes, in order, before its handler runs.
 * The sandbox's steps: authenticate (401/403, from the operation's `security`) → rate limit (429)
 * → faults, forced or random (those after the write are answered once the handler has run) → query validation (400) →
 * body size and depth (413/400) → body
 * validation (400), the checks compiled from the spec (validation.ts). Nothing a client sends
 * reaches a 500.
 *
 * Each step is made per operation when the sandbox starts (a step that cannot apply to an
 * operation is left out of its list) and, per request, lets it on, answers it (a fault's own
 * answer) or throws an HttpError. Which steps run, in which order, is app.ts's choice: a server
 * with other rules composes other steps. Plain functions rather than hono middlewares: with one
 * handler per route hono calls it directly, where middlewares make it compose a chain per request.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { OPERATIONS, type OperationKey } from "opensync-api/contract";
import { answerAfterWrite, answerFault } from "../faults/answers.js";
import { type AfterWriteFaultKind, type FaultInjector, isAfterWrite } from "../faults/injector.js";
import type { Handler, OperationRequest } from "../handlers/types.js";
import type { Caller, CredentialKind, Credentials } from "../store/credentials.js";
import type { UserData } from "../store/store.js";
import { HttpError, invalidRequest, rateLimited } from "./http-error.js";
import { nestingDepth } from "./json-depth.js";
import type { SandboxContext } from "./node.js";
import type { RateLimiter } from "./rate-limit.js";
import { readBody, requestHeader, searchParams } from "./request.js";
import { faultOf } from "./request-log.js";
import { bodyError, checkQuery, type OperationChecks } from "./validation.js";

/** A request on its way through the steps, which fill in what they learn. */
export interface PipelineRequest {
  readonly c: SandboxContext;
  readonly operation: OperationChecks;
  caller: Caller | undefined;
  user: UserData | undefined;
  query: Record<string, unknown>;
  body: unknown;
  /** A fault that answers once the handler has run (`reset-after`, `500-after`). */
  afterWrite: AfterWriteFaultKind | undefined;
}

/** Lets the request on (undefined), or answers it; refuses it by throwing an HttpError. */
// biome-ignore lint/suspicious/noConfusingVoidType: a step that lets the request on is a function that returns nothing
export type Step = (request: PipelineRequest) => void | Response | Promise<void | Response>;

/** The step for one operation, or undefined where it does not apply. */
export type StepFactory = (operation: OperationChecks) => Step | undefined;

/**
 * The route handler of one operation: its steps, then its handler, whose reply is sent as JSON
 * unless it made a Response of its own. Synchronous until a step or the handler returns a
 * promise: a request no step waits for (most reads) is answered without one, which spares hono
 * and @hono/node-server a promise to await per request.
 */
export function serveOperation<K extends OperationKey>(
  operation: OperationChecks,
  factories: readonly StepFactory[],
  handler: Handler<K>,
) {
  const steps = factories.map((make) => make(operation)).filter((step): step is Step => step !== undefined);
  const answer = (request: PipelineRequest, reply: unknown): Response => {
    if (request.afterWrite) return answerAfterWrite(request.c, request.afterWrite);
    return reply instanceof Response ? reply : request.c.json(reply as object);
  };
  const run = (request: PipelineRequest, from: number): Response | Promise<Response> => {
    for (let i = from; i < steps.length; i++) {
      const stepAnswer = steps[i]!(request);
      if (stepAnswer instanceof Promise) return stepAnswer.then((settled) => settled || run(request, i + 1));
      if (stepAnswer) return stepAnswer;
    }
    // The steps checked the query and body against this operation's schemas: they are its types now.
    const reply = handler(request as unknown as OperationRequest<K>);
    return reply instanceof Promise ? reply.then((settled) => answer(request, settled)) : answer(request, reply);
  };
  return (c: SandboxContext): Response | Promise<Response> =>
    run({ c, operation, caller: undefined, user: undefined, query: {}, body: undefined, afterWrite: undefined }, 0);
}

const BEARER = /^Bearer (\S+)$/;

/** The caller, from an API key or WorkOS token the operation accepts. */
export const authenticate =
  (credentials: Credentials): StepFactory =>
  ({ key }) => {
    const accepted: readonly CredentialKind[] = OPERATIONS[key].security;
    if (accepted.length === 0) return undefined;
    return (request) => {
      const token = BEARER.exec(requestHeader(request.c, "authorization") ?? "")?.[1];
      const caller = token === undefined ? undefined : credentials.caller(token);
      if (!caller) throw new HttpError(401, "UNAUTHORIZED", "Invalid or missing API key");
      if (!accepted.includes(caller.kind)) {
        throw caller.kind === "ApiKey"
          ? new HttpError(403, "FORBIDDEN", "API keys cannot use this operation: it needs a WorkOS access token")
          : new HttpError(401, "UNAUTHORIZED", "This operation accepts API keys only");
      }
      request.caller = caller;
      request.user = caller.user;
    };
  };

/** The spec's x-rate-limits, per caller and group. */
export const rateLimit =
  (limiter: RateLimiter): StepFactory =>
  ({ key }) => {
    const group = OPERATIONS[key].rateLimitGroup;
    if (group === null) return undefined;
    return ({ caller }) => {
      const wait = caller && limiter.hit(caller.id, group);
      if (wait) throw rateLimited(wait);
    };
  };

/**
 * A fault forced by X-Sandbox-Fault or drawn at random, per caller; unauthenticated operations
 * (/health) take faults too, all callers sharing one queue. `closing` ends a slow fault's wait.
 */
export const injectFaults =
  (faults: FaultInjector, closing: AbortSignal): StepFactory =>
  () =>
  (request) => {
    const fault = faults.next(request.caller?.id ?? "anonymous", requestHeader(request.c, "x-sandbox-fault") ?? null);
    if (fault === undefined) return undefined;
    if ("invalid" in fault) throw invalidRequest(fault.invalid);
    faultOf.set(request.c, fault.kind);
    if (isAfterWrite(fault)) request.afterWrite = fault.kind;
    else return answerFault(request.c, fault, closing);
  };

/** Query parameters, coerced to their schemas' types and validated. */
export const validateQuery: StepFactory = (operation) => {
  if (operation.query.length === 0) return undefined;
  return (request) => {
    const query = checkQuery(operation, searchParams(request.c.req.url));
    if (!query.ok) throw invalidRequest(query.message);
    request.query = query.value;
  };
};

/** Deeper JSON is refused (a 400): storing it would make the answers that echo it unserialisable. */
export const MAX_JSON_DEPTH = 64;

/** How a body that is not JSON, or is nested too deeply, is refused. */
export interface JsonRefusals {
  notJson(text: string, error: unknown): HttpError;
  tooDeep(): HttpError;
}

/** The contract's 400s, naming what is wrong. */
const CONTRACT_JSON_REFUSALS: JsonRefusals = {
  notJson: (text) => invalidRequest(text.trim() ? "Invalid JSON body" : "Missing request body"),
  tooDeep: () => invalidRequest(`Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`),
};

/** The body, read up to `maxBytes` (413 beyond), refused when nested too deeply, parsed as JSON. */
export const readJsonBody =
  (maxBytes: number, refuse: JsonRefusals = CONTRACT_JSON_REFUSALS): StepFactory =>
  (operation) => {
    if (!operation.body) return undefined;
    return async (request) => {
      const text = await readBody(request.c, maxBytes);
      if (text === undefined)
        throw new HttpError(413, "INVALID_REQUEST", `Request body exceeds the limit of ${maxBytes} bytes`, {
          Connection: "close",
        });
      if (nestingDepth(text) > MAX_JSON_DEPTH) throw refuse.tooDeep();
      try {
        request.body = JSON.parse(text);
      } catch (error) {
        throw refuse.notJson(text, error);
      }
    };
  };

/**
 * The parsed body against the operation's schema, or against the validator `instead` gives for
 * it; refused with the contract's 400 unless `refuse` says otherwise.
 */
export const validateBody =
  (
    instead: Partial<Record<OperationKey, ValidateFunction>> = {},
    refuse: (message: string, errors: ErrorObject[] | null | undefined, body: unknown) => HttpError = invalidRequest,
  ): StepFactory =>
  (operation) => {
    if (!operation.body) return undefined;
    const validate = instead[operation.key] ?? operation.body;
    return (request) => {
      if (!validate(request.body)) throw refuse(bodyError(validate.errors), validate.errors, request.body);
    };
  };
