/**
 * openapi.yaml against an earlier version of itself, classified for the code generated from the
 * earlier one: api-smart-diff computes and classifies every change (it follows $refs, so a change
 * to a shared schema shows under each operation that uses it); this module names each by
 * operation, location (parameter, request body, response status and media type) and field.
 */
import { apiCompare, type Diff } from "api-smart-diff";
import { deref } from "#spec/document.js";

export type ChangeKind = "breaking" | "non-breaking" | "deprecated" | "annotation" | "unclassified";

export interface Change {
  kind: ChangeKind;
  /** `GET /api/search`, or `components` for a component no operation uses. */
  operation: string;
  /** `operation`, `parameter query limit`, `request body (application/json)`, `response 200 (application/json)`. */
  location: string;
  /** The field in the location's schema, e.g. `messages[].role`; empty for the location itself. */
  field: string;
  /** What changed, in api-smart-diff's words. */
  description: string;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

type Document = Record<string, any>;

/** The field a schema path names: properties become names, items `[]`, combinators vanish. */
function fieldOf(path: readonly (string | number)[], schema: unknown, doc: Document): string {
  let field = "";
  let at: any = schema;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    at = deref(doc, at);
    if (key === "properties" && i + 1 < path.length) {
      const name = String(path[++i]);
      field += field ? `.${name}` : name;
      at = at?.properties?.[name];
    } else if (key === "items") {
      field += "[]";
      at = at?.items;
    } else if (key === "required" && typeof path[i + 1] === "number") {
      const name = at?.required?.[path[i + 1] as number];
      return name === undefined ? field : field ? `${field}.${name}` : String(name);
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      at = at?.[key]?.[path[++i] as number];
    } else {
      return field ? `${field} (${key})` : `(${key})`;
    }
  }
  return field;
}

/** Location and field of a change under one operation (`rest`: the path below the operation). */
function place(rest: readonly (string | number)[], operation: any, doc: Document): { location: string; field: string } {
  const [section, ...below] = rest;
  if (section === undefined) return { location: "operation", field: "" };
  if (section === "parameters") {
    const parameter = deref(doc, operation?.parameters?.[below[0] as number]);
    const name = parameter ? `parameter ${parameter.in} ${parameter.name}` : "parameters";
    return { location: name, field: below.length > 1 ? fieldOf(below.slice(2), parameter?.schema, doc) : "" };
  }
  if (section === "requestBody" || section === "responses") {
    const responseStatus = section === "responses" ? String(below.shift()) : undefined;
    const body = deref(doc, responseStatus ? operation?.responses?.[responseStatus] : operation?.requestBody);
    const label = responseStatus ? `response ${responseStatus}` : "request body";
    if (below[0] !== "content" || below[1] === undefined) return { location: label, field: "" };
    const mediaType = String(below[1]);
    const schemaPath = below[2] === "schema" ? below.slice(3) : [];
    const field = below[2] === "schema" ? fieldOf(schemaPath, body?.content?.[mediaType]?.schema, doc) : "";
    return { location: `${label} (${mediaType})`, field };
  }
  return { location: String(section), field: rest.slice(1).join(".") };
}

function describeDiff(diff: Diff, before: Document, after: Document): Change {
  const kind = diff.type as ChangeKind;
  const description = diff.description ?? `${diff.action} ${diff.path.join("/")}`;
  const [root, path, method, ...rest] = diff.path;
  if (root !== "paths" || typeof method !== "string" || !METHODS.has(method))
    return {
      kind,
      operation: root === "paths" ? `* ${String(path)}` : String(root),
      location: "",
      field: "",
      description,
    };
  // A removal is found in the earlier document, anything else in the later one.
  const doc = diff.action === "remove" ? before : after;
  const operation = deref(doc, deref(doc, doc.paths?.[path as string])?.[method]);
  return { kind, operation: `${method.toUpperCase()} ${String(path)}`, ...place(rest, operation, doc), description };
}

/**
 * Every change from `before` to `after`, under the operations it affects. A change to a
 * component shows under each operation using it; only a change no operation sees is listed
 * under `components`.
 */
export function classifyChanges(before: Document, after: Document): Change[] {
  const { diffs } = apiCompare(before, after);
  // Components by name (`#/components/schemas/Role`), whichever part of them is referenced.
  const used = new Set(
    [...referencedFromPaths(before), ...referencedFromPaths(after)].map((ref) => ref.split("/").slice(0, 4).join("/")),
  );
  const shown = diffs.filter((d) => {
    if (d.path[0] === "paths") return true;
    if (d.path[0] !== "components") return false;
    return !used.has(`#/components/${String(d.path[1])}/${String(d.path[2])}`);
  });
  return shown.map((diff) => describeDiff(diff, before, after));
}

/** Every `$ref` the operations reach, directly or through other components. */
function referencedFromPaths(doc: Document): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !found.has(ref)) {
      found.add(ref);
      visit(deref(doc, { $ref: ref }));
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc.paths);
  return found;
}
