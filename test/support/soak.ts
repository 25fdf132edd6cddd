/**
 * Soak runs and seeds. `npm test` runs a small version of each long test (same code paths, same
 * assertions, fewer records and kills); `npm run test:soak` sets OPENSYNC_SOAK=1 for the full size.
 * Randomised tests take their seed from testSeed(), which prints it, so any failure can be replayed
 * with OPENSYNC_TEST_SEED=<seed>.
 */
import { type Random, seededRandom } from "../../sandbox/utils/random.js";

export const SOAK = process.env.OPENSYNC_SOAK === "1";

/** The small figure in `npm test`, the full one in `npm run test:soak`. */
export function soakScale<T>(small: T, full: T): T {
  return SOAK ? full : small;
}

/** A seed for one randomised test: OPENSYNC_TEST_SEED if set, else a fresh one; printed either way. */
export function testSeed(label: string): number {
  const fixed = process.env.OPENSYNC_TEST_SEED;
  const seed = fixed !== undefined && fixed !== "" ? Number(fixed) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`${label}: seed ${seed} (replay with OPENSYNC_TEST_SEED=${seed})`);
  return seed;
}

/** A seeded random source for one test, its seed printed. */
export function seededTestRandom(label: string): Random {
  return seededRandom(testSeed(label));
}
