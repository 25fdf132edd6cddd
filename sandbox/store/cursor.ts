/**
 * The cursor of `GET /api/sessions`: where the previous page ended, as the last listed session's
 * `updatedAt` and id (the listing's sort key). Opaque to clients; a cursor this codec did not make
 * decodes to undefined, which the listing answers with a 400.
 */
import { base64UrlJson, parseBase64UrlJson } from "../utils/base64url.js";

export interface ListingPosition {
  updatedAt: number;
  id: string;
}

/** `{u, i}` on the wire: short, and the same cursors as before the codec had names. */
export const encodeCursor = ({ updatedAt, id }: ListingPosition): string => base64UrlJson({ u: updatedAt, i: id });

export function decodeCursor(cursor: string): ListingPosition | undefined {
  let value: unknown;
  try {
    value = parseBase64UrlJson(cursor);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { u, i } = value as { u?: unknown; i?: unknown };
  return typeof u === "number" && typeof i === "string" ? { updatedAt: u, id: i } : undefined;
}
