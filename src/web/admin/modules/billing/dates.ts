// Calendar days for billing forms, in the location's time zone (never the browser's): today as the API's
// YYYY-MM-DD, and the instant a lot of credits or day passes chosen to last through a day expires.

const DAY_MS = 86_400_000;

const clocks = new Map<string, Intl.DateTimeFormat>();
const clockOf = (timeZone: string) => {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clocks.set(timeZone, f);
  }
  return f;
};

/** The wall-clock reading of an instant in a time zone, as milliseconds of a UTC date with the same fields. */
function wallClock(instant: number, timeZone: string): number {
  const parts = clockOf(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** The local date of an instant in a time zone, YYYY-MM-DD. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  const wall = new Date(wallClock(new Date(instant).getTime(), timeZone));
  return wall.toISOString().slice(0, 10);
}

export function todayIn(timeZone: string): string {
  return localDateOf(new Date(), timeZone);
}

/** The calendar day after a YYYY-MM-DD. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant of a local day in a time zone: its midnight, or, where the clocks skip midnight, the
 * moment they jump to (as the server's luxon reckons it).
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const target = Date.parse(`${day}T00:00:00Z`);
  let instant = target;
  // the zone's offset at the guess, twice: once more settles a guess that crossed a change of offset
  for (let i = 0; i < 2; i++) instant = target - (wallClock(instant, timeZone) - instant);
  const wall = wallClock(instant, timeZone);
  // in a skipped hour the guess reads the day before: the day starts when the clocks jump
  if (wall < target) instant += target - wall;
  return new Date(instant);
}

/**
 * When credits or day passes that may be used through `lastDay` expire: at the end of that local day, the
 * next local midnight, as the server's lots of a period expire.
 */
export function expiryAfter(lastDay: string, timeZone: string): string {
  return startOfLocalDay(nextDay(lastDay), timeZone).toISOString();
}

/** The last local day on which something that expires at `expiresAt` can still be used. */
export function lastDayBefore(expiresAt: string, timeZone: string): string {
  return localDateOf(new Date(Date.parse(expiresAt) - 1), timeZone);
}
