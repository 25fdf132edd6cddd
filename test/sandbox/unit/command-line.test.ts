import { describe, expect, it } from "vitest";
import { apiKeysFor, DEFAULT_PORT, readCommandLine, USAGE } from "../../../sandbox/cli/command-line.js";
import { isLoopback } from "../../../src/utils/loopback.js";

const refused = (complaint: string) => ({ kind: "refused", complaint });

describe("readCommandLine", () => {
  it("starts on 127.0.0.1:8787 with seed 1, no faults, rate limits on, the contract's error shape and the contract's mode by default", () => {
    expect(readCommandLine([])).toEqual({
      kind: "start",
      log: false,
      options: {
        host: "127.0.0.1",
        port: DEFAULT_PORT,
        seed: 1,
        apiKeys: undefined,
        demo: false,
        faults: { rate: 0 },
        rateLimits: undefined,
        legacyErrors: false,
        noEmbeddings: false,
        deployed: false,
      },
    });
    expect(DEFAULT_PORT).toBe(8787);
  });

  it("passes every flag on", () => {
    const argv = [
      "--demo",
      "--port",
      "0",
      "--host",
      "0.0.0.0",
      "--api-key",
      "osk_abcdefgh12345678",
      "--api-key=osk_ZZZZZZZZ_-",
      "--fault-rate",
      "0.25",
      "--seed",
      "4294967295",
      "--no-rate-limit",
      "--legacy-errors",
      "--deployed",
      "--log",
      "--no-embeddings",
    ];
    expect(readCommandLine(argv)).toEqual({
      kind: "start",
      keyOrigin: "--api-key",
      log: true,
      options: {
        host: "0.0.0.0",
        port: 0,
        seed: 4294967295,
        apiKeys: ["osk_abcdefgh12345678", "osk_ZZZZZZZZ_-"],
        demo: true,
        faults: { rate: 0.25 },
        rateLimits: false,
        legacyErrors: true,
        deployed: true,
        noEmbeddings: true,
      },
    });
  });

  it.each([["-h"], ["--help"], ["--port", "x", "--help"]])(
    "asks for help with %s, before checking other values",
    (...argv) => {
      expect(readCommandLine(argv)).toEqual({ kind: "help" });
    },
  );

  it.each<[string[], string]>([
    [["--port", "65536"], '--port must be a whole number from 0 to 65535, not "65536" (0 picks a free port)'],
    [["--port", "80.5"], '--port must be a whole number from 0 to 65535, not "80.5" (0 picks a free port)'],
    [["--port", "abc"], '--port must be a whole number from 0 to 65535, not "abc" (0 picks a free port)'],
    [["--port", " "], '--port must be a whole number from 0 to 65535, not " " (0 picks a free port)'],
    [
      ["--seed=-1"],
      '--seed must be a whole number from 0 to 4294967295, not "-1" (the same seed replays the same ids and faults)',
    ],
    [
      ["--seed", "4294967296"],
      '--seed must be a whole number from 0 to 4294967295, not "4294967296" (the same seed replays the same ids and ' +
        "faults)",
    ],
    [["--fault-rate", "1.5"], '--fault-rate must be a number from 0 to 1, not "1.5" (0.2 faults one request in five)'],
    [["--fault-rate", ""], '--fault-rate must be a number from 0 to 1, not "" (0.2 faults one request in five)'],
    [
      ["--fault-rate", "Infinity"],
      '--fault-rate must be a number from 0 to 1, not "Infinity" (0.2 faults one request in five)',
    ],
    [
      ["--host", "  "],
      "--host is empty: give an address to listen on, such as 127.0.0.1 (this machine) or 0.0.0.0 (every interface)",
    ],
    [["--fault_rate", "0.1"], "unknown option --fault_rate: did you mean --fault-rate? see the options below"],
    [["--rate-limit"], "unknown option --rate-limit: did you mean --no-rate-limit? see the options below"],
    [["--colour"], "unknown option --colour: see the options below"],
    [["-x"], "unknown option -x: see the options below"],
    [["8080"], 'unexpected argument "8080": every setting is a --flag (for a port, --port 8080)'],
    [["--port"], '--port needs a value: write --port <value> (a value that starts with "-" as --port=<value>)'],
    [["--port", "-5"], '--port needs a value: write --port <value> (a value that starts with "-" as --port=<value>)'],
    [["--demo=yes"], "--demo takes no value: write --demo alone to turn it on"],
  ])("refuses %j: %s", (argv, complaint) => {
    expect(readCommandLine(argv)).toEqual(refused(complaint));
  });

  it("refuses a key the client would refuse, in the client's words, without echoing it", () => {
    const result = readCommandLine(["--api-key", "osk_short"]);
    expect(result).toEqual(
      refused(
        "--api-key would be refused by the opensync-api client, which says: apiKey is malformed: expected osk_ " +
          "followed by letters, digits, _ or - (36 characters in all). Pass a key of that shape, or leave --api-key " +
          "out for a demo key",
      ),
    );
  });

  it("checks every key given, not only the first", () => {
    expect(readCommandLine(["--api-key", "osk_abcdefgh12345678", "--api-key", "secret value"]).kind).toBe("refused");
  });
});

describe("USAGE", () => {
  it("lists every flag readCommandLine knows", () => {
    for (const flag of [
      "--demo",
      "--port N",
      "--host H",
      "--api-key",
      "--fault-rate R",
      "--seed N",
      "--no-rate-limit",
      "--legacy-errors",
      "-h, --help",
    ])
      expect(USAGE).toContain(flag);
  });
});

describe("OPENSYNC_API_KEY", () => {
  const KEY = "osk_fromTheEnvironment_0123456789ab";

  it("is the key when --api-key is absent, and named as its origin", () => {
    const command = readCommandLine([], { OPENSYNC_API_KEY: KEY });
    expect(command).toMatchObject({ kind: "start", keyOrigin: "OPENSYNC_API_KEY", options: { apiKeys: [KEY] } });
  });

  it("gives way to --api-key", () => {
    const command = readCommandLine(["--api-key", "osk_abcdefgh12345678"], { OPENSYNC_API_KEY: KEY });
    expect(command).toMatchObject({ keyOrigin: "--api-key", options: { apiKeys: ["osk_abcdefgh12345678"] } });
  });

  it("is refused, naming the variable and not the value, when the client would refuse it", () => {
    const command = readCommandLine([], { OPENSYNC_API_KEY: "osk_short" });
    expect(command.kind).toBe("refused");
    const { complaint } = command as { complaint: string };
    expect(complaint).toMatch(/^OPENSYNC_API_KEY would be refused/);
    expect(complaint).not.toContain("osk_short");
  });
});

describe("apiKeysFor", () => {
  const made = () => "osk_made";

  it.each(["127.0.0.1", "127.1.2.3", "localhost", "dev.localhost", "::1", "[::1]"])(
    "on loopback %s, none: the seeded demo key will do",
    (host) => {
      expect(apiKeysFor(host, undefined, made)).toBeUndefined();
    },
  );

  it.each(["0.0.0.0", "::", "192.168.1.10", "127.0.0.1.nip.io", "sandbox.example.com"])(
    "on %s, one unguessable key",
    (host) => {
      expect(apiKeysFor(host, undefined, made)).toEqual(["osk_made"]);
    },
  );

  it("the keys given, wherever it listens", () => {
    expect(apiKeysFor("0.0.0.0", ["osk_given"], made)).toEqual(["osk_given"]);
    expect(apiKeysFor("127.0.0.1", ["osk_given"], made)).toEqual(["osk_given"]);
  });

  it("decides loopback as the client does", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "0.0.0.0", "10.1.1.1", "127.x"]) {
      expect(apiKeysFor(host, undefined, made) === undefined, host).toBe(isLoopback(host));
    }
  });

  it("makes a key the client accepts, different each time", () => {
    const [first] = apiKeysFor("0.0.0.0", undefined)!;
    const [second] = apiKeysFor("0.0.0.0", undefined)!;
    expect(first).toMatch(/^osk_[\w-]{32}$/);
    expect(second).not.toBe(first);
    expect(readCommandLine(["--api-key", first!]).kind).toBe("start");
  });
});
