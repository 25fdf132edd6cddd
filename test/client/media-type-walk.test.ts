/**
 * Every (operation, media type) pair the spec declares, called through the typed client against
 * the sandbox: the data's runtime type is the declared media type's (a string for Markdown and
 * newline-delimited JSON, an object or array for JSON), and it validates against the schema the
 * spec gives that format. The pairs come from the spec itself: each operation's success media
 * types, and for operations with `x-response-formats`, the format that selects each of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, operationAt, pointer } from "#spec/document.js";
import { createSpecValidator } from "#spec/validator.js";
import { OPERATIONS, type OperationKey, RESPONSE_FORMATS } from "../../generated/contract.js";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, type OpenSyncClient, unwrap } from "../../src/index.js";

const validator = createSpecValidator();
const spec = validator.spec;

interface Pair {
  key: OperationKey;
  mediaType: string;
  /** The format parameter's name and value that select this media type, when the operation has formats. */
  format?: { parameter: string; value: string; schema: string | undefined };
}

/** The success media types of every operation, one pair per format where the spec has formats. */
function pairs(): Pair[] {
  return (Object.keys(OPERATIONS) as OperationKey[]).flatMap((key): Pair[] => {
    const op = operationAt(spec, key).operation;
    const formats = (
      RESPONSE_FORMATS as Partial<Record<OperationKey, { parameter: string; mediaTypes: Record<string, string> }>>
    )[key];
    const ext = op["x-response-formats"];
    if (formats) {
      return Object.entries(formats.mediaTypes).map(([value, mediaType]) => ({
        key,
        mediaType,
        format: { parameter: formats.parameter, value, schema: ext.formats[value].schema },
      }));
    }
    const status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s))!;
    return Object.keys(op.responses[status].content).map((mediaType) => ({ key, mediaType }));
  });
}

let sandbox: RunningSandbox;
let withKey: OpenSyncClient;
let withToken: OpenSyncClient;
/** Values for the required parameters, by name: a request the sandbox answers with 2xx. */
const values: Record<string, string> = { q: "refresh token" };

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
  withKey = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  withToken = createOpenSyncClient({ baseUrl: sandbox.url, accessToken: sandbox.workosToken });
  // An eval-ready session: a user message answered by the assistant.
  const { sessionId } = await unwrap(
    withKey.POST("/sync/session", { body: { externalId: "walk", title: "Fix the refresh token", model: "m1" } }),
  );
  await unwrap(
    withKey.POST("/sync/message", {
      body: {
        sessionExternalId: "walk",
        externalId: "walk:1",
        role: "user",
        textContent: "Why does the refresh token fail?",
        parts: [{ type: "text", content: "Why does the refresh token fail?" }],
      },
    }),
  );
  await unwrap(
    withKey.POST("/sync/message", {
      body: {
        sessionExternalId: "walk",
        externalId: "walk:2",
        role: "assistant",
        textContent: "The refresh handler drops it.",
        parts: [{ type: "text", content: "The refresh handler drops it." }],
      },
    }),
  );
  values.id = sessionId;
});
afterAll(() => sandbox?.close());

/** The init for a pair: every required query parameter, the format, and the spec's example body. */
function initFor(pair: Pair): { params?: { query: Record<string, string> }; body?: unknown } {
  const op = operationAt(spec, pair.key).operation;
  const query: Record<string, string> = {};
  for (const param of (op.parameters ?? []).map((p: unknown) => deref(spec, p))) {
    if (param.in !== "query" || !param.required) continue;
    expect(values[param.name], `a value for the required parameter ${param.name} of ${pair.key}`).toBeDefined();
    query[param.name] = values[param.name]!;
  }
  if (pair.format) query[pair.format.parameter] = pair.format.value;
  const body = op.requestBody?.content["application/json"]?.example;
  return { ...(Object.keys(query).length ? { params: { query } } : {}), ...(body === undefined ? {} : { body }) };
}

const isJson = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

describe("every (operation, media type) pair of the spec, through the client", () => {
  const all = pairs();

  it("covers every success media type of every operation", () => {
    const declared = (Object.keys(OPERATIONS) as OperationKey[]).flatMap((key) =>
      Object.keys(operationAt(spec, key).operation.responses["200"].content).map((m) => `${key} ${m}`),
    );
    expect(new Set(all.map((p) => `${p.key} ${p.mediaType}`))).toEqual(new Set(declared));
    // Markdown and newline-delimited JSON are among them: the walk is not JSON only.
    expect(all.map((p) => p.mediaType)).toEqual(expect.arrayContaining(["text/markdown", "application/x-ndjson"]));
  });

  it.each(
    all.map((p) => [`${p.key}${p.format ? ` ${p.format.parameter}=${p.format.value}` : ""}`, p.mediaType, p] as const),
  )("%s gives %s", async (_name, mediaType, pair) => {
    const [method, path] = pair.key.split(" ") as [string, string];
    const client = (OPERATIONS[pair.key].security as readonly string[]).includes("ApiKey") ? withKey : withToken;
    const result = await (
      client.request as (
        m: string,
        p: string,
        i: unknown,
      ) => Promise<{ data?: unknown; error?: unknown; response: Response }>
    )(method.toLowerCase(), path, initFor(pair));
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    expect(result.response.headers.get("content-type")).toContain(mediaType);
    const { data } = result;
    if (isJson(mediaType)) {
      expect(typeof data).toBe("object");
      expect(data).not.toBeNull();
    } else {
      expect(typeof data).toBe("string");
    }
    // The data is what the spec says this format gives: its named schema, or the media type's.
    const schema = pair.format?.schema
      ? pointer("components", "schemas", pair.format.schema)
      : pointer("paths", path, method.toLowerCase(), "responses", "200", "content", mediaType, "schema");
    const validate = validator.at(schema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });
});
