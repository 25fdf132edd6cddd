/**
 * Injected by tsup.config.ts into the CommonJS builds only, where `import.meta.url` is rewritten
 * to `importMetaUrl`. tsup's own shim builds the URL as `file:${__filename}`, which is wrong for
 * a path holding `#`, `?` or `%` (the installed sandbox then looks for openapi.yaml at `/`);
 * pathToFileURL escapes them.
 *
 * node:url is required inside the function, not imported: esbuild drops the unread function from
 * an output that never reads import.meta.url (the client, its contract and schema), but it keeps
 * an import of an external module for its side effects, and a `require("url")` at the top of the
 * client's CommonJS build fails every browser bundler ("Could not resolve").
 */
declare const require: (id: "node:url") => typeof import("node:url");

const fileUrlOfThisModule = (): string => require("node:url").pathToFileURL(__filename).href;

export const importMetaUrl = /* @__PURE__ */ fileUrlOfThisModule();
