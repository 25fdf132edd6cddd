/**
 * orval's two HTTP clients, fetch and axios (npm run check:interop runs each as its own project).
 * Everything else at orval's defaults, as a team trying it would start.
 */
import { defineConfig } from "orval";

export default defineConfig({
  fetch: { input: "../../openapi.yaml", output: { target: "out/orval-fetch/client.ts", client: "fetch" } },
  axios: { input: "../../openapi.yaml", output: { target: "out/orval-axios/client.ts", client: "axios" } },
});
