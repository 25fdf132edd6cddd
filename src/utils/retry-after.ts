/**
 * How long a response asks the client to wait, in milliseconds, or undefined when it does not
 * say so usably. `retry-after-ms` (a non-standard header some APIs send) wins over `Retry-After`,
 * which is delay-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime).
 * Malformed, negative and past values give undefined: the caller falls back to its backoff.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  // An absent header reads as "", which no pattern below matches.
  const ms = headers.get("retry-after-ms")?.trim() ?? "";
  if (DECIMAL.test(ms)) return finite(Number(ms));
  const value = headers.get("retry-after")?.trim() ?? "";
  // delay-seconds is 1*DIGIT; decimals are not standard but common enough to honour.
  if (DECIMAL.test(value)) return finite(Number(value) * 1000);
  // Date.parse accepts all three HTTP-date forms, but also bare numbers and other odd strings,
  // hence the letters-and-time guard.
  if (!/[A-Za-z]{3}/.test(value) || !/\d\d:\d\d:\d\d/.test(value)) return undefined;
  // An unparseable date is NaN, and NaN > 0 is false: undefined too.
  const delta = Date.parse(value) - now;
  return delta > 0 ? delta : undefined;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** An absurdly large delay is still a delay: clamp it so it stays a usable number. */
const finite = (ms: number) => Math.min(Math.ceil(ms), Number.MAX_SAFE_INTEGER);
