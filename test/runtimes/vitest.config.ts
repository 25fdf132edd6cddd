import { defineConfig } from "vitest/config";

/** `npm run test:runtimes`: the client on Bun, Deno and workerd (runtimes.spec.ts), apart from `npm test`. */
export default defineConfig({
  test: {
    include: ["test/runtimes/runtimes.spec.ts"],
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
