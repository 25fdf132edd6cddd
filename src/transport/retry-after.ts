/**
 * How long a response asks the client to wait, in milliseconds, or undefined when it does not
 * say so usably. `retry-after-ms` (a non-standard header some APIs send) wins over `Retry-After`,
 * which is delay-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime).
 * An HTTP date is measured from the response's own `Date` header when it has a valid one: both
 * come from the server's clock, so a client whose clock is off by minutes still waits what the
 * server asked. Without one it is measured from `now`, the client's clock.
 * Malformed, negative and past values give undefined: the caller falls back to its backoff.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  // An absent header reads as "", which no pattern below matches.
  const ms = headers.get("retry-after-ms")?.trim() ?? "";
  if (DECIMAL.test(ms)) return finite(Number(ms));
  const value = headers.get("retry-after")?.trim() ?? "";
  // delay-seconds is 1*DIGIT; decimals are not standard but common enough to honour.
  if (DECIMAL.test(value)) return finite(Number(value) * 1000);
  // An unparseable date is NaN, and NaN > 0 is false: undefined too.
  const delta = httpDate(value) - (httpDate(headers.get("date")?.trim() ?? "") || now);
  return delta > 0 ? delta : undefined;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * An HTTP date in ms, or NaN. Date.parse accepts all three HTTP-date forms, but also bare numbers
 * and other odd strings, hence the letters-and-time guard.
 */
const httpDate = (value: string) =>
  /[A-Za-z]{3}/.test(value) && /\d\d:\d\d:\d\d/.test(value) ? Date.parse(value) : Number.NaN;

/** An absurdly large delay is still a delay: clamp it so it stays a usable number. */
const finite = (ms: number) => Math.min(Math.ceil(ms), Number.MAX_SAFE_INTEGER);
