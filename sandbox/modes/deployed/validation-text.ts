/**
 * A refused body in the words of Convex's argument validator (deployed servers' 500 texts, as
 * openapi.yaml's examples quote them): a missing field, an extra field, or a value that does not
 * match, with the path where it is nested. Reads the spec validator's first error.
 */
import type { ErrorObject } from "ajv/dist/2020.js";

/** `/messages/0/role` → `.messages[0].role` */
const convexPath = (instancePath: string) =>
  instancePath
    .split("/")
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("");

const at = (path: string) => (path ? ` Path: ${path}` : "");

function valueAt(body: unknown, instancePath: string): unknown {
  let value = body;
  for (const key of instancePath.split("/").filter(Boolean)) value = (value as Record<string, unknown> | null)?.[key];
  return value;
}

const VALIDATORS: Record<string, string> = {
  string: "v.string()",
  number: "v.number()",
  integer: "v.number()",
  boolean: "v.boolean()",
  array: "v.array(...)",
  object: "v.object({...})",
};

export function convexValidationText(errors: ErrorObject[] | null | undefined, body: unknown, prefix = ""): string {
  const error = errors?.find((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf") ?? errors?.[0];
  const path = prefix + convexPath(error?.instancePath ?? "");
  if (error?.keyword === "required")
    return (
      `Object is missing the required field \`${error.params.missingProperty}\`. Consider wrapping the field ` +
      `validator in \`v.optional(...)\` if this is expected.${at(path)}`
    );
  const extra = error?.params.additionalProperty ?? error?.params.unevaluatedProperty;
  if (extra !== undefined) return `Object contains extra field \`${extra}\` that is not in the validator.${at(path)}`;
  const value = JSON.stringify(valueAt(body, error?.instancePath ?? "")) ?? "undefined";
  const validator = error?.keyword === "type" ? VALIDATORS[String(error.params.type)] : undefined;
  return `Value does not match validator.${at(path)} Value: ${value}${validator ? ` Validator: ${validator}` : ""}`;
}
