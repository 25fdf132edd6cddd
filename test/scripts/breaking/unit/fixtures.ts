/** A small OpenAPI 3.1 document to change one thing at a time: two operations sharing a schema through $ref. */
export function smallSpec(): Record<string, any> {
  return {
    openapi: "3.1.0",
    info: { title: "small", version: "1.0.0" },
    paths: {
      "/items": {
        get: {
          operationId: "listItems",
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer" } },
            { name: "kind", in: "query", required: false, schema: { type: "string", enum: ["a", "b"] } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { items: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
                  },
                },
              },
            },
          },
        },
        post: {
          operationId: "putItem",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ItemInput" } } },
          },
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Item: {
          type: "object",
          required: ["id", "name"],
          properties: { id: { type: "string" }, name: { type: "string" }, role: { $ref: "#/components/schemas/Role" } },
        },
        ItemInput: {
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            weight: { type: "number" },
            role: { $ref: "#/components/schemas/Role" },
          },
        },
        Role: { type: "string", enum: ["user", "assistant"] },
        Unused: { type: "object", properties: { x: { type: "string" } } },
      },
    },
  };
}
