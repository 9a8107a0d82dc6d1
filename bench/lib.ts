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
  /** runs a fixture command inside the server process (the commands are in bench/server.ts) */
  command<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
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
    // BENCH_SERVER_EXEC_ARGV adds Node flags to the server process, e.g. `--cpu-prof --cpu-prof-dir=.tmp/prof`
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_EXEC_ARGV?.split(/\s+/).filter(Boolean) ?? [])],
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
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (m) => {
    const reply = m as { reply?: number; value?: unknown; error?: string };
    if (typeof reply.reply !== 'number') return;
    const p = pending.get(reply.reply);
    pending.delete(reply.reply);
    if (reply.error !== undefined) p?.reject(new Error(`server command failed: ${reply.error}`));
    else p?.resolve(reply.value);
  });
  child.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`the benchmark server exited (${code})`));
    pending.clear();
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    database: ready.database,
    command<T>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 30 * 60_000): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`server command ${cmd} took more than ${timeoutMs / 1000} s`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, cmd, args });
      });
    },
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
  /** a new request each time (for example a unique email or search term): called once per request */
  vary?: (n: number) => { path?: string; body?: string; headers?: Record<string, string> };
  /** a fixed offered load over all connections (requests per second) instead of as fast as they answer */
  overallRate?: number;
  /** ends the run early when this settles (`duration` stays the upper bound) */
  until?: Promise<unknown>;
}

export interface LoadResult {
  /** mean requests per second over the run */
  rps: number;
  requests: number;
  /**
   * Percentiles of the response times this process saw, one per answer (ms). Not autocannon's histogram: at a
   * set rate it corrects for coordinated omission with a 1 ms interval, so one slow answer counts about R times.
   */
  latencyP50: number;
  latencyP95: number;
  latencyP99: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** The q-quantile (0..1) of a list of numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A quantile of raw latencies in ms, rounded to hundredths for the printed lines. */
function percentile(times: number[], q: number): number {
  return Math.round(quantile(times, q) * 100) / 100;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** One bounded autocannon run (by time, so it always stops). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const headers = { 'content-type': 'application/json', ...opts.headers };
  const times: number[] = [];
  let instance: autocannon.Instance | undefined;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections ?? 10,
        pipelining: 1,
        duration: opts.duration,
        timeout: 10,
        ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
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
                    return { ...req, path: v.path ?? req.path, body: v.body ?? req.body, headers: { ...headers, ...v.headers } };
                  },
                }
              : {}),
          },
        ],
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
    });
    const stop = () => instance?.stop();
    opts.until?.then(stop, stop);
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = s.count ?? 0;
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    latencyP50: percentile(times, 0.5),
    latencyP95: percentile(times, 0.95),
    latencyP99: percentile(times, 0.99),
    statuses,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export function describeLoad(label: string, r: LoadResult): string {
  const statuses = Object.entries(r.statuses)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');
  return `${label}: ${Math.round(r.rps)} req/s, ${r.requests} requests, latency p50 ${r.latencyP50} ms / p95 ${r.latencyP95} ms / p99 ${r.latencyP99} ms, statuses {${statuses}}${r.errors ? `, ${r.errors} errors` : ''}${r.timeouts ? `, ${r.timeouts} timeouts` : ''}`;
}

/** `n` requests one after the other (nothing else in flight): each one's time in ms, in order. */
export async function sequential(url: string, paths: string[], n: number, headers: Record<string, string> = {}): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const path = paths[i % paths.length];
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  }
  return times;
}
