/**
 * Checks a live response against openapi.yaml for its operation and status: the status is
 * declared, the content type is one of the declared media types, the body validates against that
 * media type's schema, and declared headers (Retry-After on 429) are present. Records what it saw,
 * so a suite can demand that every declared (operation, status, media type) was exercised.
 */
import { expect } from "vitest";
import { createSpecValidator, describeErrors, pointer } from "../../sandbox/spec.js";

const validator = createSpecValidator();
export const spec = validator.spec;

export type OperationKey = `${"GET" | "POST"} /${string}`;

/** Every (operation, status, media type) the spec declares. */
export function declaredResponses(): Set<string> {
  const all = new Set<string>();
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const method of ["get", "post"]) {
      const op = item[method];
      if (!op) continue;
      for (const [status, declared] of Object.entries<any>(op.responses)) {
        const response = declared.$ref ? spec.components.responses[declared.$ref.split("/").pop()] : declared;
        for (const mediaType of Object.keys(response.content ?? {})) all.add(`${method.toUpperCase()} ${path} ${status} ${mediaType}`);
      }
    }
  }
  return all;
}

export async function expectConforms(key: OperationKey, res: Response, seen?: Set<string>): Promise<unknown> {
  const [method, path] = key.split(" ") as [string, string];
  const op = spec.paths[path]?.[method.toLowerCase()];
  expect(op, `${key} is not in the spec`).toBeDefined();
  const status = String(res.status);
  const declared = op.responses[status];
  expect(declared, `${key} answered ${status}, which the spec does not declare`).toBeDefined();
  const where = declared.$ref ? ["components", "responses", declared.$ref.split("/").pop()] : ["paths", path, method.toLowerCase(), "responses", status];
  const response = declared.$ref ? spec.components.responses[where[2]!] : declared;
  const mediaType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
  expect(Object.keys(response.content), `${key} ${status} content type`).toContain(mediaType);
  const text = await res.text();
  const isJson = mediaType === "application/json";
  const body = isJson ? JSON.parse(text) : text;
  const validate = validator.at(pointer(...where, "content", mediaType, "schema"));
  expect(validate(body), `${key} ${status} ${mediaType}: ${describeErrors(validate.errors)}\n${text.slice(0, 300)}`).toBe(true);
  for (const name of Object.keys(response.headers ?? {})) {
    if (name === "Retry-After") expect(res.headers.get(name), `${key} ${status} must send ${name}`).toMatch(/^\d+$/);
  }
  seen?.add(`${key} ${status} ${mediaType}`);
  return body;
}
