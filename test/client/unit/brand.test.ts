/**
 * Brands: `instanceof` between copies of the package (its ESM and CJS builds loaded side by side)
 * by a `Symbol.for` key on each class's prototype, not by the prototype chain.
 */
import { describe, expect, it } from "vitest";
import { brand, hasBrand } from "../../../src/errors/brand.js";
import { ApiError, OpenSyncError, TimeoutError } from "../../../src/errors/index.js";

/** The same classes as another copy of the package defines them: other objects, the same brands. */
class OtherOpenSyncError extends Error {
  static {
    brand(OtherOpenSyncError, "OpenSyncError");
  }
}
class OtherTimeoutError extends OtherOpenSyncError {
  static {
    brand(OtherTimeoutError, "TimeoutError");
  }
}

describe("brands", () => {
  it("make an error from another copy an instance of this copy's class and of its base", () => {
    const foreign = new OtherTimeoutError("timed out");
    expect(foreign).toBeInstanceOf(TimeoutError);
    expect(foreign).toBeInstanceOf(OpenSyncError);
    expect(foreign).not.toBeInstanceOf(ApiError);
  });

  it("do not make a plain error, or a look-alike without the brand, an instance", () => {
    expect(new Error("x")).not.toBeInstanceOf(OpenSyncError);
    expect(Object.assign(new Error("x"), { name: "TimeoutError" })).not.toBeInstanceOf(TimeoutError);
    expect(null).not.toBeInstanceOf(OpenSyncError);
  });

  it("sit on the prototype, not enumerable, so they never reach JSON or spreads", () => {
    const error = new TimeoutError(1, 100);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(
      Object.getOwnPropertyDescriptor(TimeoutError.prototype, Symbol.for("opensync-api.TimeoutError")),
    ).toMatchObject({ value: true, enumerable: false });
  });

  it("fall back to the prototype chain for a subclass without a brand of its own", () => {
    class AppError extends ApiError {}
    const init = { status: 500, code: "INTERNAL_ERROR", message: "m", headers: new Headers(), attempts: 1 };
    expect(new AppError(init)).toBeInstanceOf(AppError);
    expect(new ApiError(init)).not.toBeInstanceOf(AppError);
    expect(hasBrand(AppError, new AppError(init))).toBe(true);
  });
});
