/**
 * What deployed servers' platform answers outside their routes: the one preflight route is
 * registered at the literal path `/*`, and every other method and path, real preflights
 * included, gets the platform's plain-text 404 without CORS headers (so browsers cannot call
 * them cross-origin). JSON answers carry the router's three CORS headers.
 */
import type { Context } from "hono";

export const DEPLOYED_CROSS_ORIGIN_HEADERS = [
  ["Access-Control-Allow-Origin", "*"],
  ["Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS"],
  ["Access-Control-Allow-Headers", "Authorization, Content-Type"],
] as const;

export const answerNoRoute = (c: Context) => c.text("No matching routes found", 404);

export function answerPreflightAsDeployed(c: Context): Response {
  if (new URL(c.req.url).pathname !== "/*") return answerNoRoute(c);
  return c.body(null, 204, { ...Object.fromEntries(DEPLOYED_CROSS_ORIGIN_HEADERS), "Access-Control-Max-Age": "86400" });
}
