// Throughput of GET /api/v1/me (the signed-in owner of one organization and location: the session, the
// person, their rights and locations) against GET /bench/hello of the same server, measured before and after.
import { describeLoad, load, result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

interface Fixture {
  cookie: string;
}

export default async function me(ctx: BenchContext): Promise<BenchResult> {
  const server = await startBenchServer();
  try {
    const fx = await server.command<Fixture>('fixture');
    ctx.log(`server on ${server.database}, ${server.url}`);
    const hello = { url: server.url, path: '/bench/hello' };
    const meRun = { url: server.url, path: '/api/v1/me', headers: { cookie: fx.cookie } };
    if (ctx.warmup) {
      await load({ ...hello, duration: ctx.warmup });
      await load({ ...meRun, duration: ctx.warmup });
    }
    // hello brackets the measured run, so drift in the machine's load weighs on both sides of the ratio
    const before = await load({ ...hello, duration: ctx.duration });
    ctx.log(describeLoad('GET /bench/hello (before)', before));
    const m = await load({ ...meRun, duration: ctx.duration });
    ctx.log(describeLoad('GET /api/v1/me', m));
    const after = await load({ ...hello, duration: ctx.duration });
    ctx.log(describeLoad('GET /bench/hello (after)', after));
    const ok = m.statuses['200'] ?? 0;
    return result({
      name: 'GET /api/v1/me (an owner)',
      unit: 'req/s',
      baseline: { name: 'GET /bench/hello (mean of before and after)', value: (before.rps + after.rps) / 2 },
      value: m.rps,
      goal: '>= 0.5',
      details: [
        `latency p50 ${m.latencyP50} ms, p95 ${m.latencyP95} ms, p99 ${m.latencyP99} ms${ok === m.requests ? '' : `; statuses ${JSON.stringify(m.statuses)}`}`,
      ],
    });
  } finally {
    await server.stop();
  }
}
