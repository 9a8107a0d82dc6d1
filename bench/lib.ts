// Shared pieces of the benchmarks: the result shape, the server fixture in a child process, and autocannon runs.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

/** What each benchmark file's default export resolves to (one result or several). */
export interface BenchResult {
  name: string;
  unit: string;
  /** what the value is compared with, measured in the same run */
  baseline: { name: string; value: number };
  value: number;
  /** value / baseline.value */
  ratio: number;
  /** the ratio we aim for, in words (e.g. ">= 0.25") */
  goal?: string;
  /** further figures worth printing (latencies, status codes) */
  details?: string[];
}

export interface BenchContext {
  /** seconds per measured load run */
  duration: number;
  /** seconds of unmeasured warm-up before each measured run */
  warmup: number;
  log(line: string): void;
}

export type Benchmark = (ctx: BenchContext) => Promise<BenchResult | BenchResult[]>;

export function result(r: Omit<BenchResult, 'ratio'>): BenchResult {
  return { ...r, ratio: r.baseline.value ? r.value / r.baseline.value : 0 };
}

export interface BenchServer {
  url: string;
  database: string;
  stop(): Promise<void>;
}

/**
 * Starts bench/server.ts in its own process, so the load generator (this process) and the server each get a
 * core. On SQLite by default (a fresh data directory, as `atrium start` uses); on a fresh PostgreSQL database
 * beside DATABASE_URL when that is set.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const name = `atrium_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; database: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the benchmark server did not start within 60 s')), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { port: number; database: string });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the benchmark server exited (${code}) before it was ready`));
    });
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    database: ready.database,
    async stop() {
      if (child.connected) child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      await dropDb?.();
    },
  };
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  path: string;
  duration: number;
  connections?: number;
  headers?: Record<string, string>;
  body?: string;
  /** a new request each time (for example a unique email): called once per request */
  vary?: (n: number) => { body?: string; headers?: Record<string, string> };
}

export interface LoadResult {
  /** mean requests per second over the run */
  rps: number;
  requests: number;
  latencyP50: number;
  latencyP99: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** One bounded autocannon run (by time, so it always stops). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const headers = { 'content-type': 'application/json', ...opts.headers };
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 10,
    pipelining: 1,
    duration: opts.duration,
    timeout: 10,
    requests: [
      {
        method: opts.method ?? 'GET',
        path: opts.path,
        headers,
        body: opts.body,
        ...(opts.vary
          ? {
              setupRequest: (req: autocannon.Request) => {
                const v = opts.vary!(++n);
                return { ...req, body: v.body ?? req.body, headers: { ...headers, ...v.headers } };
              },
            }
          : {}),
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = s.count ?? 0;
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    statuses,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export function describeLoad(label: string, r: LoadResult): string {
  const statuses = Object.entries(r.statuses)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');
  return `${label}: ${Math.round(r.rps)} req/s, ${r.requests} requests, latency p50 ${r.latencyP50} ms / p99 ${r.latencyP99} ms, statuses {${statuses}}${r.errors ? `, ${r.errors} errors` : ''}${r.timeouts ? `, ${r.timeouts} timeouts` : ''}`;
}
