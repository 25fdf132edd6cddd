/**
 * Type tests: the data type follows the requested format wherever the spec says which format
 * selects which body (`x-response-formats`), in both call styles, and through `request(...)`.
 */
import { describe, expectTypeOf, it } from "vitest";
import { type components, type OpenSyncClient, unwrap } from "../../src/index.js";

declare const client: OpenSyncClient;
type Schemas = components["schemas"];

describe("GET /api/export", () => {
  it("json, and no format, give the JSON export", async () => {
    expectTypeOf(
      await unwrap(client.GET("/api/export", { params: { query: { id: "s", format: "json" } } })),
    ).toEqualTypeOf<Schemas["SessionJsonExport"]>();
    expectTypeOf(await unwrap(client.GET("/api/export", { params: { query: { id: "s" } } }))).toEqualTypeOf<
      Schemas["SessionJsonExport"]
    >();
  });

  it("markdown gives a string", async () => {
    const { data } = await client.GET("/api/export", { params: { query: { id: "s", format: "markdown" } } });
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
    expectTypeOf(
      await unwrap(client.GET("/api/export", { params: { query: { id: "s", format: "markdown" } } })),
    ).toEqualTypeOf<string>();
  });

  it("jsonl gives the JSON wrapper", async () => {
    expectTypeOf(
      await unwrap(client.GET("/api/export", { params: { query: { id: "s", format: "jsonl" } } })),
    ).toEqualTypeOf<Schemas["SessionJsonlExport"]>();
  });

  it("a format only known as the enum gives any of the bodies", async () => {
    const format = "markdown" as Schemas["ExportFormat"];
    expectTypeOf(await unwrap(client.GET("/api/export", { params: { query: { id: "s", format } } }))).toEqualTypeOf<
      Schemas["SessionJsonExport"] | Schemas["SessionJsonlExport"] | string
    >();
  });

  it("through request(method, path, init) too", async () => {
    expectTypeOf(
      await unwrap(client.request("get", "/api/export", { params: { query: { id: "s", format: "markdown" } } })),
    ).toEqualTypeOf<string>();
  });

  it("an unknown format does not compile", () => {
    // @ts-expect-error "md" is not a format of the spec
    void client.GET("/api/export", { params: { query: { id: "s", format: "md" } } });
  });
});

describe("GET /api/export/evals", () => {
  it("deepeval, and no format, give the array of test cases", async () => {
    expectTypeOf(await unwrap(client.GET("/api/export/evals"))).toEqualTypeOf<Schemas["DeepEvalExport"]>();
    expectTypeOf(
      await unwrap(client.GET("/api/export/evals", { params: { query: { format: "deepeval" } } })),
    ).toEqualTypeOf<Schemas["DeepEvalCase"][]>();
  });

  it("openai and promptfoo give the newline-delimited JSON as a string", async () => {
    expectTypeOf(
      await unwrap(client.GET("/api/export/evals", { params: { query: { format: "openai" } } })),
    ).toEqualTypeOf<string>();
    expectTypeOf(
      await unwrap(client.GET("/api/export/evals", { params: { query: { format: "promptfoo", turn_mode: "full" } } })),
    ).toEqualTypeOf<string>();
  });

  it("filesystem gives the bundle", async () => {
    expectTypeOf(
      await unwrap(client.GET("/api/export/evals", { params: { query: { format: "filesystem" } } })),
    ).toEqualTypeOf<Schemas["FilesystemEvalExport"]>();
  });
});

describe("parseAs still decides when given", () => {
  it("parseAs: text gives a string, blob a Blob", async () => {
    expectTypeOf((await client.GET("/api/stats", { parseAs: "text" })).data).toEqualTypeOf<string | undefined>();
    expectTypeOf(
      (await client.GET("/api/export", { params: { query: { id: "s" } }, parseAs: "blob" })).data,
    ).toEqualTypeOf<Blob | undefined>();
  });
});
