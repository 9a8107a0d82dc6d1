// Spaces (issue 12): the day grid of a location with 50 resources and 2,000 bookings that week against the
// customers list request of the same server (p95, one request at a time; goal <= 2), and 20 parallel booking
// attempts on one slot against one booking (wall time; goal <= 5). Data is made through the API, as an
// administrator would.
import { median, quantile, result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

interface Fixture {
  cookie: string;
  locationId: string;
  publicUrl: string;
}

const RESOURCES = 50;
const BOOKINGS = 2000;

export default async function spaces(ctx: BenchContext): Promise<BenchResult[]> {
  const server = await startBenchServer();
  try {
    const fx = await server.command<Fixture>('fixture');
    ctx.log(`server on ${server.database}, ${server.url}`);
    const headers = { cookie: fx.cookie, origin: new URL(fx.publicUrl).origin, 'content-type': 'application/json' };
    const base = `${server.url}/api/v1/locations/${fx.locationId}`;
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    };
    // the default opening hours (Monday to Friday 08:00–20:00) and grid (30 minutes)
    const patched = await call('PATCH', '', { timeZone: 'UTC', bookAheadDays: 730 });
    if (patched.status !== 200) throw new Error(`PATCH location: ${patched.status} ${JSON.stringify(patched.json)}`);
    const member = await call('POST', '/invitations', { firstName: 'Bea', email: 'bea@bench.test' });
    const customerId = member.json.customer.id as string;
    const rooms: string[] = [];
    for (let i = 0; i < RESOURCES; i++) {
      const r = await call('POST', '/resources', { type: 'meeting_room', name: `Room ${String(i + 1).padStart(2, '0')}`, pricePerHour: 0 });
      rooms.push(r.json.resource.id);
    }
    // the week starting on the Monday at least 14 days ahead, 00:00 UTC: 40 one-hour bookings per room
    // over its 7 days (an administrator books outside opening hours too)
    const weekStart = new Date(Date.now() + 14 * 86_400_000);
    weekStart.setUTCHours(0, 0, 0, 0);
    while (weekStart.getUTCDay() !== 1) weekStart.setTime(weekStart.getTime() + 86_400_000);
    const t0 = performance.now();
    let made = 0;
    for (let i = 0; i < BOOKINGS; i++) {
      const room = rooms[i % RESOURCES];
      const n = Math.floor(i / RESOURCES); // 0..39 for this room
      const start = new Date(weekStart.getTime() + (n % 7) * 86_400_000 + (6 + Math.floor(n / 7) * 2) * 3_600_000);
      const end = new Date(start.getTime() + 3_600_000);
      const res = await call('POST', '/bookings', {
        customerId,
        resourceId: room,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        paymentMethod: 'free',
      });
      if (res.status === 201) made++;
    }
    ctx.log(`${made} bookings over ${RESOURCES} rooms in ${((performance.now() - t0) / 1000).toFixed(1)} s (one at a time, through the API)`);
    // the Wednesday
    const day = new Date(weekStart.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);

    const timeOf = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: fx.cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      return performance.now() - t;
    };
    const grid = `/api/v1/portal/locations/${fx.locationId}/availability?date=${day}`;
    const list = `/api/v1/locations/${fx.locationId}/customers?type=member&limit=50`;
    for (let i = 0; i < 20; i++) {
      await timeOf(grid);
      await timeOf(list);
    }
    const gridTimes: number[] = [];
    const listTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      listTimes.push(await timeOf(list));
      gridTimes.push(await timeOf(grid));
    }
    const gridP95 = quantile(gridTimes, 0.95);
    const listP95 = quantile(listTimes, 0.95);

    // one booking, then 20 at once on one slot, each on a fresh slot of a fresh day
    const single: number[] = [];
    const burst: number[] = [];
    const reps = 5;
    for (let rep = 0; rep < reps; rep++) {
      const dayStart = new Date(weekStart.getTime() + (10 + rep) * 86_400_000);
      const slot = (h: number) => ({
        startsAt: new Date(dayStart.getTime() + h * 3_600_000).toISOString(),
        endsAt: new Date(dayStart.getTime() + (h + 1) * 3_600_000).toISOString(),
      });
      let t = performance.now();
      const one = await call('POST', '/bookings', { customerId, resourceId: rooms[0], ...slot(8), paymentMethod: 'free' });
      single.push(performance.now() - t);
      if (one.status !== 201) throw new Error(`one booking: ${one.status}`);
      t = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => call('POST', '/bookings', { customerId, resourceId: rooms[1], ...slot(8), paymentMethod: 'free' })),
      );
      burst.push(performance.now() - t);
      const created = answers.filter((a) => a.status === 201).length;
      if (created !== 1) throw new Error(`20 attempts on one slot made ${created} bookings`);
    }
    return [
      result({
        name: `day grid, ${RESOURCES} resources with ${BOOKINGS} bookings that week (p95, one at a time)`,
        unit: 'ms',
        baseline: { name: 'customers list p95, one at a time', value: listP95 },
        value: gridP95,
        goal: '<= 2',
        details: [`grid p50 ${quantile(gridTimes, 0.5).toFixed(1)} ms, list p50 ${quantile(listTimes, 0.5).toFixed(1)} ms`],
      }),
      result({
        name: '20 parallel booking attempts on one slot (wall time; exactly one booked)',
        unit: 'ms',
        baseline: { name: 'one booking', value: median(single) },
        value: median(burst),
        goal: '<= 5',
        details: [`medians of ${reps}: one ${median(single).toFixed(1)} ms, twenty ${median(burst).toFixed(1)} ms`],
      }),
    ];
  } finally {
    await server.stop();
  }
}
