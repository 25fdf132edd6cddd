/**
 * Backoff after failed requests, per rate-limit group (failing reads do not slow writes down):
 * exponential from `baseMs` to `maxMs`, with jitter. The clock and the jitter's randomness are
 * given, so that tests drive it without waiting.
 */
export type PacedGroup = "sync" | "api";

export class Pacing {
  private readonly groups = { sync: { failures: 0, until: 0 }, api: { failures: 0, until: 0 } };

  constructor(
    private readonly backoff: { baseMs: number; maxMs: number },
    private readonly random: () => number = Math.random,
  ) {}

  /** When the group may send again after its failures (0: no backoff). */
  until(group: PacedGroup): number {
    return this.groups[group].until;
  }

  /** A request failed: back off (longer each time). */
  failed(group: PacedGroup, now: number): void {
    this.groups[group].until = now + this.delay(group);
  }

  /** An answer came: no backoff. */
  answered(group: PacedGroup): void {
    this.groups[group] = { failures: 0, until: 0 };
  }

  /** The next delay of the group (exponential, with jitter); each call counts one more failure. */
  delay(group: PacedGroup): number {
    const { baseMs, maxMs } = this.backoff;
    const nominal = Math.min(maxMs, baseMs * 2 ** Math.min(this.groups[group].failures++, 30));
    return Math.round(nominal * (1 - 0.25 * this.random()));
  }
}
