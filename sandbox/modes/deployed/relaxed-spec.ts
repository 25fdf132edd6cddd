/**
 * The request schemas as deployed servers check them: their database's argument validators
 * check types and required fields only (numbers are `v.number()`, strings `v.string()`, a part's
 * content `v.any()`), not the bounds the contract adds. Derived from openapi.yaml by dropping
 * those bounds, so the two modes cannot disagree on anything else (field names, required keys,
 * roles, strict batch items).
 */
import { loadSpec, type OpenApiDocument } from "#spec/document.js";

/** Keywords that bound a value beyond its type: the contract's, not deployed servers'. */
const BOUNDS = new Set([
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
]);

export function relaxedSpec(spec: OpenApiDocument = loadSpec()): OpenApiDocument {
  const relaxed = relax(spec) as OpenApiDocument;
  // Deployed servers store any part content, null included (the response's StoredMessagePart).
  relaxed.components.schemas.MessagePart.properties.content = {};
  return relaxed;
}

function relax(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relax);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // A schema keyword only where it bounds a schema: a property named `pattern` is kept.
    if (BOUNDS.has(key) && isSchemaBound(key, child)) continue;
    out[key] = key === "type" && child === "integer" ? "number" : relax(child);
  }
  return out;
}

const isSchemaBound = (key: string, value: unknown) =>
  key === "pattern" || key === "format" ? typeof value === "string" : typeof value === "number";
