/**
 * Query parameters as deployed servers read them: numbers with `parseInt` (`1.9` is 1, `10abc`
 * is 10, no bound), unknown values of `type` and `format` read as the default, and only a
 * missing `id` or `q` or a bad eval `format` refused with 400; a number the database cannot use
 * (negative, not a number, more than the vector index returns) fails with 500. Parameters a
 * route does not read (`cursor` and `source` of /api/sessions) are dropped.
 */
import type { OperationKey } from "opensync-api/contract";
import type { StepFactory } from "../../http/pipeline.js";
import { searchParams } from "../../http/request.js";
import { ID_TABLE } from "../../utils/random.js";
import { argumentValidationError, badRequest, exception } from "./errors.js";

type Reader = (params: URLSearchParams) => Record<string, unknown>;

/** Semantic search asks the vector index for twice the limit, which returns at most 256. */
const MAX_VECTOR_LIMIT = 128;

/** `parseInt(value || fallback)` without a radix, as the server's HTTP router reads numbers (`0x10` is 16). */
// biome-ignore lint/correctness/useParseIntRadix: the router passes none
const parseIntLike = (raw: string | null, fallback: number) => Number.parseInt(raw || String(fallback));

const takeRefused = (n: number) =>
  exception(`Error: Uncaught Error: Arg 1 \`n\` to \`take\` must be a non-negative integer, got ${n}`);
const vectorRefused = (n: number) =>
  exception(`Error: Uncaught Error: Vector queries can fetch at most 256 results, requested ${n * 2}.`);

/** A limit handed to the database's `take`: NaN or negative fails. */
function takeLimit(raw: string | null, fallback: number): number {
  const n = parseIntLike(raw, fallback);
  if (Number.isNaN(n) || n < 0) throw takeRefused(n);
  return n;
}

/** A limit of a vector search: negative or above 128 fails; NaN finds nothing. */
function vectorLimit(raw: string | null, fallback: number): number {
  const n = parseIntLike(raw, fallback);
  if (n < 0) throw takeRefused(n);
  if (n > MAX_VECTOR_LIMIT) throw vectorRefused(n);
  return Number.isNaN(n) ? 0 : n;
}

/** A session's id (utils/random.ts's newId): anything else, a message's id included, fails `v.id("sessions")`. */
const SESSION_ID = new RegExp(`^${ID_TABLE.sessions}[a-z0-9]{31}$`);

function sessionId(params: URLSearchParams): string {
  const id = params.get("id");
  if (!id) throw badRequest("Missing session ID");
  if (!SESSION_ID.test(id))
    throw argumentValidationError(
      `Value does not match validator. Path: .id Value: ${JSON.stringify(id)} Validator: v.id("sessions")`,
    );
  return id;
}

function searchQuery(params: URLSearchParams): string {
  const q = params.get("q");
  if (!q) throw badRequest("Missing query parameter 'q'");
  return q;
}

const EVAL_FORMATS = ["deepeval", "openai", "promptfoo", "filesystem"];

/** A parameter kept only when sent (the handler treats absence as no filter). */
const optional = (params: URLSearchParams, name: string) => params.get(name) ?? undefined;

const READERS: Partial<Record<OperationKey, Reader>> = {
  "GET /api/sessions": (params) => ({ limit: takeLimit(params.get("limit"), 50) }),
  "GET /api/sessions/get": (params) => ({ id: sessionId(params) }),
  "GET /api/search": (params) => {
    const q = searchQuery(params);
    const raw = params.get("type");
    const type = raw === "semantic" || raw === "hybrid" ? raw : "fulltext";
    const limit = type === "semantic" ? vectorLimit(params.get("limit"), 20) : takeLimit(params.get("limit"), 20);
    if (type === "hybrid" && limit > MAX_VECTOR_LIMIT) throw vectorRefused(limit);
    return { q, type, limit };
  },
  "GET /api/context": (params) => ({
    q: searchQuery(params),
    limit: vectorLimit(params.get("limit"), 5),
    format: (params.get("format") ?? "text") === "text" ? "text" : "messages",
  }),
  "GET /api/export": (params) => {
    const id = sessionId(params);
    const format = params.get("format");
    return { id, format: format === "markdown" || format === "jsonl" ? format : "json" };
  },
  "GET /api/export/evals": (params) => {
    const format = params.get("format") || "deepeval";
    if (!EVAL_FORMATS.includes(format))
      throw badRequest("Invalid format. Use: deepeval, openai, promptfoo, filesystem");
    // Checked once the sessions are found (read-rules.ts's checkEvalOptions): a bad one after the 404s.
    const turnMode = params.get("turn_mode") || "per_turn";
    const minTokens = parseIntLike(params.get("min_tokens"), 0);
    return {
      format,
      turn_mode: turnMode,
      tool: optional(params, "tool"),
      model: optional(params, "model"),
      date_from: optional(params, "date_from"),
      date_to: optional(params, "date_to"),
      tags: optional(params, "tags"),
      status: optional(params, "status"),
      // NaN and 0 filter nothing.
      min_tokens: minTokens ? minTokens : undefined,
      include_metadata: params.get("include_metadata") !== "false",
      anonymize: params.get("anonymize") !== "false",
    };
  },
};

/**
 * The deployed reading of an operation's query, in place of the contract's validation
 * (sandbox/http/pipeline.ts's validateQuery).
 */
export const readQueryAsDeployed: StepFactory = ({ key }) => {
  const read = READERS[key];
  if (!read) return undefined;
  return (request) => {
    request.query = read(searchParams(request.c.req.url));
  };
};
