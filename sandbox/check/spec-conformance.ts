/**
 * Whether an answer is one openapi.yaml declares for its operation: the status is declared, the
 * content type is one of that response's media types, the body validates (ajv) against that media
 * type's schema, and a declared `Retry-After` is sent as delay-seconds or an HTTP date. The
 * first difference is named: the status, the header or the field.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import type { OperationKey } from "opensync-api/contract";
import { deref, operationAt, pointer } from "#spec/document.js";
import { createSpecValidator, type SpecValidator } from "#spec/validator.js";
import { type Answer, isJsonMediaType } from "./target.js";

let shared: SpecValidator | undefined;
const validator = () => {
  shared ??= createSpecValidator();
  return shared;
};

/** The response the spec declares for this status (or its `default`, or a `4XX`-style range), or undefined. */
function declaredResponse(responses: Record<string, unknown>, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => responses[key] !== undefined);
}

const RETRY_AFTER = /^(\d+|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

/** Undefined when the answer is as declared; otherwise what differs, in one line. */
export function specIssue(key: OperationKey, answer: Answer): string | undefined {
  const { spec } = validator();
  const { method, path, operation } = operationAt(spec, key);
  const declared = declaredResponse(operation.responses, answer.status);
  if (!declared) return `status ${answer.status} is not declared (declared: ${Object.keys(operation.responses)})`;
  const raw = operation.responses[declared];
  const where = raw.$ref ?? pointer("paths", path, method.toLowerCase(), "responses", declared);
  const response = deref(spec, raw);
  const mediaTypes = Object.keys(response.content ?? {});
  if (mediaTypes.length > 0 && !mediaTypes.includes(answer.mediaType))
    return `header Content-Type is ${answer.mediaType || "missing"}, declared ${mediaTypes.join(" or ")}`;
  for (const name of Object.keys(response.headers ?? {})) {
    if (name !== "Retry-After") continue;
    const value = answer.headers.get(name);
    if (!value || !RETRY_AFTER.test(value)) return `header Retry-After is ${value ?? "missing"}`;
  }
  if (mediaTypes.length === 0) return undefined;
  const isJson = isJsonMediaType(answer.mediaType);
  if (isJson && answer.json === undefined) return `body is not JSON: ${answer.text.slice(0, 80)}`;
  const validate = validator().at(`${where}${pointer("content", answer.mediaType, "schema").slice(1)}`);
  if (validate(isJson ? answer.json : answer.text)) return undefined;
  return (validate.errors ?? []).map(describeField).join("; ");
}

/** One ajv error naming its field: `field /sessions/0/totalTokens is missing`, `field /cost must be number`. */
function describeField(error: ErrorObject): string {
  if (error.keyword === "required") return `field ${error.instancePath}/${error.params.missingProperty} is missing`;
  if (error.keyword === "additionalProperties")
    return `field ${error.instancePath}/${error.params.additionalProperty} is not declared`;
  return `field ${error.instancePath || "/"} ${error.message ?? "is invalid"}`;
}
