// GET /api/v1/locations/:id/reports/ledger.csv over 200,000 ledger lines: the server's resident memory while it
// streams the file (against its memory just before), the time to the first byte, the whole file, a slow reader
// (backpressure) and a reader that goes away after the first bytes (the reading must stop).
import http from 'node:http';
import { LINES_PER_MONTH, type HistoryOwner } from './billing-raw.js';
import { result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

interface Fixture {
  cookie: string;
  organizationId: string;
  locationId: string;
}
interface Usage {
  rss: number;
  heapUsed: number;
  cpuMicros: number;
}

const LINES = Number(process.env.BENCH_REPORT_LINES ?? 200_000);
const OWNERS = 20;
const MB = 1024 * 1024;
const n = (v: number) => v.toLocaleString('en');
const mb = (v: number) => `${(v / MB).toFixed(1)} MB`;

interface Download {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  lines: number;
  peakRss: number;
  status: number;
}

/** Downloads a URL, polling the server's RSS every 50 ms; `pauseMs` holds the reading after the first chunk. */
function download(url: string, cookie: string, usage: () => Promise<Usage>, opts: { pauseMs?: number; abortAfterFirst?: boolean } = {}): Promise<Download> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    let lines = 0;
    let peakRss = 0;
    let polling = true;
    const poll = async () => {
      while (polling) {
        peakRss = Math.max(peakRss, (await usage()).rss);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const poller = poll();
    const req = http.get(url, { headers: { cookie } }, (res) => {
      const finish = async () => {
        polling = false;
        await poller;
        resolve({ firstByteMs, totalMs: performance.now() - t0, bytes, lines, peakRss, status: res.statusCode ?? 0 });
      };
      res.on('data', (chunk: Buffer) => {
        if (!firstByteMs) {
          firstByteMs = performance.now() - t0;
          if (opts.abortAfterFirst) {
            req.destroy();
            void finish();
            return;
          }
          if (opts.pauseMs) {
            res.pause();
            setTimeout(() => res.resume(), opts.pauseMs);
          }
        }
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => void finish());
      res.on('error', () => void finish());
    });
    req.on('error', (e) => {
      if (!opts.abortAfterFirst) reject(e);
    });
  });
}

export default async function reports(ctx: BenchContext): Promise<BenchResult[]> {
  // --expose-gc only lets the `usage` command collect on demand (to show what the heap still holds after a file)
  const flags = process.env.BENCH_SERVER_EXEC_ARGV;
  process.env.BENCH_SERVER_EXEC_ARGV = `${flags ?? ''} --expose-gc`;
  const server = await startBenchServer().finally(() => {
    if (flags === undefined) delete process.env.BENCH_SERVER_EXEC_ARGV;
    else process.env.BENCH_SERVER_EXEC_ARGV = flags;
  });
  try {
    const fx = await server.command<Fixture>('fixture');
    await server.command('seed', { organizationId: fx.organizationId, locationId: fx.locationId, count: OWNERS * 2 });
    const members = (
      await server.command<{ id: string }[]>('sql', {
        query: `select id from customers where location_id = '${fx.locationId}' and status <> 'removed' order by created_at, id limit ${OWNERS}`,
      })
    ).map((r) => r.id);
    const perOwner = Math.ceil(LINES / members.length / LINES_PER_MONTH) * LINES_PER_MONTH;
    const owners: HistoryOwner[] = members.map((customerId) => ({ customerId, lines: perOwner }));
    const seeded = await server.command<{ ms: number; rows: Record<string, number> }>('seedLedger', {
      organizationId: fx.organizationId,
      locationId: fx.locationId,
      now: new Date().toISOString(),
      owners,
    });
    const total = seeded.rows.ledger_transactions;
    ctx.log(`seeded ${n(total)} ledger lines in ${(seeded.ms / 1000).toFixed(1)} s`);
    if (server.database === 'postgres') await server.command('sql', { query: 'analyze' });
    const url = `${server.url}/api/v1/locations/${fx.locationId}/reports/ledger.csv?from=1900-01-01&to=2100-12-31`;
    const usage = (gc = false) => server.command<Usage>('usage', { gc });

    // a small report first, so the code paths are warm and the baseline memory is the steady one
    await download(url.replace('from=1900-01-01', `from=${new Date().toISOString().slice(0, 10)}`), fx.cookie, usage);
    // the first whole file (the server's heap finds its working size), then a second one; the baseline is taken
    // right after a full collection, so the growth counts everything the stream allocates until the GC takes it back
    const before = await usage(true);
    const full = await download(url, fx.cookie, usage);
    if (full.status !== 200 || full.lines !== total + 1)
      throw new Error(`the report answered ${full.status} with ${full.lines} lines for ${total} ledger lines`);
    const growthOf = (peak: number, from: Usage) => Math.max(0, peak - from.rss);
    ctx.log(
      `full: first byte ${full.firstByteMs.toFixed(0)} ms, ${mb(full.bytes)} in ${(full.totalMs / 1000).toFixed(1)} s, RSS ${mb(before.rss)} -> peak ${mb(full.peakRss)}`,
    );
    const heldAfter = await usage(true);
    const beforeAgain = await usage();
    const again = await download(url, fx.cookie, usage);
    ctx.log(
      `again: first byte ${again.firstByteMs.toFixed(0)} ms in ${(again.totalMs / 1000).toFixed(1)} s, RSS ${mb(beforeAgain.rss)} -> peak ${mb(again.peakRss)}`,
    );

    // a reader that stops for 3 s after the first bytes: backpressure must hold the server's reading back
    const beforeSlow = await usage();
    const slow = await download(url, fx.cookie, usage, { pauseMs: 3000 });
    ctx.log(`slow reader: RSS ${mb(beforeSlow.rss)} -> peak ${mb(slow.peakRss)}, ${n(slow.lines)} lines`);

    // a reader that goes away after the first bytes: the server's CPU over the next second says whether it still reads
    const aborted = await download(url, fx.cookie, usage, { abortAfterFirst: true });
    await new Promise((r) => setTimeout(r, 200));
    const a = await usage();
    await new Promise((r) => setTimeout(r, 1000));
    const b = await usage();
    const idleCpuMs = (b.cpuMicros - a.cpuMicros) / 1000;
    ctx.log(`aborted after ${aborted.firstByteMs.toFixed(0)} ms: server CPU over the next second ${idleCpuMs.toFixed(0)} ms`);

    // the largest growth of the three whole files (RSS right after a collection can still hold freed pages, so one
    // run alone may show none)
    const growth = Math.max(growthOf(full.peakRss, before), growthOf(again.peakRss, beforeAgain), growthOf(slow.peakRss, beforeSlow));
    const common = `${n(total)} ledger lines (${OWNERS} owners), ${server.database}; file ${mb(full.bytes)} streamed in ${(full.totalMs / 1000).toFixed(1)} s`;
    return [
      result({
        name: `reports/ledger.csv: server RSS growth while streaming ${n(total)} lines (largest of three files)`,
        unit: 'MB',
        baseline: { name: 'budget', value: 50 },
        value: growth / MB,
        goal: '< 1 (under 50 MB)',
        details: [
          common,
          `RSS before ${mb(before.rss)}, peak ${mb(full.peakRss)} (polled every 50 ms); the same file again: ${mb(beforeAgain.rss)} -> peak ${mb(again.peakRss)}`,
          `JS heap after a full collection: ${mb(before.heapUsed)} before the file, ${mb(heldAfter.heapUsed)} after it (nothing kept)`,
          `a reader pausing 3 s after its first bytes: peak ${mb(slow.peakRss)} from ${mb(beforeSlow.rss)}`,
          `a reader gone after its first bytes: the server used ${idleCpuMs.toFixed(0)} ms of CPU in the next second (the whole file took ${(full.totalMs / 1000).toFixed(1)} s)`,
        ],
      }),
      result({
        name: `reports/ledger.csv: first byte over ${n(total)} lines`,
        unit: 'ms',
        baseline: { name: 'budget', value: 1000 },
        value: full.firstByteMs,
        goal: '< 1 (within 1 s)',
        details: [common, `first byte of the slow reader ${slow.firstByteMs.toFixed(0)} ms, of the one that went away ${aborted.firstByteMs.toFixed(0)} ms`],
      }),
    ];
  } finally {
    await server.stop();
  }
}
