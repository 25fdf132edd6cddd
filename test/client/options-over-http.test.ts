/**
 * Options: base URL and credential checks before any network call, environment fallbacks, the
 * .convex.cloud to .convex.site rewrite, plain-http refusal off loopback, and option validation.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, createOpenSyncClient } from "../../src/index.js";
import { EMPTY_PAGE, KEY, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => {
  reset(server);
  // The suite must not depend on the environment it runs in.
  vi.stubEnv("OPENSYNC_BASE_URL", "");
  vi.stubEnv("OPENSYNC_API_KEY", "");
});
afterEach(() => vi.unstubAllEnvs());

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";

/** The URL and Authorization a client would send, read through its own fetch option. */
async function sent(options: Parameters<typeof createOpenSyncClient>[0]) {
  const seen: Request[] = [];
  const client = createOpenSyncClient({
    ...options,
    fetch: async (input) => {
      seen.push(input as Request);
      return Response.json(EMPTY_PAGE);
    },
  });
  await client.GET("/api/sessions");
  return { url: seen[0]!.url, authorization: seen[0]!.headers.get("authorization") };
}

describe("environment fallbacks", () => {
  it("reads OPENSYNC_BASE_URL and OPENSYNC_API_KEY", async () => {
    vi.stubEnv("OPENSYNC_BASE_URL", server.url);
    vi.stubEnv("OPENSYNC_API_KEY", KEY);
    const { response } = await createOpenSyncClient().GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(server.attempts[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("options win over the environment", async () => {
    vi.stubEnv("OPENSYNC_BASE_URL", "https://elsewhere.convex.site");
    vi.stubEnv("OPENSYNC_API_KEY", `osk_${"e".repeat(32)}`);
    await createOpenSyncClient({ baseUrl: server.url, apiKey: KEY }).GET("/api/sessions");
    expect(server.attempts[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe("base URL", () => {
  it("a .convex.cloud URL becomes the matching .convex.site URL", async () => {
    expect((await sent({ baseUrl: "https://polished-penguin-622.convex.cloud", apiKey: KEY })).url).toBe(
      "https://polished-penguin-622.convex.site/api/sessions",
    );
  });

  it("keeps a path prefix and drops trailing slashes", async () => {
    expect((await sent({ baseUrl: "https://api.example.com/opensync//", apiKey: KEY })).url).toBe(
      "https://api.example.com/opensync/api/sessions",
    );
  });

  it.each([
    ["missing", undefined, /baseUrl is required/],
    ["empty", "", /baseUrl is required/],
    ["not a URL", "polished-penguin-622", /not a valid URL/],
    ["not http(s)", "ftp://example.com", /http\(s\)/],
    ["with credentials", "https://user:pw@example.com", /credentials/],
    ["with a query", "https://example.com/?x=1", /query/],
    ["plain http off loopback", "http://example.com", /allowInsecureHttp/],
  ])("%s is a ConfigurationError before any network call", (_name, baseUrl, message) => {
    expect(() =>
      createOpenSyncClient({
        baseUrl,
        apiKey: KEY,
        fetch: () => Promise.reject(new Error("no network call expected")),
      }),
    ).toThrow(ConfigurationError);
    expect(() => createOpenSyncClient({ baseUrl, apiKey: KEY })).toThrow(message);
  });

  it.each(["http://127.0.0.1:8787", "http://127.5.6.7", "http://localhost:3000", "http://[::1]:8787"])(
    "plain http to loopback %s is fine",
    (baseUrl) => {
      expect(() => createOpenSyncClient({ baseUrl, apiKey: KEY })).not.toThrow();
    },
  );

  it("plain http off loopback is allowed with allowInsecureHttp: true", () => {
    expect(() =>
      createOpenSyncClient({ baseUrl: "http://10.0.0.2:8787", apiKey: KEY, allowInsecureHttp: true }),
    ).not.toThrow();
  });
});

describe("credentials", () => {
  it.each([
    ["missing", undefined, /apiKey is required/],
    ["empty", "", /apiKey is required/],
    ["without osk_", "sk_live_0123456789abcdefghijklmnopqrstuv", /malformed/],
    ["with whitespace", `${KEY} `, /malformed/],
    ["with a newline inside", `osk_abc\ndef0123456789`, /malformed/],
    ["only the prefix", "osk_", /malformed/],
    ["not a string", 42 as unknown as string, /malformed/],
  ])("an apiKey %s is a ConfigurationError", (_name, apiKey, message) => {
    expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey })).toThrow(ConfigurationError);
    expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey })).toThrow(message);
  });

  it("accepts osk_ keys of another length (demo keys)", () => {
    expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey: "osk_sandbox_demo_key" })).not.toThrow();
  });

  it("an accessToken (JWT) is sent as the bearer instead", async () => {
    expect((await sent({ baseUrl: server.url, accessToken: JWT })).authorization).toBe(`Bearer ${JWT}`);
  });

  it("an accessToken that is not a JWT is a ConfigurationError", () => {
    expect(() => createOpenSyncClient({ baseUrl: server.url, accessToken: "not-a-jwt" })).toThrow(ConfigurationError);
  });

  it("apiKey and accessToken together are a ConfigurationError", () => {
    expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey: KEY, accessToken: JWT })).toThrow(/not both/);
  });
});

describe("other options", () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("timeoutMs %s is a ConfigurationError", (timeoutMs) => {
    expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey: KEY, timeoutMs })).toThrow(ConfigurationError);
  });

  it.each([{ maxRetries: -1 }, { baseDelayMs: Number.NaN }, { jitter: 2 }, { maxDelayMs: "5" as unknown as number }])(
    "retry %j is a ConfigurationError",
    (retry) => {
      expect(() => createOpenSyncClient({ baseUrl: server.url, apiKey: KEY, retry })).toThrow(ConfigurationError);
    },
  );

  it("the fetch option is what sends", async () => {
    const { url } = await sent({ baseUrl: "https://x.convex.site", apiKey: KEY });
    expect(url).toBe("https://x.convex.site/api/sessions");
  });
});
