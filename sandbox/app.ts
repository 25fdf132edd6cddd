/**
 * The sandbox as a web-standard app (hono): Request in, Response out. Every operation of the
 * spec is registered from the generated OPERATIONS table and passes, in order, through
 * authentication (401/403, from the operation's `security`), the rate limit (429), forced or
 * random faults, the body size limit (413) and validation compiled from the spec (400) before its
 * handler runs. Nothing a client sends reaches a 500; unknown routes get the 404. Every failure is
 * an HttpError, answered by one error renderer in the shape the options chose.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import { Hono, type Context } from "hono";
import { OPERATIONS, type OperationKey, type RateLimitGroup } from "opensync-api/contract";
import type { components } from "opensync-api/schema";
import { monotonic } from "./clock.js";
import { allowCrossOrigin, answerPreflight } from "./cors.js";
import { Credentials, type Caller } from "./credentials.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { createErrorRenderer, ENVELOPE, LEGACY } from "./error-renderer.js";
import { HttpError, invalidRequest, notFound, rateLimited } from "./http-error.js";
import { nestingDepth } from "./json-depth.js";
import { createSpecValidator, pointer } from "./spec.js";
import { answerFault } from "./fault-answers.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { seededRandom } from "./random.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { contextMessages, contextText, evalDataset, exportName, isEvalReady, jsonExport, jsonlExport, markdownExport } from "./renderers.js";
import { fullTextSearch, hybridSearch, semanticSearch, type Ranked } from "./search.js";
import type { SandboxContext, SandboxEnv } from "./node.js";
import { readBody, requestHeader, searchParams } from "./request.js";
import { mountStatic } from "./static.js";
import { UserData, type SessionRecord } from "./store.js";
import { bodyError, checkQuery, compileOperations, type OperationChecks } from "./validation.js";

type Schemas = components["schemas"];

export interface SandboxOptions {
  /** Accepted API keys, one user each. Default: one demo key, made from `seed`. */
  apiKeys?: string[];
  /** `false` turns rate limiting off; an object overrides groups of the spec's x-rate-limits. */
  rateLimits?: RateLimitOptions;
  /** Random faults (rate, kinds). Forced faults by header work whatever this says. */
  faults?: FaultOptions;
  /** Seeds ids, the demo key and random faults. Default 1. */
  seed?: number;
  /** Answer errors as deployed servers do today, `{"error": "<message>"}`, to test old clients. */
  legacyErrors?: boolean;
  /** Largest request body accepted, in bytes. Default 1 MiB (the spec's PayloadTooLarge). */
  maxBodyBytes?: number;
  /** Clock, for deterministic tests of rate limits. */
  now?: () => number;
  /** Serves /docs from here (the output of `npm run docs`). */
  docsDir?: URL;
}

export interface Sandbox {
  app: Hono;
  /** The first accepted key (the demo key unless `apiKeys` was given). */
  apiKey: string;
  apiKeys: string[];
  /** A WorkOS-style access token for the first user (needed by /api/export/evals). */
  workosToken: string;
  tokenFor(apiKey: string): string;
  stats(): { faultsInjected: number; requests: number };
  /**
   * Ends what the sandbox still has pending: a request held by a slow fault is answered at once
   * (503) instead of keeping its timer, and with it the process, alive. startSandbox's close()
   * calls it.
   */
  dispose(): void;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
/** Deeper JSON is refused with a 400: storing it would make the answers that echo it unserialisable. */
const MAX_JSON_DEPTH = 64;

/** The sandbox's web-standard app alone (`app.fetch(request)`), for edge runtimes or in-process tests. */
export function createSandboxApp(options: SandboxOptions = {}): Hono {
  return createSandbox(options).app;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const random = seededRandom(options.seed ?? 1);
  const clock = options.now ?? Date.now;
  // Stored timestamps never repeat (so "most recently updated" is well defined); the rate limiter
  // reads the plain clock, so that a burst of requests cannot push its windows ahead of real time.
  const now = monotonic(clock);
  const credentials = new Credentials(options.apiKeys ?? [], random, () => new UserData(random, now));
  const validator = createSpecValidator();
  const operations = compileOperations(validator);
  const batchShape = validator.schema(shallowBatchSchema(validator.spec));
  const batchSession = validator.at(pointer("components", "schemas", "BatchSession"));
  const batchMessage = validator.at(pointer("components", "schemas", "BatchMessage"));
  const limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits ?? {}, clock);
  const faults = new FaultInjector(options.faults ?? {}, seededRandom((options.seed ?? 1) ^ 0x5eed));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let requests = 0;
  const disposed = new AbortController();

  const renderError = createErrorRenderer(options.legacyErrors ? LEGACY : ENVELOPE);

  /** Every request but a preflight: counted, and given its CORS headers before anything answers it. */
  const accept = (c: SandboxContext) => {
    requests++;
    allowCrossOrigin(c);
  };

  const app = new Hono<SandboxEnv>();
  app.on("OPTIONS", "*", answerPreflight);

  mountStatic(app, options.docsDir, async (c, next) => (accept(c), await next()));

  async function run(c: Context, checks: OperationChecks, handle: Handler) {
    const facts = OPERATIONS[checks.key];
    let caller: Caller | undefined;
    if (facts.security.length > 0) {
      const token = /^Bearer (\S+)$/.exec(requestHeader(c, "authorization") ?? "")?.[1];
      caller = token === undefined ? undefined : credentials.caller(token);
      if (!caller) throw new HttpError(401, "UNAUTHORIZED", "Invalid or missing API key");
      if (!(facts.security as readonly string[]).includes(caller.kind)) {
        throw caller.kind === "ApiKey"
          ? new HttpError(403, "FORBIDDEN", "API keys cannot use this operation: it needs a WorkOS access token")
          : new HttpError(401, "UNAUTHORIZED", "This operation accepts API keys only");
      }
      const group = facts.rateLimitGroup as RateLimitGroup | null;
      const wait = group && limiter?.hit(caller.id, group);
      if (wait) throw rateLimited(wait);
    }
    // Unauthenticated operations (/health) take faults too, all callers sharing one queue.
    const fault = faults.next(caller?.id ?? "anonymous", requestHeader(c, "x-sandbox-fault") ?? null);
    if (fault && "invalid" in fault) throw invalidRequest(fault.invalid);
    if (fault) {
      const answered = await answerFault(c, fault, disposed.signal);
      if (answered) return answered;
    }
    const query = checkQuery(checks, searchParams(c.req.url));
    if (!query.ok) throw invalidRequest(query.message);
    let body: unknown;
    if (checks.body) {
      const text = await readBody(c, maxBody);
      if (text === undefined) throw new HttpError(413, "INVALID_REQUEST", `Request body exceeds the limit of ${maxBody} bytes`, { Connection: "close" });
      if (nestingDepth(text) > MAX_JSON_DEPTH) throw invalidRequest(`Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`);
      try {
        body = JSON.parse(text);
      } catch {
        throw invalidRequest(text.trim() ? "Invalid JSON body" : "Missing request body");
      }
      // Batch items are checked one array at a time by the handler: a bad item fails its array
      // inside a 200, as the spec says, so here only the outer shape is checked.
      const validate = checks.key === "POST /sync/batch" ? batchShape : checks.body;
      if (!validate(body)) throw invalidRequest(bodyError(validate.errors));
    }
    return handle({ c, user: caller?.user as UserData, query: query.value, body });
  }

  for (const [key, handle] of Object.entries(handlers(batchSession, batchMessage, now)) as [OperationKey, Handler][]) {
    const checks = operations.get(key)!;
    app.on(checks.method, checks.path, (c) => (accept(c), run(c, checks, handle)));
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

interface HandlerArgs {
  c: Context;
  user: UserData;
  query: Record<string, any>;
  body: any;
}
type Handler = (args: HandlerArgs) => Response | Promise<Response>;

function handlers(batchSession: ValidateFunction, batchMessage: ValidateFunction, now: () => number): Record<OperationKey, Handler> {
  const sessionOr404 = ({ user, query }: HandlerArgs): SessionRecord => {
    const session = user.sessionsById.get(query.id);
    if (!session) throw notFound("Session not found");
    return session;
  };
  const all = (user: UserData) => [...user.sessions.values()];
  const withLastMessages = (user: UserData, ranked: Ranked[]) =>
    ranked.map(({ session }) => ({ session, messages: user.orderedMessages(session).slice(-10) }));

  return {
    "POST /sync/session": ({ c, user, body }) => c.json({ ok: true, sessionId: user.upsertSession(body).id }),
    "POST /sync/message": ({ c, user, body }) => c.json({ ok: true, messageId: user.upsertMessage(body).id }),
    "POST /sync/batch": ({ c, user, body }) => {
      const result: Schemas["BatchUpsertResult"] = { ok: true, sessions: 0, messages: 0, errors: [] };
      const sessions: unknown[] = body.sessions ?? [];
      const messages: unknown[] = body.messages ?? [];
      // Each array is all or nothing, as in deployed servers' transactions: one bad item rejects it.
      const badSession = sessions.findIndex((s) => !batchSession(s));
      if (badSession >= 0) result.errors.push(`Sessions batch error: sessions[${badSession}]: ${bodyError(batchSession.errors)}`);
      else for (const s of sessions) (user.upsertSession(s as Schemas["BatchSession"]), result.sessions++);
      const badMessage = messages.findIndex((m) => !batchMessage(m));
      if (badMessage >= 0) result.errors.push(`Messages batch error: messages[${badMessage}]: ${bodyError(batchMessage.errors)}`);
      else for (const m of messages) (user.upsertMessage(m as Schemas["BatchMessage"], { viaBatch: true }), result.messages++);
      return c.json(result);
    },
    "GET /sync/sessions/list": ({ c, user }) => c.json({ sessionIds: [...user.sessions.keys()] }),
    "GET /api/sessions": ({ c, user, query }) => {
      const limit: number = query.limit ?? 50;
      const ordered = query.source === undefined ? user.byRecency() : user.byRecency().filter((s) => s.source === query.source);
      let start = 0;
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        if (!after) throw invalidRequest("Invalid query parameter: cursor is not one this server issued");
        start = ordered.findIndex((s) => s.updatedAt < after.updatedAt || (s.updatedAt === after.updatedAt && s.id < after.id));
        if (start < 0) start = ordered.length;
      }
      const page = ordered.slice(start, start + limit);
      const last = page[page.length - 1];
      const more = start + limit < ordered.length && last;
      // A SessionList, joined from each summary's cached JSON: serialising the sessions was most
      // of a listing's cost, and a summary only changes when its session is written.
      const cursor = more ? `,"nextCursor":${JSON.stringify(encodeCursor(last))}` : "";
      return c.body(`{"sessions":[${page.map((s) => user.summaryAsJson(s)).join(",")}]${cursor}}`, 200, { "content-type": "application/json" });
    },
    "GET /api/sessions/get": (args) => {
      const session = sessionOr404(args);
      return args.c.json({ session: args.user.summary(session), messages: args.user.orderedMessages(session) });
    },
    "GET /api/search": ({ c, user, query }) => {
      const limit: number = query.limit ?? 20;
      const type = query.type ?? "fulltext";
      const sessions = all(user);
      if (type === "semantic") return c.json({ results: semanticSearch(sessions, query.q, limit).map(semanticHit) });
      if (type === "hybrid") return c.json({ results: hybridSearch(sessions, query.q, limit).map((r) => (r.fromFullText ? fullTextHit(r) : semanticHit(r))) });
      return c.json({ results: fullTextSearch(sessions, query.q, limit).map(fullTextHit) });
    },
    "GET /api/context": ({ c, user, query }) => {
      const found = withLastMessages(user, semanticSearch(all(user), query.q, query.limit ?? 5));
      if ((query.format ?? "text") === "text") return c.json({ text: contextText(query.q, found), sessionCount: found.length });
      return c.json({ messages: contextMessages(found), sessionCount: found.length });
    },
    "GET /api/export": (args) => {
      const session = sessionOr404(args);
      const { c, user, query } = args;
      const messages = user.orderedMessages(session);
      if (query.format === "markdown") {
        return c.body(markdownExport(session, messages), 200, {
          "content-type": "text/markdown; charset=utf-8",
          "content-disposition": `attachment; filename="${exportName(session)}.md"`,
        });
      }
      return c.json(query.format === "jsonl" ? jsonlExport(session, messages) : jsonExport(session, messages));
    },
    "GET /api/export/evals": ({ c, user, query }) => {
      const ready = all(user)
        .map((session) => ({ session, messages: user.orderedMessages(session) }))
        .filter(({ messages }) => isEvalReady(messages));
      if (ready.length === 0) throw notFound("No eval-ready sessions found");
      const from = query.date_from ? Date.parse(query.date_from) : -Infinity;
      const to = query.date_to ? Date.parse(`${query.date_to}T23:59:59.999Z`) : Infinity;
      const tags: string[] = query.tags ? String(query.tags).split(",").filter(Boolean) : [];
      const chosen = ready.filter(
        ({ session }) =>
          (query.tool === undefined || session.source === query.tool) &&
          (query.model === undefined || session.model === query.model) &&
          session.createdAt >= from &&
          session.createdAt <= to &&
          (query.min_tokens === undefined || session.totalTokens >= query.min_tokens) &&
          // Sandbox sessions carry no tags or review status (there is no dashboard to set them).
          tags.length === 0 &&
          query.status === undefined,
      );
      if (chosen.length === 0) throw notFound("No sessions match the specified filters");
      const dataset = evalDataset(
        chosen,
        { format: query.format ?? "deepeval", turnMode: query.turn_mode ?? "per_turn", includeMetadata: query.include_metadata ?? true, anonymize: query.anonymize ?? true },
        new Date(now()),
      );
      return c.body(dataset.body, 200, {
        "content-type": dataset.contentType,
        "content-disposition": `attachment; filename="${dataset.filename}"`,
        "x-export-sessions": String(chosen.length),
        "x-export-testcases": String(dataset.testCases),
      });
    },
    "GET /api/stats": ({ c, user }) => {
      const stats: Schemas["Stats"] = { sessionCount: 0, messageCount: 0, totalTokens: 0, totalCost: 0, totalDurationMs: 0, modelUsage: {} };
      // Model names are client data: a Map, not an object, so `__proto__` or `constructor` is just a name.
      const usageByModel = new Map<string, Schemas["ModelUsage"]>();
      for (const s of user.sessions.values()) {
        stats.sessionCount++;
        stats.messageCount += s.messageCount;
        stats.totalTokens += s.totalTokens;
        stats.totalCost += s.cost;
        stats.totalDurationMs += s.durationMs ?? 0;
        const model = s.model ?? "unknown";
        const usage = usageByModel.get(model) ?? { tokens: 0, cost: 0, sessions: 0 };
        usageByModel.set(model, usage);
        usage.tokens += s.totalTokens;
        usage.cost += s.cost;
        usage.sessions++;
      }
      // fromEntries defines own properties, so even a model called `__proto__` is an ordinary key.
      stats.modelUsage = Object.fromEntries(usageByModel);
      return c.json(stats);
    },
    "GET /health": ({ c }) => c.json({ status: "ok", timestamp: Date.now() }),
  };
}

function fullTextHit({ session: s, score }: Ranked): Schemas["FullTextHit"] {
  return { id: s.id, externalId: s.externalId, title: s.title, projectPath: s.projectPath, model: s.model, totalTokens: s.totalTokens, cost: s.cost, messageCount: s.messageCount, createdAt: s.createdAt, score: round(score) };
}

function semanticHit({ session: s, score }: Ranked): Schemas["SemanticHit"] {
  return {
    _id: s.id, externalId: s.externalId, title: s.title, projectPath: s.projectPath, projectName: s.projectName, model: s.model,
    totalTokens: s.totalTokens, cost: s.cost, isPublic: s.isPublic, messageCount: s.messageCount, createdAt: s.createdAt, updatedAt: s.updatedAt, score: round(score),
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** BatchUpsert without its item schemas: the outer shape only. */
function shallowBatchSchema(spec: any): object {
  const schema = structuredClone(spec.components.schemas.BatchUpsert);
  for (const name of ["sessions", "messages"]) schema.properties[name].items = {};
  return schema;
}
