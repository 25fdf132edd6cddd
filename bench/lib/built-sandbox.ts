/**
 * The sandbox as it ships, for the benchmarks: the opensync-sandbox bin built from the current
 * source (not run through tsx, whose keepNames helper gives every named closure a defineProperty
 * call, which measurably slows a request), holding a realistic number of sessions.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Child, startChild } from "./child.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const SANDBOX_KEY = "osk_BenchKey_0123456789abcdefghijklm";
export const SEEDED_SESSIONS = 50;

/** Builds the package, then starts its bin with rate limits off; `nodeArgs` go before the script (e.g. --cpu-prof). */
export async function startBuiltSandbox(nodeArgs: string[] = []): Promise<Child & { url: string }> {
  execFileSync("npm", ["run", "-s", "build:package"], { cwd: root, stdio: "ignore" });
  const child = await startChild(
    process.execPath,
    [
      ...nodeArgs,
      `${root}packages/opensync-sandbox/dist/cli.js`,
      "--port",
      "0",
      "--no-rate-limit",
      "--api-key",
      SANDBOX_KEY,
    ],
    /listening on (http:\/\/\S+)/,
  );
  return { ...child, url: child.match[1]! };
}

/**
 * Gives the sandbox SEEDED_SESSIONS sessions. A listing of an empty store would flatter it: with
 * these, `GET /api/sessions?limit=10` pages through 50 sessions and sends 10.
 */
export async function seedSessions(url: string): Promise<void> {
  for (let i = 0; i < SEEDED_SESSIONS; i++) {
    const response = await fetch(`${url}/sync/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        externalId: `seed-${i}`,
        title: `Seeded session ${i}`,
        projectPath: "/work/app",
        model: "claude-sonnet-4",
        promptTokens: 1200 + i,
        completionTokens: 300 + i,
        cost: 0.01 * i,
      }),
    });
    if (!response.ok) throw new Error(`seeding the sandbox failed: ${response.status}`);
  }
}
