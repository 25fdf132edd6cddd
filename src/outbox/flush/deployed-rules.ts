/**
 * What deployed OpenSync servers do that the contract does not promise, and that a lossless
 * outbox must work around. Each constant names the rule it answers; the outbox's README section
 * ("Outbox for hook-based plugins") lists the same rules with the mechanism for each.
 *
 * - Sessions, 10 s: `/sync/session` and the sessions of `/sync/batch` skip an update, answering
 *   success, when title, model (and, on the single route, projectPath) equal the stored ones,
 *   tokens are 0 or unchanged, and the session was written less than 10 s earlier. A final update
 *   that changes only cost or durationMs is lost. The batch's `sessions` count leaves skipped ones
 *   out: the outbox compares it with what it sent and sends the sessions again after the window.
 * - Messages, 5 s: a write to a message whose `createdAt` is less than 5 s old changes nothing.
 *   The outbox sends an update to a stored message only once that window has passed.
 * - A message updated through `/sync/batch` loses its parts (they are deleted, never re-inserted),
 *   in deployed servers and in the contract alike. The outbox sends a message with parts through
 *   `/sync/batch` only while it is certainly new to the server; otherwise through `/sync/message`,
 *   which replaces parts, or it reads the session back first (see read-back.ts).
 * - `/sync/batch` items are strict and take no `createdAt` (batch inserts take the server's time);
 *   only `/sync/session` and `/sync/message` honour it, on insert only.
 */
import { DEPLOYED_SKIP_WINDOWS } from "opensync-api/contract";

/**
 * Deployed `/sync/session` and batch sessions: an unchanged-looking update within this time of the last write is
 * skipped (the spec's `x-deployed-skip-windows`, which the sandbox's deployed mode also reads).
 */
export const SESSION_QUIET_MS: number = DEPLOYED_SKIP_WINDOWS.sessionMs;

/** Deployed `/sync/message` and batch messages: a write within this time of the message's createdAt is ignored. */
export const MESSAGE_QUIET_MS: number = DEPLOYED_SKIP_WINDOWS.messageMs;

/** Added to both windows: timers fire late, and the server's clock is not ours. */
export const WINDOW_MARGIN_MS = 1_000;

/** How long after a session's last write an update that looks unchanged is safe: its window and the margin. */
export const SESSION_WAIT_MS: number = SESSION_QUIET_MS + WINDOW_MARGIN_MS;

/** How long after a message's createdAt a write to it is safe: its window and the margin. */
export const MESSAGE_WAIT_MS: number = MESSAGE_QUIET_MS + WINDOW_MARGIN_MS;
