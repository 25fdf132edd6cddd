import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { CLIENT, specifier } from "./scripts/package/packages.js";

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Unit tests sit in a `unit/` folder of the area they test (`test/client/unit/retry-options.test.ts`
 * tests `src/transport/retry-options.ts`): one file per module, named after it, in-process only (no
 * sockets, child processes or browser). Everything else is an integration test.
 */
const UNIT = "test/**/unit/**/*.test.ts";
const INSTALLED = "test/package/installed/**/*.test.ts";
const BROWSER = "test/**/*.browser.test.ts";

export default defineConfig({
  resolve: {
    // The sandbox's imports of the client package are its source here (as in tsconfig.json's paths).
    alias: CLIENT.entries.map((entry) => ({
      find: new RegExp(`^${specifier(CLIENT, entry)}$`),
      replacement: source(`./${entry.source}`),
    })),
  },
  test: {
    // The budget reporter prints the slowest files and leaves their durations for `npm run test:budget`.
    reporters: ["default", "./test/support/budget-reporter.ts"],
    // Most integration files wait on child processes, servers and Chromium rather than compute;
    // vitest's default (one worker per core, less one) ran a 2-core machine's files one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [UNIT],
          // The inner loop: a unit test that needs more than a second is waiting on something real.
          testTimeout: 5_000,
          // In-process tests share one module graph per worker thread: starting a fresh VM per
          // file cost most of the run. Whatever a test changes globally is undone after it.
          pool: "threads",
          isolate: false,
          restoreMocks: true,
          unstubEnvs: true,
          unstubGlobals: true,
        },
      },
      {
        // Servers over loopback and child processes. The type tests (`*.test-d.ts`) are compiled by
        // `npm run typecheck` (an expectTypeOf that does not hold is a type error there): vitest's own
        // typecheck ran tsc over them a second time in every run.
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          // Listing an exclude replaces vitest's defaults: keep node_modules out (test/interop has its own).
          exclude: [UNIT, INSTALLED, BROWSER, "**/node_modules/**"],
        },
      },
      {
        // Headless Chromium: one for every file of the run (chromium-server.ts).
        extends: true,
        test: {
          name: "browser",
          include: [BROWSER],
          globalSetup: ["test/support/chromium-server.ts"],
        },
      },
      {
        // The packed tarballs, installed into scratch projects once per run (global-setup.ts).
        extends: true,
        test: {
          name: "installed",
          include: [INSTALLED],
          globalSetup: ["test/package/installed/global-setup.ts"],
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
