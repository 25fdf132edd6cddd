/**
 * The base of every error this package throws, so `catch (e) { if (e instanceof OpenSyncError) }`
 * catches them all. Errors never hold the API key: not in the message, not in a property, not in
 * what `JSON.stringify` or `util.inspect` print (both go through `toJSON`).
 */
export class OpenSyncError extends Error {
  override name = "OpenSyncError";

  /** A plain, secret-free view for logs and serialisation. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, ...fields } = Object.fromEntries(Object.entries(this));
    return { ...fields, name: this.name, message: this.message };
  }

  /** Node's util.inspect reads this symbol; keeping it here avoids importing node:util. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}
