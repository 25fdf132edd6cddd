/**
 * `Prefer: code=<status>`: a request asks for one of the statuses its operation declares, and the
 * sandbox answers with that response's example from the spec (its media type and body, and a
 * Retry-After of 1 where the response declares one), before anything else runs. For trying how
 * a client handles a 403 or a 500 without arranging one. A status the operation does not declare
 * is refused with a 400 that lists the ones it does.
 */

import { deref, type OpenApiDocument, operationAt } from "#spec/document.js";
import { invalidRequest } from "./http-error.js";
import type { StepFactory } from "./pipeline.js";
import { requestHeader } from "./request.js";

interface Example {
  status: number;
  mediaType: string | undefined;
  body: unknown;
  headers: Record<string, string>;
}

/** The part of an OpenAPI media type object read here. */
interface MediaType {
  example?: unknown;
  examples?: Record<string, object>;
}

const PREFER_CODE = /(?:^|[;,\s])code=(\d{3})(?:$|[;,\s])/;

/** The examples of every declared status of one operation, by status. */
export function declaredExamples(spec: OpenApiDocument, key: string): Map<number, Example> {
  const { operation } = operationAt(spec, key);
  const examples = new Map<number, Example>();
  for (const [code, ref] of Object.entries<unknown>(operation?.responses ?? {})) {
    const status = Number(code);
    if (!Number.isInteger(status)) continue;
    const response = deref(spec, ref);
    const [mediaType, media] = Object.entries<MediaType>(response.content ?? {})[0] ?? [];
    const named = Object.values<object>(media?.examples ?? {})[0];
    const body = media?.example ?? (named && deref(spec, named).value);
    const headers: Record<string, string> = {};
    if (response.headers?.["Retry-After"]) headers["retry-after"] = "1";
    examples.set(status, { status, mediaType, body, headers });
  }
  return examples;
}

/** The step: answers a request that prefers a declared status with that status's example. */
export const preferCode =
  (spec: OpenApiDocument): StepFactory =>
  (operation) => {
    const examples = declaredExamples(spec, operation.key);
    return (request) => {
      const wanted = PREFER_CODE.exec(requestHeader(request.c, "prefer") ?? "")?.[1];
      if (wanted === undefined) return undefined;
      const example = examples.get(Number(wanted));
      if (!example) {
        const declared = [...examples.keys()].join(", ");
        throw invalidRequest(`Prefer: code=${wanted} is not a status ${operation.key} declares (${declared})`);
      }
      const { c } = request;
      for (const [name, value] of Object.entries(example.headers)) c.header(name, value);
      if (example.body === undefined || example.mediaType === undefined) return c.body(null, example.status as 204);
      if (example.mediaType.includes("json")) return c.json(example.body as object, example.status as 200);
      c.header("content-type", example.mediaType);
      return c.body(String(example.body), example.status as 200);
    };
  };
