/**
 * Whether a host is this machine's loopback, so traffic to it never leaves the machine: the one
 * rule behind the client's refusal of plain http elsewhere and the sandbox's choice of a
 * throw-away key on any other address. `localhost` and its subdomains (RFC 6761 reserves them for
 * loopback), 127.0.0.0/8, and ::1 with or without a URL's brackets; names compared without case
 * or a trailing dot.
 */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    name === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}
