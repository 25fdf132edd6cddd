/**
 * The sandbox as a web-standard app (hono): Request in, Response out. Every operation of the
 * spec is registered from the generated OPERATIONS table, its requests passing the pipeline's
 * steps (http/pipeline.ts) before its handler (handlers/) runs; the spec and docs are served
 * beside them (http/static.ts). What differs between the contract and deployed servers
 * (`deployed: true`) is the mode's (modes/contract/mode.ts, modes/deployed/mode.ts): the steps, the
 * rules, the answers outside the routes.
 * Every failure, whoever throws it, is answered by one error renderer in the mode's shape.
 */
import { setMaxListeners } from "node:events";
import { Hono } from "hono";
import type { OperationKey } from "opensync-api/contract";
import { loadDemo } from "./demo/demo.js";
import { FaultInjector } from "./faults/injector.js";
import { createHandlers } from "./handlers/index.js";
import { allowCrossOrigin } from "./http/cors.js";
import { createErrorRenderer, type ErrorRenderer } from "./http/error-renderer.js";
import type { SandboxContext, SandboxEnv } from "./http/node.js";
import { serveOperation } from "./http/pipeline.js";
import { preferCode } from "./http/prefer-code.js";
import { faultOf, RequestLog } from "./http/request-log.js";
import { mountStatic } from "./http/static.js";
import { compileOperations } from "./http/validation.js";
import { contractMode } from "./modes/contract/mode.js";
import { deployedMode } from "./modes/deployed/mode.js";
import type { Sandbox, SandboxOptions } from "./options.js";
import { Credentials } from "./store/credentials.js";
import { UserData } from "./store/store.js";
import { monotonic } from "./utils/clock.js";
import { seededRandom } from "./utils/random.js";

/** The sandbox's web-standard app alone (`app.fetch(request)`), for edge runtimes or in-process tests. */
export function createSandboxApp(options: SandboxOptions = {}): Hono {
  return createSandbox(options).app;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const mode = options.deployed ? deployedMode(options) : contractMode(options);
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const clock = options.now ?? Date.now;
  // Stored timestamps never repeat (so "most recently updated" is well defined); the rate limiter
  // reads the plain clock, so that a burst of requests cannot push its windows ahead of real time.
  const now = monotonic(clock);
  const newAccount = () => {
    const user = new UserData(random, now, mode.writeRules, mode.messageDirectory());
    if (options.demo) loadDemo(user, clock());
    return user;
  };
  const credentials = new Credentials(options.apiKeys ?? [], random, newAccount);
  const faults = new FaultInjector(options.faults ?? {}, seededRandom(seed ^ 0x5eed));
  const disposed = new AbortController();
  // Every request held by a slow fault listens for the sandbox's end: as many as are held at once,
  // which is no leak, so Node's warning past 10 listeners would only alarm users.
  setMaxListeners(0, disposed.signal);
  // Prefer: code=<status> comes first: it answers with the spec's example whatever else would happen.
  const steps = [
    preferCode(mode.validator.spec),
    ...mode.steps({ credentials, faults, closing: disposed.signal, clock }),
  ];
  const renderError = createErrorRenderer(mode.errorShape);

  let requests = 0;
  /** Every request but a preflight: counted, and given its CORS headers before anything answers it. */
  const accept = (c: SandboxContext) => {
    requests++;
    allowCrossOrigin(c, mode.crossOriginHeaders);
  };

  const log = new RequestLog(options.onRequest);
  const recorded = recorder(log, renderError);

  const app = new Hono<SandboxEnv>();
  app.on("OPTIONS", "*", (c) => recorded(c, () => mode.answerPreflight(c)));
  mountStatic(app, options.docsDir, async (c, next) => {
    accept(c);
    const started = performance.now();
    await next();
    log.add({ method: c.req.method, path: c.req.path, status: c.res.status, ms: performance.now() - started });
  });
  const operations = compileOperations(mode.validator);
  const handlers = createHandlers({ validator: mode.validator, now, reads: mode.readRules, batches: mode.batchRules });
  const route = <K extends OperationKey>(key: K) => serveOperation(operations.get(key)!, steps, handlers[key]);
  for (const { key, method, path } of operations.values()) {
    const handle = route(key);
    app.on(method, path, (c) => {
      accept(c);
      return recorded(c, () => handle(c));
    });
  }
  app.notFound((c) => {
    if (mode.noRouteCrossOrigin) accept(c);
    else requests++;
    return recorded(c, () => mode.answerNoRoute(c));
  });
  app.onError(renderError);

  return {
    app,
    apiKey: credentials.apiKeys[0]!,
    apiKeys: [...credentials.apiKeys],
    workosToken: credentials.tokenFor(credentials.apiKeys[0]!),
    tokenFor: (apiKey) => credentials.tokenFor(apiKey),
    stats: () => ({ faultsInjected: faults.injected, requests }),
    requests: () => log.list(),
    dispose: () => disposed.abort(),
  };
}

/**
 * The answer to a request, recorded in the request log. Not a hono middleware: with one handler
 * per route hono calls it directly, where a middleware makes it compose a chain per request
 * (see http/pipeline.ts). A failure is rendered here, as app.onError would, so its status is known.
 * An answer made without waiting is returned as it is, not in a promise (http/pipeline.ts says why).
 */
function recorder(log: RequestLog, renderError: ErrorRenderer) {
  return (c: SandboxContext, respond: () => Response | Promise<Response>): Response | Promise<Response> => {
    const started = performance.now();
    const logged = (response: Response): Response => {
      const fault = faultOf.get(c);
      const { method, path } = c.req;
      log.add({ method, path, status: response.status, ms: performance.now() - started, ...(fault && { fault }) });
      return response;
    };
    let response: Response | Promise<Response>;
    try {
      response = respond();
    } catch (error) {
      return logged(renderError(error, c));
    }
    if (!(response instanceof Promise)) return logged(response);
    return response.then(logged, (error: unknown) => logged(renderError(error, c)));
  };
}
