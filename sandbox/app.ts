/**
 * The sandbox as a web-standard app (hono): Request in, Response out. Every operation of the
 * spec is registered from the generated OPERATIONS table, its requests passing the pipeline's
 * steps (pipeline.ts) before its handler (handlers/) runs; the spec and docs are served beside
 * them (static.ts). Every failure, whoever throws it, is answered by one error renderer in the
 * shape the options chose; unknown routes get the 404.
 */
import { Hono } from "hono";
import type { OperationKey } from "opensync-api/contract";
import { monotonic } from "./clock.js";
import { allowCrossOrigin, answerPreflight } from "./cors.js";
import { Credentials } from "./credentials.js";
import { loadDemo } from "./demo.js";
import { createErrorRenderer, ENVELOPE, LEGACY } from "./error-renderer.js";
import { FaultInjector } from "./faults.js";
import { batchBodyValidator, createHandlers } from "./handlers/index.js";
import { notFound } from "./http-error.js";
import type { SandboxContext, SandboxEnv } from "./node.js";
import type { Sandbox, SandboxOptions } from "./options.js";
import { authenticate, injectFaults, rateLimit, readJsonBody, serveOperation, validateBody, validateQuery, type StepFactory } from "./pipeline.js";
import { seededRandom } from "./random.js";
import { RateLimiter } from "./rate-limit.js";
import { createSpecValidator } from "./spec.js";
import { mountStatic } from "./static.js";
import { UserData } from "./store.js";
import { compileOperations } from "./validation.js";

const DEFAULT_MAX_BODY = 1024 * 1024;

/** The sandbox's web-standard app alone (`app.fetch(request)`), for edge runtimes or in-process tests. */
export function createSandboxApp(options: SandboxOptions = {}): Hono {
  return createSandbox(options).app;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const clock = options.now ?? Date.now;
  // Stored timestamps never repeat (so "most recently updated" is well defined); the rate limiter
  // reads the plain clock, so that a burst of requests cannot push its windows ahead of real time.
  const now = monotonic(clock);
  const newAccount = () => {
    const user = new UserData(random, now);
    if (options.demo) loadDemo(user, clock());
    return user;
  };
  const credentials = new Credentials(options.apiKeys ?? [], random, newAccount);
  const validator = createSpecValidator();
  const faults = new FaultInjector(options.faults ?? {}, seededRandom(seed ^ 0x5eed));
  const disposed = new AbortController();

  const steps: StepFactory[] = [
    authenticate(credentials),
    ...(options.rateLimits === false ? [] : [rateLimit(new RateLimiter(options.rateLimits ?? {}, clock))]),
    injectFaults(faults, disposed.signal),
    validateQuery,
    readJsonBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY),
    validateBody({ "POST /sync/batch": batchBodyValidator(validator) }),
  ];
  const renderError = createErrorRenderer(options.legacyErrors ? LEGACY : ENVELOPE);

  let requests = 0;
  /** Every request but a preflight: counted, and given its CORS headers before anything answers it. */
  const accept = (c: SandboxContext) => {
    requests++;
    allowCrossOrigin(c);
  };

  const app = new Hono<SandboxEnv>();
  app.on("OPTIONS", "*", answerPreflight);
  mountStatic(app, options.docsDir, async (c, next) => (accept(c), await next()));
  const operations = compileOperations(validator);
  const handlers = createHandlers({ validator, now });
  const route = <K extends OperationKey>(key: K) => serveOperation(operations.get(key)!, steps, handlers[key]);
  for (const { key, method, path } of operations.values()) {
    const handle = route(key);
    app.on(method, path, (c) => (accept(c), handle(c)));
  }
  app.notFound((c) => (accept(c), renderError(notFound(`Route not found: ${c.req.method} ${new URL(c.req.url).pathname}`), c)));
  app.onError(renderError);

  return {
    app,
    apiKey: credentials.apiKeys[0]!,
    apiKeys: [...credentials.apiKeys],
    workosToken: credentials.tokenFor(credentials.apiKeys[0]!),
    tokenFor: (apiKey) => credentials.tokenFor(apiKey),
    stats: () => ({ faultsInjected: faults.injected, requests }),
    dispose: () => disposed.abort(),
  };
}
