/**
 * Deployed servers' authentication, with their texts: a bearer value starting `osk_` is looked up
 * as an API key, anything else as a WorkOS token (the only routes that refuse one kind are
 * /sync/sessions/list, API keys only; /api/export/evals lets API keys through and fails them
 * later, see the eval export's identity rule in mode.ts).
 */
import { OPERATIONS } from "opensync-api/contract";
import type { StepFactory } from "../../http/pipeline.js";
import { requestHeader } from "../../http/request.js";
import type { Caller, Credentials } from "../../store/credentials.js";
import { unauthorized } from "./errors.js";

const API_KEY_PREFIX = "Bearer osk_";
const BEARER_PREFIX = "Bearer ";

export const authenticateAsDeployed =
  (credentials: Credentials): StepFactory =>
  ({ key }) => {
    const accepted = OPERATIONS[key].security as readonly string[];
    if (accepted.length === 0) return undefined;
    const apiKeysOnly = !accepted.includes("WorkOSToken");
    return (request) => {
      const header = requestHeader(request.c, "authorization") ?? "";
      let caller: Caller | undefined;
      if (header.startsWith(API_KEY_PREFIX)) {
        caller = credentials.caller(header.slice(BEARER_PREFIX.length));
        if (caller?.kind !== "ApiKey") throw unauthorized("Invalid API key");
      } else if (apiKeysOnly) {
        throw unauthorized("Invalid API key format");
      } else {
        if (!header.startsWith(BEARER_PREFIX)) throw unauthorized("Missing Authorization header");
        caller = credentials.caller(header.slice(BEARER_PREFIX.length));
        // A token that is not one of ours is not a WorkOS JWT the server could verify.
        if (caller?.kind !== "WorkOSToken")
          throw unauthorized(
            "Auth failed: Error: Could not parse JWT payload. Check that the token is a valid JWT format with three " +
              "base64-encoded parts.",
          );
      }
      request.caller = caller;
      request.user = caller.user;
    };
  };
