import { describe, expect, it } from "vitest";
import { loadSpec, operationAt } from "#spec/document.js";
import { OPERATIONS } from "../../../generated/contract.js";
import { DocsBuildError } from "../../../scripts/docs/build-error.js";
import {
  addCodeSamples,
  curlSample,
  jsLiteral,
  parameterExample,
  type SampleInput,
  sampleCredential,
  sampleInput,
  serverUrl,
  shellQuote,
  typescriptSample,
} from "../../../scripts/docs/code-samples.js";

const API_KEY_CLIENT =
  "const client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, apiKey: " +
  "process.env.OPENSYNC_API_KEY });";

/** A document with one operation of each kind a sample distinguishes. */
function documentWith(): any {
  return {
    servers: [
      {
        url: "https://{deployment}.example.site/{stage}",
        variables: { deployment: { default: "demo" }, stage: { default: "v1" } },
      },
    ],
    security: [{ ApiKey: [] }],
    paths: {
      "/api/items/{itemId}": {
        parameters: [{ $ref: "#/components/parameters/ItemId" }],
        get: {
          parameters: [
            { name: "limit", in: "query", required: true, schema: { type: "integer" } },
            { name: "verbose", in: "query", schema: { type: "boolean" } },
          ],
          responses: {},
        },
      },
      "/sync/item": {
        post: { requestBody: { $ref: "#/components/requestBodies/Item" }, responses: {} },
        put: { requestBody: { content: { "application/json": { schema: {} } } }, responses: {} },
      },
      "/health": { get: { security: [], responses: {} } },
      "/api/export/evals": { get: { security: [{ WorkOS: [] }], responses: {} } },
    },
    components: {
      parameters: {
        ItemId: { name: "itemId", in: "path", required: true, schema: { type: "string", example: "a b/c" } },
      },
      requestBodies: {
        Item: { content: { "application/json": { examples: { first: { value: { name: "it's", tags: ["x"] } } } } } },
      },
    },
  };
}

describe("shellQuote", () => {
  it.each([
    ["https://example.com/a?b=1&c=%20", "https://example.com/a?b=1&c=%20"],
    ["two words", "'two words'"],
    ["it's", `'it'\\''s'`],
    ['{"a":1}', `'{"a":1}'`],
  ])("%s -> %s", (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
  });
});

describe("jsLiteral", () => {
  it("writes identifier keys bare, other keys quoted, nested two spaces deeper with trailing commas", () => {
    expect(jsLiteral({ a: 1, "b-c": [true, null], d: {}, e: [] }, "")).toBe(
      ["{", "  a: 1,", '  "b-c": [', "    true,", "    null,", "  ],", "  d: {},", "  e: [],", "}"].join("\n"),
    );
  });

  it("starts inner lines at the given indent", () => {
    expect(jsLiteral({ x: "y" }, "    ")).toBe('{\n      x: "y",\n    }');
  });
});

describe("parameterExample", () => {
  const doc = { components: { schemas: { Kind: { type: "string", enum: ["first", "second"] } } } };
  it.each<[string, any, unknown]>([
    ["its own example", { name: "p", example: 5, examples: { a: { value: 6 } }, schema: { example: 7 } }, 5],
    [
      "its first named example",
      { name: "p", examples: { a: { value: 6 }, b: { value: 8 } }, schema: { example: 7 } },
      6,
    ],
    ["its schema's example", { name: "p", schema: { example: 7, default: 9 } }, 7],
    ["its schema's first examples entry", { name: "p", schema: { examples: [10, 11], default: 9 } }, 10],
    ["its schema's default", { name: "p", schema: { default: 9, enum: [1] } }, 9],
    [
      "its schema's first enum value, through a $ref",
      { name: "p", schema: { $ref: "#/components/schemas/Kind" } },
      "first",
    ],
    ["its schema's const", { name: "p", schema: { const: "only" } }, "only"],
    ["1 for a number", { name: "p", schema: { type: "number" } }, 1],
    ["1 for an integer", { name: "p", schema: { type: "integer" } }, 1],
    ["a placeholder with its name otherwise", { name: "cursor", schema: { type: "string" } }, "<cursor>"],
    ["a placeholder without a schema", { name: "q" }, "<q>"],
  ])("takes %s", (_what, param, expected) => {
    expect(parameterExample(doc, param)).toEqual(expected);
  });

  it("stops the build on a reference it cannot follow", () => {
    expect(() => parameterExample(doc, { name: "p", schema: { $ref: "other.yaml#/X" } })).toThrow(DocsBuildError);
  });
});

describe("serverUrl", () => {
  it("fills the first server's variables with their defaults", () => {
    expect(serverUrl(documentWith())).toBe("https://demo.example.site/v1");
  });
  it("is empty without servers", () => {
    expect(serverUrl({})).toBe("");
  });
});

describe("sampleCredential", () => {
  const doc = { security: [{ ApiKey: [] }] };
  it.each<[string, any, any, SampleInput["credential"]]>([
    ["the document's API key", doc, {}, "apiKey"],
    ["no security at all", {}, {}, "none"],
    ["an empty security list", doc, { security: [] }, "none"],
    ["an optional requirement ({})", doc, { security: [{ WorkOS: [] }, {}] }, "none"],
    ["a WorkOS token only", doc, { security: [{ WorkOS: [] }] }, "workos"],
    ["either, the API key shown", doc, { security: [{ WorkOS: [] }, { ApiKey: [] }] }, "apiKey"],
  ])("%s", (_what, document, op, expected) => {
    expect(sampleCredential(document, op)).toBe(expected);
  });
});

describe("sampleInput", () => {
  it("takes the path-level and required query parameters, with examples, and the credential", () => {
    expect(sampleInput(documentWith(), "GET /api/items/{itemId}")).toEqual({
      method: "GET",
      path: "/api/items/{itemId}",
      query: [["limit", 1]],
      pathParams: [["itemId", "a b/c"]],
      body: undefined,
      credential: "apiKey",
    });
  });

  it("takes the body's first named example through a $ref", () => {
    expect(sampleInput(documentWith(), "POST /sync/item").body).toEqual({ name: "it's", tags: ["x"] });
  });

  it("stops the build on a JSON body without an example", () => {
    expect(() => sampleInput(documentWith(), "PUT /sync/item")).toThrow(
      new DocsBuildError("PUT /sync/item: the request body has no example to build code samples from"),
    );
  });

  it("stops the build on an operation the document lacks", () => {
    expect(() => sampleInput(documentWith(), "DELETE /health")).toThrow(
      /DELETE \/health is in generated\/contract.ts but not in the document/,
    );
  });
});

describe("curlSample", () => {
  const base: SampleInput = {
    method: "GET",
    path: "/api/items/{itemId}",
    query: [
      ["limit", 1],
      ["q", "a b"],
    ],
    pathParams: [["itemId", "a b/c"]],
    body: undefined,
    credential: "apiKey",
  };

  it("a GET: the URL with encoded path parameters and the query, the key from the environment", () => {
    expect(curlSample(base, "https://x.example")).toBe(
      `curl 'https://x.example/api/items/a%20b%2Fc?limit=1&q=a+b' \\\n  -H "Authorization: Bearer $OPENSYNC_API_KEY"`,
    );
  });

  it("a POST with a JSON body and a WorkOS token", () => {
    const sample = curlSample(
      {
        ...base,
        method: "POST",
        path: "/sync/item",
        query: [],
        pathParams: [],
        body: { name: "it's" },
        credential: "workos",
      },
      "https://x.example",
    );
    expect(sample).toBe(
      [
        "curl -X POST https://x.example/sync/item",
        '-H "Authorization: Bearer $OPENSYNC_WORKOS_TOKEN"',
        '-H "Content-Type: application/json"',
        `-d '{"name":"it'\\''s"}'`,
      ].join(" \\\n  "),
    );
  });

  it("no credential header where none is needed", () => {
    expect(curlSample({ ...base, path: "/health", query: [], pathParams: [], credential: "none" }, "")).toBe(
      "curl /health",
    );
  });
});

describe("typescriptSample", () => {
  it("a call with params and a body, with an API key", () => {
    const sample = typescriptSample({
      method: "POST",
      path: "/x/{id}",
      query: [["limit", 2]],
      pathParams: [["id", "a"]],
      body: { n: 1 },
      credential: "apiKey",
    });
    expect(sample).toBe(
      [
        'import { createOpenSyncClient, unwrap } from "opensync-api";',
        "",
        API_KEY_CLIENT,
        "",
        'const data = await unwrap(client.POST("/x/{id}", {',
        "  params: {",
        "    query: {",
        "      limit: 2,",
        "    },",
        "    path: {",
        '      id: "a",',
        "    },",
        "  },",
        "  body: {",
        "    n: 1,",
        "  },",
        "}));",
      ].join("\n"),
    );
  });

  it("a call without arguments says why a key is passed to a route that needs none", () => {
    const sample = typescriptSample({
      method: "GET",
      path: "/health",
      query: [],
      pathParams: [],
      body: undefined,
      credential: "none",
    });
    expect(sample.split("\n").slice(2)).toEqual([
      "// The route needs no credential; the client carries your key on every call anyway.",
      API_KEY_CLIENT,
      "",
      'const data = await unwrap(client.GET("/health"));',
    ]);
  });

  it("a WorkOS route builds the client with an access token", () => {
    const sample = typescriptSample({
      method: "GET",
      path: "/e",
      query: [],
      pathParams: [],
      body: undefined,
      credential: "workos",
    });
    expect(sample.split("\n").slice(2, 4)).toEqual([
      "// This route needs a WorkOS access token from the dashboard login, not an API key.",
      "const client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, accessToken: " +
        "process.env.OPENSYNC_WORKOS_TOKEN });",
    ]);
  });
});

describe("addCodeSamples on openapi.yaml", () => {
  it("gives every operation of the contract a curl and a TypeScript sample built from its own input", () => {
    const doc = loadSpec();
    const url = serverUrl(doc);
    expect(addCodeSamples(doc)).toBe(Object.keys(OPERATIONS).length);
    for (const key of Object.keys(OPERATIONS)) {
      const input = sampleInput(doc, key);
      expect(operationAt(doc, key).operation["x-codeSamples"], key).toEqual([
        { lang: "curl", label: "curl", source: curlSample(input, url) },
        { lang: "TypeScript", label: "TypeScript", source: typescriptSample(input) },
      ]);
    }
  });
});
