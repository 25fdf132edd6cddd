/**
 * The base of every error this package throws, so `catch (e) { if (e instanceof OpenSyncError) }`
 * catches them all. Errors never hold the API key: not in the message, not in a property, not in
 * what `JSON.stringify` (through `toJSON`) or `util.inspect` print. Node's default inspect is kept
 * (stack, fields, cause chain; headers with showHidden): it shows more than a custom view would,
 * and a `nodejs.util.inspect.custom` method would be dead weight in every browser bundle.
 */
export class OpenSyncError extends Error {
  override name = "OpenSyncError";

  /** A plain, secret-free view for logs and serialisation. */
  toJSON(): Record<string, unknown> {
    // Own enumerable fields (`stack` too, in engines that make it one), minus the stack.
    const { stack: _stack, ...fields } = this;
    return { ...fields, name: this.name, message: this.message };
  }
}
