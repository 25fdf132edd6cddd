#!/usr/bin/env bash
# npm run test:runtimes: builds the package, installs Bun, Deno and Miniflare from this folder's
# lockfile, and runs runtimes.spec.ts (apart from npm test, which does not need them). Miniflare asks
# for Node 22 (CI's job uses it); on Node 20 it works and npm warns EBADENGINE for it.
# `-- --built` uses the package as it is: .ci/run passes it right after npm test has built it.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  --built) ;;
  "") npm run build:package ;;
  *) echo "usage: npm run test:runtimes [-- --built]" >&2; exit 2 ;;
esac
npm ci --prefix test/runtimes --no-audit --no-fund
exec npx vitest run --config test/runtimes/vitest.config.ts
