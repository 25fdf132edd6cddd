/**
 * `instanceof` across copies of this package. An app can load it twice (its ESM build and, through
 * a CommonJS dependency, its CJS build): two sets of classes, and a plain `instanceof` fails
 * between them. Each class therefore carries a brand, a `Symbol.for` key shared by every copy, on
 * its prototype, and its `Symbol.hasInstance` asks for that brand instead of the prototype chain.
 */
const BRAND = Symbol("brand");

type Branded = { [BRAND]?: symbol };

/**
 * Marks `type` and its instances as `name`, which is also their `name` (on the prototype, as
 * Error.prototype.name is, rather than an own field per class); called once per class, in its static block.
 */
export function brand(type: abstract new (...args: never[]) => object, name: string): void {
  const key = Symbol.for(`opensync-api.${name}`);
  Object.defineProperty(type, BRAND, { value: key });
  Object.defineProperty(type.prototype, key, { value: true });
  Object.defineProperty(type.prototype, "name", { value: name, writable: true, configurable: true });
}

/** `value instanceof type` by brand; a subclass without a brand of its own falls back to the chain. */
export function hasBrand(type: abstract new (...args: never[]) => object, value: unknown): boolean {
  if (!Object.hasOwn(type, BRAND)) return Function.prototype[Symbol.hasInstance].call(type, value);
  return (value as Record<symbol, unknown> | null | undefined)?.[(type as Branded)[BRAND]!] === true;
}
