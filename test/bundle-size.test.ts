/**
 * The size budget: what the client adds to openapi-fetch in a minified, gzipped browser bundle may
 * not grow past WRAPPER_BUDGET_BYTES (a regression guard; the target, and what each module costs, are
 * in BENCHMARKS.md).
 */
import { describe, expect, it } from "vitest";
import { measureBundles, WRAPPER_BUDGET_BYTES } from "../bench/lib/bundle-size.js";

describe("bundle size", () => {
  it(`the client adds at most ${WRAPPER_BUDGET_BYTES} bytes min+gzip on top of openapi-fetch`, async () => {
    const { sizes, wrapperGzipped } = await measureBundles();
    console.log(
      `bundle: client ${sizes["opensync-api client (with openapi-fetch)"].gzipped} B gz, openapi-fetch ` +
        `${sizes["openapi-fetch alone"].gzipped} B gz, wrapper adds ${wrapperGzipped} B`,
    );
    expect(sizes["openapi-fetch alone"].gzipped).toBeGreaterThan(1000);
    expect(wrapperGzipped).toBeLessThanOrEqual(WRAPPER_BUDGET_BYTES);
  });
});
