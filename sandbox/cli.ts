/**
 * opensync-sandbox: runs the sandbox until interrupted and prints where it is.
 *   --port N (default 8787)   --host H (default 127.0.0.1)   --api-key osk_... (repeatable)
 *   --fault-rate 0..1   --seed N   --no-rate-limit   --legacy-errors
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startSandbox } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string", multiple: true },
    "fault-rate": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    "no-rate-limit": { type: "boolean", default: false },
    "legacy-errors": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("usage: opensync-sandbox [--port 8787] [--host 127.0.0.1] [--api-key osk_...] [--fault-rate 0.3] [--seed 1] [--no-rate-limit] [--legacy-errors]");
  process.exit(0);
}

const number = (name: string, raw: string, min: number, max: number) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};

// The default demo key comes from the seed, so it is the same on every run: fine on loopback, not
// on an address other machines can reach. There, without --api-key, make an unguessable one.
const loopback = /^(127\.|::1$|localhost$|\[::1\]$)/.test(values.host);
const apiKeys = values["api-key"] ?? (loopback ? undefined : [`osk_${randomBytes(24).toString("base64url")}`]);

const sandbox = await startSandbox({
  host: values.host,
  port: number("port", values.port, 0, 65535),
  apiKeys,
  seed: number("seed", values.seed, 0, 2 ** 32),
  faults: { rate: number("fault-rate", values["fault-rate"], 0, 1) },
  rateLimits: values["no-rate-limit"] ? false : undefined,
  legacyErrors: values["legacy-errors"],
});

console.log(`OpenSync sandbox listening on ${sandbox.url}`);
console.log(`API docs:     ${sandbox.url}/docs/`);
console.log(`Spec:         ${sandbox.url}/openapi.yaml`);
console.log(`Demo API key: ${sandbox.apiKey}`);
console.log(`Try: curl -H "Authorization: Bearer ${sandbox.apiKey}" ${sandbox.url}/api/stats`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
