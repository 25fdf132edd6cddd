/**
 * Where the sandbox finds the spec it serves and validates with, and the built docs. The same
 * relative paths hold in the repository (this file is `sandbox/assets.ts`: the spec is the
 * repository's `openapi.yaml`, the docs are `npm run docs`'s `dist/docs/`) and in the published
 * package (bundled into `dist/*.js`: the package's own copy of `openapi.yaml`, and `dist/docs/`),
 * so this module must stay directly inside `sandbox/`.
 */
export const SPEC_URL = new URL("../openapi.yaml", import.meta.url);
export const DOCS_DIR = new URL("../dist/docs/", import.meta.url);
