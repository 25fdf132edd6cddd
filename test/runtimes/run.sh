#!/usr/bin/env bash
# npm run test:runtimes: builds the package, installs Bun, Deno and Miniflare from this folder's
# lockfile, and runs runtimes.spec.ts (apart from npm test, which does not need them). Miniflare asks
# for Node 22 (CI's job uses it); on Node 20 it works and npm warns EBADENGINE for it.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build:package
npm ci --prefix test/runtimes --no-audit --no-fund
exec npx vitest run --config test/runtimes/vitest.config.ts
