/**
 * `npm run lint`: Redocly (recommended-strict + the contract rules in redocly.yaml) and Spectral
 * (spectral:oas), run side by side: they are independent, and in sequence they were most of the
 * pipeline's time budget. Each one's output is printed whole, in a fixed order; any failure fails.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

function run(name: string, args: string[]): Promise<{ name: string; code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin(name), args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ name, code: 1, output: String(e) }));
    child.on("close", (code) => resolve({ name, code: code ?? 1, output }));
  });
}

const results = await Promise.all([
  run("redocly", ["lint", "openapi.yaml"]),
  run("spectral", ["lint", "openapi.yaml", "--fail-severity=warn"]),
]);
for (const { name, code, output } of results) {
  // Redocly's "Node 20 support is ending" box is noise on every command; drop it.
  const text = output.split("\n").filter((line) => !/[║╔╚]/.test(line)).join("\n").trim();
  console.log(`── ${name} ${code === 0 ? "passed" : "FAILED"}\n${text}\n`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
