// Throughput of POST /api/v1/auth/code for unknown emails against a bare hello-world route of the same Fastify app.
import { describeLoad, load, result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

/** A distinct loopback-range address per simulated client: 127.0.0.1, 127.0.0.2, ... (only a label, nothing is sent there). */
function clientAddress(n: number): string {
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;
}

export default async function authCode(ctx: BenchContext): Promise<BenchResult[]> {
  const server = await startBenchServer({ BENCH_CLIENT_HEADER: '1' });
  try {
    ctx.log(`server on ${server.database}, ${server.url}`);
    const hello = { url: server.url, path: '/bench/hello' };
    const run = Date.now().toString(36);
    let client = 256; // the first simulated client is 127.0.1.0
    // Every request: an email nobody has and a client address of its own, as when many people ask for codes.
    const manyClients = (tag: string) => ({
      url: server.url,
      method: 'POST' as const,
      path: '/api/v1/auth/code',
      vary: (n: number) => ({
        body: JSON.stringify({ email: `nobody-${tag}-${run}-${n}@unknown.example` }),
        headers: { 'x-bench-client': clientAddress(++client) },
      }),
    });

    if (ctx.warmup) {
      await load({ ...hello, duration: ctx.warmup });
      await load({ ...manyClients('warmup'), duration: ctx.warmup });
    }
    // The baseline brackets the measured run (before and after, averaged), so drift in the machine's load
    // during the run weighs on both sides of the ratio alike.
    const before = await load({ ...hello, duration: ctx.duration });
    ctx.log(describeLoad('GET /bench/hello (before)', before));
    const codes = await load({ ...manyClients('measure'), duration: ctx.duration });
    ctx.log(describeLoad('POST /api/v1/auth/code, unknown email, one client address per request', codes));
    const after = await load({ ...hello, duration: ctx.duration });
    ctx.log(describeLoad('GET /bench/hello (after)', after));
    const baseline = { rps: (before.rps + after.rps) / 2, latencyP50: before.latencyP50, latencyP99: Math.max(before.latencyP99, after.latencyP99) };
    // One client on one address, as a single real caller sees it: 30 codes, then 429 from the limits.
    const oneClient = await load({
      url: server.url,
      method: 'POST',
      path: '/api/v1/auth/code',
      duration: ctx.duration,
      vary: (n) => ({ body: JSON.stringify({ email: `nobody-one-${run}-${n}@unknown.example` }) }),
    });
    ctx.log(describeLoad('POST /api/v1/auth/code, unknown email, all from 127.0.0.1', oneClient));

    const accepted = codes.statuses['202'] ?? 0;
    const baselineRef = { name: 'GET /bench/hello (mean of before and after)', value: baseline.rps };
    return [
      result({
        name: 'POST /api/v1/auth/code (unknown email, 202 path)',
        unit: 'req/s',
        baseline: baselineRef,
        value: codes.rps,
        details: [
          `${accepted} of ${codes.requests} answered 202${accepted === codes.requests ? '' : ` (others: ${JSON.stringify(codes.statuses)})`}`,
          `latency p50 ${codes.latencyP50} ms, p99 ${codes.latencyP99} ms (hello: p50 ${baseline.latencyP50} ms, p99 ${baseline.latencyP99} ms)`,
        ],
      }),
      result({
        name: 'POST /api/v1/auth/code (one client address: rate-limited)',
        unit: 'req/s',
        baseline: baselineRef,
        value: oneClient.rps,
        details: [`statuses ${JSON.stringify(oneClient.statuses)} of ${oneClient.requests} requests`],
      }),
    ];
  } finally {
    await server.stop();
  }
}
