/**
 * `POST /sync/batch` answers 200 with `ok: true` even when it refused whole arrays or single
 * messages; the refusals are in `errors` (SyncBatchResult). Such an answer is a failure that
 * must not pass for success: `unwrap` throws BatchError for it.
 */
import type { SyncBatchResult } from "../../generated/schema.js";

const BATCH_PATH = "/sync/batch";

export function isPartialBatch(method: string, path: string, data: unknown): data is SyncBatchResult {
  if (method !== "POST" || path !== BATCH_PATH) return false;
  const errors = (data as Partial<SyncBatchResult> | null)?.errors;
  return Array.isArray(errors) && errors.length > 0;
}
