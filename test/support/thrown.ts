/** What a synchronous call throws, checked to be a `Type`; the test fails if it returns or throws anything else. */
import { expect } from "vitest";

export function thrown<T extends Error>(Type: abstract new (...args: never[]) => T, run: () => unknown): T {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Type);
    return error as T;
  }
  throw new Error(`expected a ${Type.name}, but the call returned`);
}
