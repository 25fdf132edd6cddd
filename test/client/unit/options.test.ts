/**
 * The client's options, checked before any network call: the base URL (and the path it carries)
 * and the credential, with their environment fallbacks. No message ever echoes a key.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveBaseUrl, resolveCredential, resolveLog } from "../../../src/client/options.js";
import { ConfigurationError } from "../../../src/errors/configuration-error.js";
import { thrown } from "../../support/thrown.js";

const KEY = "osk_TestKey0123456789abcdefghijKLMN";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";

beforeEach(() => {
  vi.stubEnv("OPENSYNC_BASE_URL", "");
  vi.stubEnv("OPENSYNC_API_KEY", "");
});
afterEach(() => vi.unstubAllEnvs());

/** The ConfigurationError a call throws (a failure if it returns). */
const refusal = (run: () => unknown) => thrown(ConfigurationError, run);

describe("resolveBaseUrl", () => {
  it.each([
    ["https://x.convex.site", "https://x.convex.site", ""],
    ["https://x.convex.site/", "https://x.convex.site", ""],
    ["https://api.example.com/opensync//", "https://api.example.com/opensync", "/opensync"],
    ["https://polished-penguin-622.convex.cloud", "https://polished-penguin-622.convex.site", ""],
    ["HTTPS://API.Example.COM:443/v1", "https://api.example.com/v1", "/v1"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787", ""],
    ["http://localhost:3000/base/", "http://localhost:3000/base", "/base"],
  ])("%s is %s, base path %j", (given, baseUrl, basePath) => {
    expect(resolveBaseUrl({ baseUrl: given })).toEqual({ baseUrl, basePath });
  });

  it("falls back to OPENSYNC_BASE_URL; the option wins", () => {
    vi.stubEnv("OPENSYNC_BASE_URL", "https://env.convex.site");
    expect(resolveBaseUrl({}).baseUrl).toBe("https://env.convex.site");
    expect(resolveBaseUrl({ baseUrl: "https://option.convex.site" }).baseUrl).toBe("https://option.convex.site");
  });

  it.each([
    ["missing", undefined, "baseUrl is required: pass { baseUrl } or set OPENSYNC_BASE_URL"],
    ["empty", "", "baseUrl is required: pass { baseUrl } or set OPENSYNC_BASE_URL"],
    ["not a URL", "polished-penguin-622", 'baseUrl is not a valid URL: "polished-penguin-622"'],
    ["not http(s)", "ftp://example.com", "baseUrl must be http(s), not ftp:"],
    ["with credentials", "https://user:pw@example.com", "baseUrl must not carry credentials, a query or a fragment"],
    ["with a query", "https://example.com/?x=1", "baseUrl must not carry credentials, a query or a fragment"],
    ["with a fragment", "https://example.com/#x", "baseUrl must not carry credentials, a query or a fragment"],
  ])("refuses one %s", (_name, baseUrl, message) => {
    expect(refusal(() => resolveBaseUrl({ baseUrl })).message).toBe(message);
  });

  it("refuses plain http off loopback unless allowInsecureHttp, saying why", () => {
    expect(refusal(() => resolveBaseUrl({ baseUrl: "http://10.0.0.2:8787" })).message).toBe(
      "baseUrl http://10.0.0.2:8787: plain http to a non-loopback host would send the key unencrypted. Use https, " +
        "or pass allowInsecureHttp: true",
    );
    expect(resolveBaseUrl({ baseUrl: "http://10.0.0.2:8787", allowInsecureHttp: true }).baseUrl).toBe(
      "http://10.0.0.2:8787",
    );
  });

  it("does not echo a key or a token given as the URL", () => {
    expect(refusal(() => resolveBaseUrl({ baseUrl: KEY })).message).not.toContain(KEY);
    expect(refusal(() => resolveBaseUrl({ baseUrl: JWT, accessToken: JWT })).message).not.toContain(JWT);
  });

  it("echoes at most 200 characters of a bad URL", () => {
    expect(refusal(() => resolveBaseUrl({ baseUrl: "x".repeat(1000) })).message).toBe(
      `baseUrl is not a valid URL: "${"x".repeat(200)}"`,
    );
  });
});

describe("resolveCredential", () => {
  it("is the API key, or OPENSYNC_API_KEY without one", () => {
    expect(resolveCredential({ apiKey: KEY })).toBe(KEY);
    vi.stubEnv("OPENSYNC_API_KEY", KEY);
    expect(resolveCredential({})).toBe(KEY);
  });

  it("is the access token when one is given instead, the environment's key ignored", () => {
    vi.stubEnv("OPENSYNC_API_KEY", KEY);
    expect(resolveCredential({ accessToken: JWT })).toBe(JWT);
  });

  it("accepts osk_ keys of another length (demo keys)", () => {
    expect(resolveCredential({ apiKey: "osk_sandbox_demo_key" })).toBe("osk_sandbox_demo_key");
  });

  it.each([
    ["missing", undefined, "apiKey is required: pass { apiKey } or set OPENSYNC_API_KEY"],
    ["empty", "", "apiKey is required: pass { apiKey } or set OPENSYNC_API_KEY"],
    ["without osk_", "sk_live_0123456789abcdefghijklmnopqrstuv", "malformed"],
    ["with whitespace", `${KEY} `, "malformed"],
    ["with a newline inside", "osk_abc\ndef0123456789", "malformed"],
    ["too short", "osk_1234567", "malformed"],
    ["not a string", 42 as unknown as string, "malformed"],
  ])("refuses an apiKey %s, never echoing it", (_name, apiKey, message) => {
    const error = refusal(() => resolveCredential({ apiKey }));
    expect(error.message).toContain(message);
    if (typeof apiKey === "string" && apiKey) expect(error.message).not.toContain(apiKey.trim());
  });

  it("refuses an access token that is not a JWT, and both credentials at once", () => {
    expect(refusal(() => resolveCredential({ accessToken: "not-a-jwt" })).message).toBe(
      "accessToken is not a JWT (three base64url parts separated by dots)",
    );
    expect(refusal(() => resolveCredential({ apiKey: KEY, accessToken: JWT })).message).toBe(
      "pass apiKey or accessToken, not both",
    );
  });
});

describe("resolveCredential in a browser page", () => {
  beforeEach(() => vi.stubGlobal("document", {}));

  it("refuses an apiKey, saying why and how to allow it, without echoing it", () => {
    const error = refusal(() => resolveCredential({ apiKey: KEY }));
    expect(error.message).toMatch(/browser page.*dangerouslyAllowBrowser: true/);
    expect(error.message).not.toContain(KEY);
  });

  it("allows an apiKey with dangerouslyAllowBrowser, and an accessToken always", () => {
    expect(resolveCredential({ apiKey: KEY, dangerouslyAllowBrowser: true })).toBe(KEY);
    expect(resolveCredential({ accessToken: JWT })).toBe(JWT);
  });
});

describe("resolveLog", () => {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  beforeEach(() => vi.stubEnv("OPENSYNC_LOG", ""));

  it("is nothing without a logger or OPENSYNC_LOG, and with logLevel silent", () => {
    expect(resolveLog({})).toBeUndefined();
    expect(resolveLog({ logger, logLevel: "silent" })).toBeUndefined();
  });

  it("sends events at or above the level (info by default) to the logger", () => {
    const log = resolveLog({ logger })!;
    log("debug", { path: "/api/stats" }, "call");
    log("info", { attempt: 1 }, "retrying");
    log("warn", { attempt: 4 }, "giving up");
    expect(logger.debug).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith({ attempt: 1 }, "retrying");
    expect(logger.warn).toHaveBeenCalledWith({ attempt: 4 }, "giving up");
  });

  it("OPENSYNC_LOG sets the level and, without a logger, turns on the console logger (stderr)", () => {
    vi.stubEnv("OPENSYNC_LOG", "debug");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    resolveLog({})!("debug", { method: "GET", path: "/api/stats", status: 200 }, "call");
    expect(error).toHaveBeenCalledWith('opensync-api debug: call {"method":"GET","path":"/api/stats","status":200}');
    resolveLog({ logger })!("debug", { attempt: 1 }, "call");
    expect(logger.debug).toHaveBeenCalledWith({ attempt: 1 }, "call");
  });

  it("refuses an unknown level", () => {
    expect(refusal(() => resolveLog({ logger, logLevel: "verbose" as never })).message).toMatch(/logLevel/);
    vi.stubEnv("OPENSYNC_LOG", "loud");
    expect(refusal(() => resolveLog({})).message).toMatch(/logLevel/);
  });
});
