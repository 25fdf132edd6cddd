/**
 * Where the sandbox finds the spec it serves and validates with, and the built docs: through the
 * "imports" of the package.json above the running code, so no file has to sit at a given depth.
 * In the repository (the root package.json) they are the repository's openapi.yaml and
 * `npm run docs`'s dist/docs/; in the published sandbox (packages/opensync-sandbox/package.json),
 * the spec of the opensync-api it depends on (that package's "./openapi.yaml") and its own dist/docs/.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

export const SPEC_URL = pathToFileURL(resolveSpec());

function resolveSpec(): string {
  try {
    return require.resolve("#openapi.yaml");
  } catch (cause) {
    // In the published sandbox: its dependency opensync-api is missing, or a copy without the spec.
    throw new Error("the sandbox cannot find its spec, opensync-api/openapi.yaml: reinstall opensync-sandbox", {
      cause,
    });
  }
}

/** The built docs' folder, or undefined while they are not built (asked again each time, until they are). */
export function builtDocsDir(): URL | undefined {
  try {
    return new URL("./", pathToFileURL(require.resolve("#docs/index.html")));
  } catch {
    return undefined;
  }
}
