/**
 * `opensync-sandbox check`'s command line: its flags and usage, read into options or one line of
 * complaint. Pure: the environment comes in as an argument.
 */
import { parseArgs } from "node:util";
import { isProfile, PROFILES } from "./profiles.js";
import type { CheckOptions } from "./run.js";

export const CHECK_USAGE = `usage: opensync-sandbox check --base-url URL [options]

Checks that an OpenSync server answers as openapi.yaml says, and which profile it matches:
contract (the spec's contract) or deployed (deployed servers' documented behaviour).
Sends GET requests only, unless --write. Exit 0: conforms to the profile; 1: does not;
2: bad usage, the server unreachable or the key refused.

options:
  --base-url URL        the server, e.g. https://my-deployment.convex.site
  --api-key osk_...     its API key (default: the OPENSYNC_API_KEY environment variable)
  --access-token T      a WorkOS access token, to check the eval export (optional)
  --write               also check the sync routes, writing records under one prefix
                        (conformance-<time>-<random>) that stay on the server
  --profile P           contract (default) or deployed: the profile that sets the exit code
  --json                print one JSON object instead of the table
  -h, --help            print this help`;

const OPTIONS = {
  "base-url": { type: "string" },
  "api-key": { type: "string" },
  "access-token": { type: "string" },
  write: { type: "boolean" },
  profile: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export type CheckCommandLine =
  | { kind: "help" }
  | { kind: "refused"; complaint: string }
  | { kind: "run"; options: CheckOptions; json: boolean };

export function readCheckCommandLine(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CheckCommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { kind: "refused", complaint: (error as Error).message.split("\n")[0]! };
  }
  if (values.help) return { kind: "help" };
  const baseUrl = values["base-url"] as string | undefined;
  if (!baseUrl) return { kind: "refused", complaint: "--base-url is required: the server to check" };
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    return { kind: "refused", complaint: `--base-url ${baseUrl} is not an http(s) URL` };
  const apiKey = (values["api-key"] as string | undefined) ?? env.OPENSYNC_API_KEY;
  if (!apiKey) return { kind: "refused", complaint: "an API key is required: --api-key, or OPENSYNC_API_KEY" };
  const profile = (values.profile as string | undefined) ?? "contract";
  if (!isProfile(profile))
    return { kind: "refused", complaint: `--profile ${profile} is not a profile: use ${PROFILES.join(" or ")}` };
  return {
    kind: "run",
    json: values.json === true,
    options: {
      baseUrl: baseUrl.replace(/\/+$/, ""),
      apiKey,
      accessToken: values["access-token"] as string | undefined,
      write: values.write === true,
      profile,
    },
  };
}
