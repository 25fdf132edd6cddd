/**
 * The base of every error this package throws, so `catch (e) { if (e instanceof OpenSyncError) }`
 * catches them all, whichever copy of the package threw it (see brand.ts). Errors never hold the
 * API key: not in the message, not in a property, not in what `JSON.stringify` (through `toJSON`)
 * or `util.inspect` print. Node's default inspect is kept (stack, fields, cause chain; headers with
 * showHidden): it shows more than a custom view would, and a `nodejs.util.inspect.custom` method
 * would be dead weight in every browser bundle.
 */
import { brand, hasBrand } from "./brand.js";
import type { CallInfo } from "./call.js";

export class OpenSyncError extends Error {
  static {
    brand(OpenSyncError, "OpenSyncError");
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class left of instanceof, a subclass too
    return hasBrand(this, value);
  }

  /** The call that failed (`GET`, `/api/sessions/get`), when the error belongs to one. */
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;

  /** With a call, the message starts with it: `GET /api/sessions/get: ...` (never the query). */
  constructor(message?: string, options?: ErrorOptions, call?: CallInfo) {
    super(call ? `${call.method} ${call.path}: ${message}` : message, options);
    this.method = call?.method;
    this.path = call?.path;
  }

  /** A plain, secret-free view for logs and serialisation. */
  toJSON(): Record<string, unknown> {
    // Own enumerable fields (`stack` too, in engines that make it one), minus the stack.
    const { stack: _stack, ...fields } = this;
    return { ...fields, name: this.name, message: this.message };
  }
}

/** Whether `value` is an error of this package, from any copy of it (ESM or CJS build). */
export function isOpenSyncError(value: unknown): value is OpenSyncError {
  return value instanceof OpenSyncError;
}
