import type { Plugin } from "esbuild";

/** Keeps each bundled TypeScript module's own `import.meta.url` (own-urls.mjs). */
export declare const ownUrls: Plugin;
