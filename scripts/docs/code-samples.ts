/**
 * `x-codeSamples` for every operation: a curl command and a TypeScript call with
 * `createOpenSyncClient`, derived from the spec itself (path, method, security, required parameters
 * and their examples, the request body example), so a sample cannot drift from the contract.
 */

import { deref as derefSpec, type OpenApiDocument, operationAt } from "#spec/document.js";
import { OPERATIONS } from "../../generated/contract.js";
import { fail } from "./build-error.js";

type Json = any;

/** Resolves a local `#/...` reference; a reference that cannot be followed stops the build. */
function deref(doc: Json, node: Json): Json {
  try {
    return derefSpec(doc, node);
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** An example value for a parameter: its example, its schema's example/default/enum, else a placeholder. */
export function parameterExample(doc: Json, param: Json): unknown {
  if (param.example !== undefined) return param.example;
  const firstNamed = Object.values<Json>(param.examples ?? {})[0];
  if (firstNamed?.value !== undefined) return firstNamed.value;
  const schema = deref(doc, param.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  return schema.type === "integer" || schema.type === "number" ? 1 : `<${param.name}>`;
}

/** A word for a POSIX shell: as it is when it holds nothing the shell would read, else single-quoted. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\-./:=?&%,@]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JS object literal with unquoted identifier keys, two-space indent, starting at `indent`. */
export function jsLiteral(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = value.map((v) => `${indent}  ${jsLiteral(v, `${indent}  `)}`);
    return `[\n${inner.join(",\n")},\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = entries.map(([k, v]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
      return `${indent}  ${key}: ${jsLiteral(v, `${indent}  `)}`;
    });
    return `{\n${inner.join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** What a sample is written from: one operation's call, with example values filled in. */
export interface SampleInput {
  method: string;
  path: string;
  query: [string, unknown][];
  pathParams: [string, unknown][];
  body: unknown;
  credential: "apiKey" | "workos" | "none";
}

export function curlSample(s: SampleInput, serverUrl: string): string {
  let path = s.path;
  for (const [name, value] of s.pathParams) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  const qs = new URLSearchParams(s.query.map(([k, v]) => [k, String(v)])).toString();
  const url = `${serverUrl}${path}${qs ? `?${qs}` : ""}`;
  const lines = [`curl${s.method === "GET" ? "" : ` -X ${s.method}`} ${shellQuote(url)}`];
  if (s.credential === "apiKey") lines.push(`-H "Authorization: Bearer $OPENSYNC_API_KEY"`);
  if (s.credential === "workos") lines.push(`-H "Authorization: Bearer $OPENSYNC_WORKOS_TOKEN"`);
  if (s.body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(s.body))}`);
  }
  return lines.join(" \\\n  ");
}

export function typescriptSample(s: SampleInput): string {
  const options: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  if (s.query.length) params.query = Object.fromEntries(s.query);
  if (s.pathParams.length) params.path = Object.fromEntries(s.pathParams);
  if (Object.keys(params).length) options.params = params;
  if (s.body !== undefined) options.body = s.body;
  const args = [JSON.stringify(s.path)];
  if (Object.keys(options).length) args.push(jsLiteral(options, ""));
  const credential =
    s.credential === "workos"
      ? "// This route needs a WorkOS access token from the dashboard login, not an API key.\nconst client = " +
        "createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, accessToken: " +
        "process.env.OPENSYNC_WORKOS_TOKEN });"
      : s.credential === "none"
        ? "// The route needs no credential; the client carries your key on every call anyway.\nconst client = " +
          "createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, apiKey: process.env.OPENSYNC_API_KEY });"
        : "const client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, apiKey: " +
          "process.env.OPENSYNC_API_KEY });";
  return [
    `import { createOpenSyncClient, unwrap } from "opensync-api";`,
    "",
    credential,
    "",
    `const data = await unwrap(client.${s.method}(${args.join(", ")}));`,
  ].join("\n");
}

/** The first server's URL with its variables at their defaults ("" when the document has none). */
export function serverUrl(doc: Json): string {
  const server = doc.servers?.[0];
  let url: string = server?.url ?? "";
  for (const [name, variable] of Object.entries<Json>(server?.variables ?? {}))
    url = url.replace(`{${name}}`, String(variable.default));
  return url;
}

/** Which credential a sample shows: none when the operation may be called without one. */
export function sampleCredential(doc: Json, op: Json): SampleInput["credential"] {
  const security: Json[] = op.security ?? doc.security ?? [];
  if (security.length === 0 || security.some((req: Json) => Object.keys(req).length === 0)) return "none";
  return security.some((req: Json) => "ApiKey" in req) ? "apiKey" : "workos";
}

/** The sample input of the operation `key` (`GET /api/sessions`) of `doc`. */
export function sampleInput(doc: OpenApiDocument, key: string): SampleInput {
  const { method, path, operation: op } = operationAt(doc, key);
  if (!op) fail(`${key} is in generated/contract.ts but not in the document: run npm run generate`);
  const item = deref(doc, doc.paths[path]);
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p));
  const required = params.filter((p: Json) => p.required || p.in === "path");
  const content = op.requestBody ? (deref(doc, op.requestBody).content ?? {}) : {};
  const media = content["application/json"];
  const body = media ? (media.example ?? Object.values<Json>(media.examples ?? {})[0]?.value) : undefined;
  if (media && body === undefined) fail(`${key}: the request body has no example to build code samples from`);
  return {
    method,
    path,
    query: required.filter((p: Json) => p.in === "query").map((p: Json) => [p.name, parameterExample(doc, p)]),
    pathParams: required.filter((p: Json) => p.in === "path").map((p: Json) => [p.name, parameterExample(doc, p)]),
    body,
    credential: sampleCredential(doc, op),
  };
}

/** Adds `x-codeSamples` (curl, TypeScript) to every operation of `doc`, in place; returns how many. */
export function addCodeSamples(doc: OpenApiDocument): number {
  const url = serverUrl(doc);
  const keys = Object.keys(OPERATIONS);
  for (const key of keys) {
    const input = sampleInput(doc, key);
    operationAt(doc, key).operation["x-codeSamples"] = [
      { lang: "curl", label: "curl", source: curlSample(input, url) },
      { lang: "TypeScript", label: "TypeScript", source: typescriptSample(input) },
    ];
  }
  return keys.length;
}
