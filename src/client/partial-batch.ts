/**
 * `POST /sync/batch` answers 200 with `ok: true` even when it refused whole arrays or single
 * messages; the refusals are in `errors` (BatchUpsertResult). Such an answer is a failure that
 * must not pass for success: `unwrap` throws BatchError for it.
 */
import type { BatchUpsertResult } from "../../generated/schema.js";

const BATCH_PATH = "/sync/batch";

export function isPartialBatch(method: string, path: string, data: unknown): data is BatchUpsertResult {
  if (method !== "POST" || path !== BATCH_PATH) return false;
  const errors = (data as Partial<BatchUpsertResult> | null)?.errors;
  return Array.isArray(errors) && errors.length > 0;
}
