/**
 * Injected by tsup.config.ts into the CommonJS builds only, where `import.meta.url` is rewritten
 * to `importMetaUrl`. tsup's own shim builds the URL as `file:${__filename}`, which is wrong for
 * a path holding `#`, `?` or `%` (the installed sandbox then looks for openapi.yaml at `/`);
 * pathToFileURL escapes them. esbuild leaves this file out of an output that never reads
 * import.meta.url (the client), so no node:url import reaches it.
 */
import { pathToFileURL } from "node:url";

const fileUrlOfThisModule = (): string => pathToFileURL(__filename).href;

export const importMetaUrl = /* @__PURE__ */ fileUrlOfThisModule();
