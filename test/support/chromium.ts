/**
 * Debian's Chromium, driven by playwright-core, for the browser tests. Nothing is downloaded:
 * without /usr/bin/chromium (or CHROMIUM_PATH) the browser tests are skipped with a clear line,
 * except under CI=true, where a missing browser is a failure. The browser project starts one
 * Chromium for all its files (chromium-server.ts); each file connects to it.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { describe, inject, it } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's websocket endpoint, when chromium-server.ts started one. */
    chromiumEndpoint?: string;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = !!process.env.CI && process.env.CI !== "false";

/** Headless, as root, and quiet: without the background-networking flags Chromium calls Google. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--no-first-run",
  "--disable-quic",
];

export const CHROMIUM_OPTIONS = { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS };

/**
 * The shared Chromium when the run started one (closing it then only disconnects), else a
 * Chromium of this file's own.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject("chromiumEndpoint");
  return endpoint ? chromium.connect(endpoint) : chromium.launch(CHROMIUM_OPTIONS);
}

/** Declares the skip line, or the CI failure, for a suite that needs the browser. */
export function requireChromium(suite: string) {
  if (!HAVE_CHROMIUM && !IN_CI)
    console.log(
      `skipped: no Chromium for ${suite} (looked for ${CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH)`,
    );
  describe.runIf(!HAVE_CHROMIUM && IN_CI)(`${suite} (CI)`, () => {
    it("has a browser to run in", () => {
      throw new Error(
        `CI=true but no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    });
  });
}
