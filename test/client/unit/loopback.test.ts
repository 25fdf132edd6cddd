import { describe, expect, it } from "vitest";
import { resolveBaseUrl } from "../../../src/client/options.js";
import { isLoopback } from "../../../src/utils/loopback.js";

/** Hosts as a person passes them to the sandbox's --host, and as they appear in a URL. */
const LOOPBACK = [
  "localhost",
  "LOCALHOST",
  "localhost.",
  "api.localhost",
  "127.0.0.1",
  "127.5.6.7",
  "127.255.255.255",
  "::1",
  "[::1]",
];
const ELSEWHERE = [
  "0.0.0.0",
  "10.0.0.2",
  "192.168.1.1",
  "128.0.0.1",
  "127.0.0.1.nip.io",
  "127.example.com",
  "localhost.example.com",
  "notlocalhost",
  "::",
  "[::]",
  "::ffff:7f00:1",
  "example.com",
  "",
];

describe("isLoopback", () => {
  it.each(LOOPBACK)("%s is loopback", (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(ELSEWHERE)("%j is not", (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});

describe("the client's plain-http rule is isLoopback of the URL's host", () => {
  // A URL's host is lower-cased and bracketed (IPv6) by the URL parser; the rule sees it that way.
  const urls = [
    ...["localhost", "api.localhost", "127.0.0.1", "127.5.6.7", "[::1]"].map((host) => [host, true] as const),
    ...["0.0.0.0", "10.0.0.2", "127.0.0.1.nip.io", "127.example.com", "localhost.example.com", "[::]"].map(
      (host) => [host, false] as const,
    ),
  ];
  it.each(urls)("http://%s:8787 allowed: %s", (host, allowed) => {
    expect(isLoopback(new URL(`http://${host}:8787`).hostname)).toBe(allowed);
    const resolve = () => resolveBaseUrl({ baseUrl: `http://${host}:8787` });
    if (allowed) expect(resolve().baseUrl).toBe(`http://${host}:8787`);
    else expect(resolve).toThrow(/plain http to a non-loopback host would send the key unencrypted/);
  });
});
