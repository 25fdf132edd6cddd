import { describe, expect, it } from "vitest";
import { readCheckCommandLine } from "../../../../sandbox/check/args.js";

const refused = (complaint: string) => ({ kind: "refused", complaint });

describe("readCheckCommandLine", () => {
  it("reads every flag", () => {
    const argv = ["--base-url", "https://x.convex.site/", "--api-key", "osk_k", "--access-token", "t", "--write"];
    expect(readCheckCommandLine([...argv, "--profile", "deployed", "--json"], {})).toEqual({
      kind: "run",
      json: true,
      options: {
        baseUrl: "https://x.convex.site",
        apiKey: "osk_k",
        accessToken: "t",
        write: true,
        profile: "deployed",
      },
    });
  });

  it("takes the key from OPENSYNC_API_KEY, the contract profile, GETs only and the table by default", () => {
    expect(readCheckCommandLine(["--base-url", "http://127.0.0.1:8787"], { OPENSYNC_API_KEY: "osk_env" })).toEqual({
      kind: "run",
      json: false,
      options: { baseUrl: "http://127.0.0.1:8787", apiKey: "osk_env", write: false, profile: "contract" },
    });
  });

  it("prefers --api-key to the environment", () => {
    const line = readCheckCommandLine(["--base-url", "http://h", "--api-key", "osk_flag"], {
      OPENSYNC_API_KEY: "osk_env",
    });
    expect(line).toMatchObject({ options: { apiKey: "osk_flag" } });
  });

  it("refuses a missing or bad URL, a missing key, an unknown profile or flag, each in one line", () => {
    expect(readCheckCommandLine([], { OPENSYNC_API_KEY: "k" })).toEqual(
      refused("--base-url is required: the server to check"),
    );
    expect(readCheckCommandLine(["--base-url", "ftp://h"], { OPENSYNC_API_KEY: "k" })).toEqual(
      refused("--base-url ftp://h is not an http(s) URL"),
    );
    expect(readCheckCommandLine(["--base-url", "http://h"], {})).toEqual(
      refused("an API key is required: --api-key, or OPENSYNC_API_KEY"),
    );
    expect(readCheckCommandLine(["--base-url", "http://h", "--profile", "x"], { OPENSYNC_API_KEY: "k" })).toEqual(
      refused("--profile x is not a profile: use contract or deployed"),
    );
    const unknown = readCheckCommandLine(["--base-url", "http://h", "--delete"], { OPENSYNC_API_KEY: "k" });
    expect(unknown).toMatchObject({ kind: "refused", complaint: expect.stringContaining("--delete") });
  });

  it("answers --help", () => {
    expect(readCheckCommandLine(["--help"], {})).toEqual({ kind: "help" });
  });
});
