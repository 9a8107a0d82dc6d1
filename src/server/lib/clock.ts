// The one injectable clock: production reads the system time, tests and `atrium sweep --at` set it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the caller moves by hand (tests, `sweep --at`). */
export class FixedClock implements Clock {
  private t: number;
  /** tickMs > 0 moves time on by that much at every reading, so events keep their order */
  constructor(
    start: Date | string = new Date(),
    private readonly tickMs = 0,
  ) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    const d = new Date(this.t);
    this.t += this.tickMs;
    return d;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(d: Date): string {
  return d.toISOString();
}

export function addMs(d: Date, ms: number): string {
  return new Date(d.getTime() + ms).toISOString();
}
