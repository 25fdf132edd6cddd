/**
 * Global setup of the browser project: one Chromium for every browser test file of the run
 * (starting one costs seconds on a busy machine), which each file reaches through
 * launchChromium(). Without Chromium nothing starts, and the files skip or fail as chromium.ts says.
 */
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_OPTIONS, HAVE_CHROMIUM } from "./chromium.js";

export default async function setup(project: TestProject) {
  if (!HAVE_CHROMIUM) return;
  const server = await chromium.launchServer(CHROMIUM_OPTIONS);
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
