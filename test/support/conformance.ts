/**
 * Checks a live response against openapi.yaml for its operation and status: the status is
 * declared, the content type is one of the declared media types, the body validates against that
 * media type's schema, and declared headers (Retry-After on 429) are present. Records what it saw,
 * so a suite can demand that every declared (operation, status, media type) was exercised.
 */
import { expect } from "vitest";
import { deref, operationAt, pointer } from "#spec/document.js";
import { createSpecValidator, describeErrors } from "#spec/validator.js";
import { OPERATIONS, type OperationKey } from "../../generated/contract.js";

const validator = createSpecValidator();
export const spec = validator.spec;

/** Every (operation, status, media type) the spec declares. */
export function declaredResponses(): Set<string> {
  const all = new Set<string>();
  for (const key of Object.keys(OPERATIONS) as OperationKey[]) {
    for (const [status, declared] of Object.entries<any>(operationAt(spec, key).operation.responses)) {
      for (const mediaType of Object.keys(deref(spec, declared).content ?? {}))
        all.add(`${key} ${status} ${mediaType}`);
    }
  }
  return all;
}

export async function expectConforms(key: OperationKey, res: Response, seen?: Set<string>): Promise<unknown> {
  const { method, path, operation: op } = operationAt(spec, key);
  expect(op, `${key} is not in the spec`).toBeDefined();
  const status = String(res.status);
  const declared = op.responses[status];
  expect(declared, `${key} answered ${status}, which the spec does not declare`).toBeDefined();
  // The response's own pointer (a shared response's, when it is a $ref), for its schema's validator.
  const where = declared.$ref ?? pointer("paths", path, method.toLowerCase(), "responses", status);
  const response = deref(spec, declared);
  const mediaType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
  expect(Object.keys(response.content), `${key} ${status} content type`).toContain(mediaType);
  const text = await res.text();
  const isJson = mediaType === "application/json";
  const body = isJson ? JSON.parse(text) : text;
  const validate = validator.at(`${where}${pointer("content", mediaType, "schema").slice(1)}`);
  expect(
    validate(body),
    `${key} ${status} ${mediaType}: ${describeErrors(validate.errors)}\n${text.slice(0, 300)}`,
  ).toBe(true);
  for (const name of Object.keys(response.headers ?? {})) {
    if (name === "Retry-After") expect(res.headers.get(name), `${key} ${status} must send ${name}`).toMatch(/^\d+$/);
  }
  seen?.add(`${key} ${status} ${mediaType}`);
  return body;
}
