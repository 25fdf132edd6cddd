/**
 * `npm run lint`: every validator a team's CI might run on openapi.yaml, side by side (they are
 * independent, and in sequence they were most of the pipeline's time budget):
 *   Redocly     recommended-strict + the contract rules in redocly.yaml
 *   Spectral    spectral:oas + the OWASP API security ruleset (.spectral.yaml), failing on warnings
 *   swagger-parser and @seriousme/openapi-schema-validator: schema validation as two common
 *               libraries do it (each bundles its own copy of the OpenAPI 3.1 schema)
 * Each one's output is printed whole, in a fixed order; any failure fails.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Validator } from "@seriousme/openapi-schema-validator";

interface Result {
  name: string;
  code: number;
  output: string;
}

const root = fileURLToPath(new URL("../", import.meta.url));
const spec = fileURLToPath(new URL("../openapi.yaml", import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

function run(name: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(bin(name), args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ name, code: 1, output: String(e) }));
    child.on("close", (code) => resolve({ name, code: code ?? 1, output }));
  });
}

async function swaggerParser(): Promise<Result> {
  const name = "swagger-parser";
  try {
    await SwaggerParser.validate(spec);
    return { name, code: 0, output: "openapi.yaml is valid" };
  } catch (error) {
    return { name, code: 1, output: String((error as Error).message) };
  }
}

async function schemaValidator(): Promise<Result> {
  const name = "openapi-schema-validator";
  const result = await new Validator().validate(spec);
  return result.valid
    ? { name, code: 0, output: "openapi.yaml is valid" }
    : { name, code: 1, output: JSON.stringify(result.errors, null, 2) };
}

const results = await Promise.all([
  run("redocly", ["lint", "openapi.yaml"]),
  run("spectral", ["lint", "openapi.yaml", "--fail-severity=warn"]),
  swaggerParser(),
  schemaValidator(),
]);
for (const { name, code, output } of results) {
  // Redocly's "Node 20 support is ending" box is noise on every command; drop it.
  const text = output
    .split("\n")
    .filter((line) => !/[║╔╚]/.test(line))
    .join("\n")
    .trim();
  console.log(`── ${name} ${code === 0 ? "passed" : "FAILED"}\n${text}\n`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
