// Content (issue 13): the portal feed of a location holding 10,000 posts against the same request at a location
// of 100 posts, on one server (p95, one request at a time; goal <= 1.5): the feed index follows the feed's order
// (pinned, then publishedAt, newest first), so a page costs the same however many posts lie behind it. A page
// further down (through its cursor) is timed too. The first post of each kind is written through the API (the
// server renders its Markdown); the rest are copies of it inserted in batches, with their own times and levels.
import { quantile, result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

interface Fixture {
  cookie: string;
  organizationId: string;
  locationId: string;
  ownerUserId: string;
  publicUrl: string;
}

const SMALL = 100;
const LARGE = 10_000;
const BODY = [
  'The **kitchen** gets a new coffee machine on Monday: bring your own mug for the first tasting.',
  '',
  '- Tasting at 10:00 in the lounge',
  '- Oat milk and cow’s milk on the shelf',
  '- Questions? Write to [the team](mailto:team@example.com) or read [the guide](https://example.com/coffee).',
  '',
  'Thanks to everyone who voted in the survey last month.',
].join('\n');
const LEVELS = ['location_members', 'network_members', 'public', 'administrators'];

const quote = (v: string | number | null) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

export default async function feed(ctx: BenchContext): Promise<BenchResult[]> {
  const server = await startBenchServer();
  try {
    const fx = await server.command<Fixture>('fixture');
    ctx.log(`server on ${server.database}, ${server.url}`);
    const origin = new URL(fx.publicUrl).origin;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { cookie: fx.cookie, origin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const large = (await call('POST', '/locations', { name: 'Large Hall', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' })).location.id as string;
    const small = fx.locationId;

    // one post through the API for its rendered HTML, then the rest straight into the table
    const model = (await call('POST', `/locations/${small}/posts`, { kind: 'post', title: 'Coffee machine', body: BODY, visibility: 'public' })).post;
    const fill = async (locationId: string, count: number) => {
      const t = performance.now();
      const now = Date.now();
      const columns =
        'id, organization_id, location_id, kind, title, body, body_html, visibility, pinned, published_at, slug, author_user_id, created_at, updated_at';
      for (let from = 0; from < count; from += 500) {
        const rows: string[] = [];
        for (let i = from; i < Math.min(count, from + 500); i++) {
          // one post every 37 minutes back in time; 3 pinned; 1 in 100 a draft, 1 in 100 scheduled
          const at = new Date(now - (i + 1) * 37 * 60_000).toISOString();
          const publishedAt = i % 100 === 7 ? null : i % 100 === 8 ? new Date(now + 86_400_000).toISOString() : at;
          const id = `${locationId.slice(0, 8)}-bench-${String(i).padStart(6, '0')}`;
          const values = [
            id,
            fx.organizationId,
            locationId,
            'post',
            `Coffee machine ${i}`,
            model.body,
            model.bodyHtml,
            LEVELS[i % 4],
            i < 3 ? 1 : 0,
            publishedAt,
            null,
            fx.ownerUserId,
            at,
            at,
          ];
          rows.push(`(${values.map(quote).join(', ')})`);
        }
        await server.command('sql', { query: `insert into posts (${columns}) values ${rows.join(', ')}` });
      }
      ctx.log(`${count} posts at ${locationId === large ? 'the large' : 'the small'} location in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    await fill(small, SMALL - 1);
    await fill(large, LARGE);
    if (server.database.toLowerCase().includes('postgres')) await server.command('sql', { query: 'analyze posts' });

    const feedOf = (locationId: string, cursor?: string) =>
      `/api/v1/portal/locations/${locationId}/feed?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const timeOf = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: fx.cookie } });
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      if (res.status !== 200 || body.items.length !== 20) throw new Error(`GET ${path}: ${res.status}, ${body.items?.length} items`);
      return { ms: performance.now() - t, next: body.nextCursor };
    };
    // a cursor 10 pages down the large feed
    let deep: string | undefined;
    for (let i = 0; i < 10; i++) deep = (await timeOf(feedOf(large, deep))).next ?? undefined;
    const paths = { small: feedOf(small), large: feedOf(large), deep: feedOf(large, deep) };
    for (let i = 0; i < 20; i++) for (const p of Object.values(paths)) await timeOf(p);
    const times: Record<keyof typeof paths, number[]> = { small: [], large: [], deep: [] };
    for (let i = 0; i < 200; i++) for (const [k, p] of Object.entries(paths)) times[k as keyof typeof paths].push((await timeOf(p)).ms);
    const p95 = (k: keyof typeof paths) => quantile(times[k], 0.95);
    const p50 = (k: keyof typeof paths) => quantile(times[k], 0.5).toFixed(1);
    const baseline = { name: `feed of ${SMALL} posts p95 (first page of 20)`, value: p95('small') };
    return [
      result({
        name: `feed of ${LARGE.toLocaleString('en')} posts (p95, first page of 20, one at a time)`,
        unit: 'ms',
        baseline,
        value: p95('large'),
        goal: '<= 1.5',
        details: [`p50: ${SMALL} posts ${p50('small')} ms, ${LARGE} posts ${p50('large')} ms`],
      }),
      result({
        name: `feed of ${LARGE.toLocaleString('en')} posts, 11th page through its cursor (p95)`,
        unit: 'ms',
        baseline,
        value: p95('deep'),
        goal: '<= 1.5',
        details: [`p50 ${p50('deep')} ms`],
      }),
    ];
  } finally {
    await server.stop();
  }
}
