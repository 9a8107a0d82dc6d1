// `npx tsx bench/profile.ts [list] [me] [search]`: a CPU profile of the bench server under one load at a time, and
// where its time goes (issue 9: "a profile showing where the remaining time goes"). Not a benchmark: no ratio, no goal.
//
// The server (bench/server.ts, the real app) gets an organization, a signed-in owner and BENCH_PROFILE_CUSTOMERS
// customers (default 100,000); then, for each load named (all three by default):
//   - the SQL statements one request sends (counted at better-sqlite3's or pg's own calls) and their text;
//   - BENCH_DURATION seconds (default 10) of autocannon, 10 connections, with V8's sampling profiler running in the
//     server only for that run; the profile is written to .tmp/profile/<load>-<database>.cpuprofile (open it in
//     Chrome's DevTools) and summarised here: self time by area, and the inclusive time of the request path's steps.
// DATABASE_URL runs it on PostgreSQL, as `npm run bench` does. BENCH_LOG_LEVEL=info logs as `atrium start` does
// (the bench server is silent otherwise); the lines go to this process's output, so send it to a file.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, describeLoad, load, startBenchServer } from './lib.js';

const CUSTOMERS = Number(process.env.BENCH_PROFILE_CUSTOMERS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const OUT = path.join(BENCH_DIR, '..', '.tmp', 'profile');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** The area a frame's code belongs to: a package, a file of the app, or V8's own pseudo-frames. */
function areaOf(frame: Node['callFrame']): string | null {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return '(program: V8 and native code outside JS frames)';
  if (functionName === 'profileStop' || functionName === 'dispatch') return 'profiler';
  if (!url) return null;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  const app = /\/src\/server\/(.*)$/.exec(url);
  if (app) return `app: ${app[1]}`;
  const bench = /\/bench\/(.*)$/.exec(url);
  if (bench) return `bench: ${bench[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

/**
 * Self time by area: a sample in native code (no URL: better-sqlite3's C++, JSON.parse, crypto) is put under
 * "native <name> from <area of the nearest caller with code>", a sample in Node's own JS under the nearest caller
 * outside Node when it is the app's or a package's (so pino's writes count as pino), both named.
 */
export function summarise(p: Profile): { totalMs: number; areas: [string, number][]; steps: [string, number][]; functions: [string, number][] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  let totalMs = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    selfMs.set(p.samples[i], (selfMs.get(p.samples[i]) ?? 0) + ms);
    totalMs += ms;
  }
  const areaCache = new Map<number, string>();
  const area = (id: number): string => {
    const known = areaCache.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    let a = areaOf(n.callFrame);
    if (a === null || a === 'node internals') {
      let up = parent.get(id);
      let caller: string | null = null;
      while (up !== undefined) {
        if (areaOf(byId.get(up)!.callFrame) === 'profiler') {
          caller = 'profiler';
          break;
        }
        const c = areaOf(byId.get(up)!.callFrame);
        if (c && c !== 'node internals') {
          caller = c;
          break;
        }
        up = parent.get(up);
      }
      const what = a === null ? `native ${n.callFrame.functionName || '(anonymous)'}` : 'node internals';
      a = `${what} from ${caller ?? '(root)'}`;
    }
    areaCache.set(id, a);
    return a;
  };
  const areas = new Map<string, number>();
  for (const [id, ms] of selfMs) areas.set(area(id), (areas.get(area(id)) ?? 0) + ms);
  // self time by function (name, file and line), for what the areas hide
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}` : area(id);
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }

  // inclusive time of named steps: every sample whose stack holds a frame matching the step counts once
  const STEPS: [string, (f: Node['callFrame']) => boolean][] = [
    ['session hook (access/service.ts resolveSession)', (f) => f.functionName === 'resolveSession'],
    ['Kysely compile (compileQuery)', (f) => f.url.includes('/kysely/') && f.functionName === 'compileQuery'],
    ['Kysely executeQuery (from the builder to rows, DB included)', (f) => f.url.includes('/kysely/') && f.functionName === 'executeQuery'],
    ['SQLite statement cache (cachedPrepare)', (f) => f.functionName === 'cachedPrepare'],
    ['better-sqlite3 prepare', (f) => f.url === '' && f.functionName === 'prepare'],
    ['better-sqlite3 all/get/run/iterate', (f) => f.url === '' && ['all', 'get', 'run', 'iterate'].includes(f.functionName)],
    ['pg (any frame of the pg package)', (f) => /node_modules\/pg(-[a-z]+)?\//.test(f.url)],
    ['answer serializer (http/serializer.ts or fast-json-stringify)', (f) => f.url.includes('http/serializer') || f.url.includes('fast-json-stringify')],
    ['zod (any frame)', (f) => f.url.includes('/zod/')],
    ['request log (onResponse hook of http/request-log.ts)', (f) => f.url.includes('http/request-log')],
    ['pino (any frame)', (f) => f.url.includes('/pino')],
    ['cookie parsing (fastifyCookieOnReqHandler: the parse only, Fastify goes on from inside it)', (f) => f.functionName === 'parse' && /cookie/.test(f.url)],
    ['hashToken (session token hash)', (f) => f.functionName === 'hashToken'],
    ['Fastify routing (find-my-way)', (f) => f.url.includes('/find-my-way/')],
    ['JSON.parse / JSON.stringify', (f) => f.url === '' && (f.functionName === 'parse' || f.functionName === 'stringify')],
    ['GC', (f) => f.functionName === '(garbage collector)'],
  ];
  const steps = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const hit = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const f = byId.get(up)!.callFrame;
      for (const [name, test] of STEPS) if (test(f)) hit.add(name);
    }
    for (const name of hit) steps.set(name, (steps.get(name) ?? 0) + ms);
  }
  return {
    totalMs,
    areas: [...areas].sort((a, b) => b[1] - a[1]),
    steps: STEPS.map(([name]) => [name, steps.get(name) ?? 0] as [string, number]),
    functions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 30),
  };
}

function report(title: string, s: ReturnType<typeof summarise>, lines: string[]) {
  // idle time and the profiler stopping itself (it samples its own Profiler.stop) are left out of the percentages
  const left = s.areas.filter(([a]) => a === 'idle' || a === 'profiler' || a.endsWith(' from profiler')).reduce((sum, [, ms]) => sum + ms, 0);
  const busy = s.totalMs - left;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
  lines.push(
    `${title}: ${(s.totalMs / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (percentages of busy time, without idle and the profiler)`,
  );
  lines.push('  self time by area:');
  for (const [a, ms] of s.areas)
    if (a !== 'idle' && a !== 'profiler' && !a.endsWith(' from profiler') && ms / busy >= 0.003) lines.push(`    ${pct(ms)}  ${a}`);
  lines.push('  inclusive time of the request path steps (within one synchronous stretch: an await ends a stack):');
  for (const [name, ms] of s.steps) lines.push(`    ${pct(ms)}  ${name}`);
  lines.push('  self time by function, the first 30:');
  for (const [name, ms] of s.functions) if (!/ idle$| profiler$/.test(name)) lines.push(`    ${pct(ms)}  ${name}`);
}

if (process.argv[2] === '--summarise') {
  // summarise profiles written before: npx tsx bench/profile.ts --summarise FILE...
  const lines: string[] = [];
  for (const file of process.argv.slice(3)) report(file, summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile), lines);
  console.log(lines.join('\n'));
  process.exit(0);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const loads = wanted.length ? wanted : ['list', 'me', 'search'];
fs.mkdirSync(OUT, { recursive: true });
const server = await startBenchServer(process.env.BENCH_LOG_LEVEL ? { BENCH_LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {});
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.error(line);
};
try {
  const fx = await server.command<{ cookie: string; organizationId: string; locationId: string }>('fixture');
  say(`server on ${server.database}, log level ${process.env.BENCH_LOG_LEVEL ?? 'silent'}`);
  if (loads.some((l) => l !== 'me')) {
    const r = await server.command<{ ms: number }>('seed', { organizationId: fx.organizationId, locationId: fx.locationId, count: CUSTOMERS });
    say(`seeded ${CUSTOMERS.toLocaleString('en')} customers in ${(r.ms / 1000).toFixed(1)} s`);
    if (server.database === 'postgres') await server.command('sql', { query: 'analyze' });
  }
  const headers = { cookie: fx.cookie };
  const listPath = `/api/v1/locations/${fx.locationId}/customers?type=member&limit=50`;
  const terms = ['mate', 'lina.costa', '4187', 'ro', 'analytics'];
  const runs: Record<string, { path: string; vary?: (n: number) => { path: string } }> = {
    list: { path: listPath },
    me: { path: '/api/v1/me' },
    search: { path: `${listPath}&q=mate`, vary: (n) => ({ path: `${listPath}&q=${terms[n % terms.length]}` }) },
  };
  await load({ url: server.url, path: '/bench/hello', duration: 2 });
  const hello = await load({ url: server.url, path: '/bench/hello', duration: DURATION });
  say(describeLoad('GET /bench/hello (no profiler)', hello));
  for (const name of loads) {
    const run = runs[name];
    if (!run) throw new Error(`unknown load ${name} (list, me, search)`);
    const counted = await server.command<{ status: number; ms: number; statements: { sql: string; ms: number }[] }[]>('countStatements', {
      url: run.path,
      headers,
      n: 20,
    });
    // the first requests may write (the session's last use, the person's activity): the last one is the steady state
    const last = counted[counted.length - 1];
    const sorted = counted.map((r) => r.ms).sort((a, b) => a - b);
    say(
      `${name}: ${counted.map((r) => r.statements.length).join(' ')} SQL statements in ${counted.length} requests (statuses ${[...new Set(counted.map((r) => r.status))].join(', ')}); one at a time, injected: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms; the last request's:`,
    );
    for (const q of last.statements) say(`    ${q.ms.toFixed(2)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 200)}${q.sql.length > 200 ? ' …' : ''}`);
    await load({ url: server.url, ...run, headers, duration: 2 });
    const plain = await load({ url: server.url, ...run, headers, duration: DURATION });
    say(describeLoad(`${name} (no profiler)`, plain));
    await server.command('profileStart', { intervalUs: 200 });
    const profiled = await load({ url: server.url, ...run, headers, duration: DURATION });
    const file = path.join(OUT, `${name}-${server.database}.cpuprofile`);
    await server.command('profileStop', { file });
    say(describeLoad(`${name} (profiler running)`, profiled));
    const summary: string[] = [];
    report(`${name} profile (${path.relative(process.cwd(), file)})`, summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile), summary);
    for (const line of summary) say(line);
  }
} finally {
  await server.stop();
}
const summaryFile = path.join(OUT, `summary-${server.database}.txt`);
fs.writeFileSync(summaryFile, `${lines.join('\n')}\n`);
console.error(`summary in ${path.relative(process.cwd(), summaryFile)}`);
