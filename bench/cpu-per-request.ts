// `npx tsx bench/cpu-per-request.ts`: the bench server's own CPU time per request (user + system, from
// process.cpuUsage) for GET /bench/hello and GET /api/v1/me, alternating, 4 runs of BENCH_DURATION s (default 5) each.
// On a shared machine throughput swings with the neighbours' load; the CPU a request costs the server swings much less,
// so this is how a change to the request path was compared before and after (docs/benchmarks.md).
import { load, median, startBenchServer } from './lib.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const server = await startBenchServer();
try {
  const fx = await server.command<{ cookie: string }>('fixture');
  const cpu = async () => (await server.command<{ cpuMicros: number }>('usage')).cpuMicros;
  const runs: Record<string, number[]> = { hello: [], me: [] };
  const targets = { hello: { path: '/bench/hello' }, me: { path: '/api/v1/me', headers: { cookie: fx.cookie } } };
  await load({ url: server.url, ...targets.me, duration: 2 });
  for (let i = 0; i < 4; i++) {
    for (const name of ['hello', 'me'] as const) {
      const before = await cpu();
      const r = await load({ url: server.url, ...targets[name], duration: DURATION });
      const used = (await cpu()) - before;
      runs[name].push(used / r.requests);
    }
  }
  const h = median(runs.hello);
  const m = median(runs.me);
  console.log(`server CPU per request, median of 4 runs: hello ${h.toFixed(0)} µs, /me ${m.toFixed(0)} µs; hello/me ${(h / m).toFixed(3)}`);
  console.log(`  runs: hello ${runs.hello.map((v) => v.toFixed(0)).join(', ')}; /me ${runs.me.map((v) => v.toFixed(0)).join(', ')}`);
} finally {
  await server.stop();
}
