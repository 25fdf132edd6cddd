import { defineConfig } from "@kubb/core";
import { pluginOas } from "@kubb/plugin-oas";
import { pluginTs } from "@kubb/plugin-ts";
import { pluginZod } from "@kubb/plugin-zod";

export default defineConfig({
  root: ".",
  input: { path: "../../openapi.yaml" },
  // No formatter: the check compiles the output as generated.
  output: { path: "./out/kubb", clean: true, format: false },
  plugins: [pluginOas({ validate: true, generators: [] }), pluginTs(), pluginZod()],
});
