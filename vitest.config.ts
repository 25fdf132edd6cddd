import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const INSTALLED = "test/package/installed/**/*.test.ts";

export default defineConfig({
  resolve: {
    // As tsconfig.json's paths: the sandbox's imports of the client package are its source here.
    alias: [
      { find: /^opensync-api$/, replacement: source("./src/index.ts") },
      { find: /^opensync-api\/schema$/, replacement: source("./src/schema.ts") },
      { find: /^opensync-api\/contract$/, replacement: source("./src/contract.ts") },
      { find: /^opensync-api\/outbox$/, replacement: source("./src/outbox/index.ts") },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "repository",
          include: ["test/**/*.test.ts"],
          // Listing an exclude replaces vitest's defaults: keep node_modules out (test/interop has its own).
          exclude: [INSTALLED, "**/node_modules/**"],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
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
