// Benchmark fixture, run as a child process: the real app (buildApp and the runtime of `atrium start`) plus a
// bare GET /bench/hello (and POST /bench/echo) on the same Fastify instance, listening on 127.0.0.1 on a free port.
//
// BENCH_CLIENT_HEADER=1 lets a request name its client address in `x-bench-client` (see docs/benchmarks.md): it
// stands in for many people on their own addresses, so the per-address limits count each simulated client apart.
//
// The parent sends fixture commands over IPC (`server.command(name, args)` in bench/lib.ts):
// `fixture` (an organization and a signed-in owner: cookie and location), `seed` (seedCustomers), `rawInsert` (the
// baseline of the mass-invite benchmark), `queryPlans` (the SQL of the customers list, its time in the database
// and its plan) and `sql` (one statement, for counts); for billing.bench.ts `subscribe` (scheduled subscriptions
// written as the service writes them), `sweep` (the app's sweeps at a given time until nothing is due),
// `rawRenewal` (the renewal sweep's baseline), `seedLedger` (ledger histories) and `ledgerPlans`; `usage` (the
// process's RSS and CPU time) for reports.bench.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Session } from 'node:inspector/promises';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database, SubscriptionTable } from '../src/server/db/schema.js';
import type { Deps } from '../src/server/deps.js';
import { FixedClock } from '../src/server/lib/clock.js';
import { insertSlices } from '../src/server/lib/batch.js';
import { runSweeps, type Sweep } from '../src/server/lib/sweeps.js';
import { newId } from '../src/server/lib/tokens.js';
import { SESSION_COOKIE } from '../src/server/http/session.js';
import { listCustomers } from '../src/server/modules/customers/queries.js';
import { sweeps as appSweeps } from '../src/server/modules/index.js';
import * as ledger from '../src/server/modules/ledger/service.js';
import type { CustomerFilter } from '../src/server/modules/customers/schema.js';
import { setupFromCli } from '../src/server/modules/setup/service.js';
import { openRuntime } from '../src/server/runtime.js';
import { seedCustomers } from '../src/server/seed.js';
import { rawRenewal, seedLedger, type LedgerSeedInput, type RawTarget } from './billing-raw.js';
import { rawInsertPostgres, rawInsertSqlite, type RawInsertInput } from './raw-insert.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'));
const config = loadConfig({
  ATRIUM_DATA_DIR: dataDir,
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  PORT: '0',
  HOST: '127.0.0.1',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  // silent unless BENCH_LOG_LEVEL asks for the log of `atrium start` (info), e.g. to profile its cost
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
});
const rt = await openRuntime(config);
// the web apps only for a benchmark that drives a browser (they must be built: `npm run build:web`)
const app = await buildApp(rt.deps, { web: process.env.BENCH_WEB === '1' });
app.get('/bench/hello', async () => ({ hello: 'world' }));
// The floor of a request that carries a paste: the body is read and parsed as JSON, nothing else.
app.post('/bench/echo', { bodyLimit: 9 * 1024 * 1024 }, async () => ({ ok: true }));

if (process.env.BENCH_CLIENT_HEADER === '1') {
  // Runs before Fastify sees the request: request.ip (rate limits, code throttling) then reads this address.
  app.server.prependListener('request', (req: IncomingMessage) => {
    const client = req.headers['x-bench-client'];
    if (typeof client === 'string') Object.defineProperty(req.socket, 'remoteAddress', { value: client, configurable: true });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const sqliteFile = path.join(dataDir, 'atrium.sqlite');

interface Fixture {
  cookie: string;
  organizationId: string;
  locationId: string;
  ownerUserId: string;
  locationName: string;
  organizationName: string;
  inviterName: string;
  publicUrl: string;
}

/** A Kysely instance beside the app's that records each query's SQL, parameters and time. */
function recordingDb() {
  const seen: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const log = (e: { level: string; query: { sql: string; parameters: readonly unknown[] }; queryDurationMillis: number }) => {
    seen.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
  };
  if (rt.deps.dbKind === 'postgres') {
    const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 1 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    return {
      db,
      seen,
      plan: async (q: string, params: readonly unknown[]) =>
        (await pool.query(`explain (analyze, buffers) ${q}`, params as unknown[])).rows.map((r) => String(r['QUERY PLAN'])),
      close: () => db.destroy(),
    };
  }
  const conn = new SQLite(sqliteFile, { readonly: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }), log });
  return {
    db,
    seen,
    plan: async (q: string, params: readonly unknown[]) =>
      (conn.prepare(`explain query plan ${q}`).all(...(params as unknown[])) as { detail: string }[]).map((r) => r.detail),
    close: () => db.destroy(),
  };
}

let profiler: Session | null = null;

const rawTarget = (): RawTarget =>
  rt.deps.dbKind === 'postgres' ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL! } : { kind: 'sqlite', file: sqliteFile };

/** The table a statement reads or writes first (its FROM, INTO or UPDATE), or the kind of a raw statement. */
function tableOf(node: RootOperationNode): string {
  const n = node as unknown as Record<string, { froms?: OperationNode[] } & OperationNode>;
  let t: OperationNode | undefined =
    node.kind === 'InsertQueryNode' ? n.into : node.kind === 'UpdateQueryNode' ? n.table : (n.from?.froms?.[0] as OperationNode | undefined);
  if (t?.kind === 'AliasNode') t = (t as unknown as { node: OperationNode }).node;
  if (t?.kind === 'TableNode') return (t as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  return node.kind === 'RawNode' ? 'raw sql' : node.kind;
}

/**
 * Times every statement from the moment Kysely compiles it until its result is back (so the statement's own time in
 * the database and driver, plus building its SQL), per table; what a sweep spends outside statements is the rest.
 * Statements slower than `slowMs` are also kept by their SQL text (compiled again, outside the timing).
 */
class StatementTimer implements KyselyPlugin {
  private started = new WeakMap<object, { at: number; table: string; node: RootOperationNode }>();
  readonly tables: Record<string, { ms: number; statements: number }> = {};
  readonly slow: Record<string, { ms: number; statements: number; parameters: readonly unknown[] }> = {};
  constructor(private readonly slowMs = 2) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { at: performance.now(), table: tableOf(args.node), node: args.node });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      const took = performance.now() - s.at;
      const t = this.tables[s.table] ?? { ms: 0, statements: 0 };
      t.ms += took;
      t.statements++;
      this.tables[s.table] = t;
      if (took > this.slowMs) {
        const compiled = rt.deps.db.getExecutor().compileQuery(s.node, args.queryId);
        const text = compiled.sql;
        const slow = this.slow[text] ?? { ms: 0, statements: 0, parameters: compiled.parameters };
        slow.ms += took;
        slow.statements++;
        this.slow[text] = slow;
      }
    }
    return args.result;
  }
}

const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  async fixture(args): Promise<Fixture> {
    const tag = String(args.tag ?? Date.now().toString(36));
    const created = await setupFromCli(rt.deps, {
      organizationName: 'Bench Coworking',
      locationName: 'Main Hall',
      address: '1 Bench Street',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      ownerEmail: `owner-${tag}@bench.atrium.test`,
      ownerFirstName: 'Olivia',
      ownerLastName: 'Owner',
    });
    const token = created.link.split('/link/')[1];
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/link', payload: { token } });
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
    if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in with the link answered ${res.statusCode}: ${res.body}`);
    return {
      cookie: cookie.split(';')[0],
      organizationId: created.organizationId,
      locationId: created.location.id,
      ownerUserId: created.owner.id,
      locationName: created.location.name,
      organizationName: 'Bench Coworking',
      inviterName: 'Olivia Owner',
      publicUrl: config.publicUrl,
    };
  },
  async seed(args) {
    const started = performance.now();
    await seedCustomers(rt.deps, {
      organizationId: String(args.organizationId),
      locationId: String(args.locationId),
      count: Number(args.count),
      tag: args.tag ? String(args.tag) : undefined,
    });
    return { ms: performance.now() - started };
  },
  async rawInsert(args) {
    const input = args as unknown as RawInsertInput;
    return rt.deps.dbKind === 'postgres' ? rawInsertPostgres(process.env.BENCH_DATABASE_URL!, input) : rawInsertSqlite(sqliteFile, input);
  },
  /**
   * For each filter: the statements the customers list sends for its first page (a search sends two to
   * four), their median total time in the database over `runs`, and each one's SQL, time and plan.
   */
  async queryPlans(args) {
    const r = recordingDb();
    try {
      const out = [];
      const scope = { organizationId: String(args.organizationId), locationId: String(args.locationId) };
      for (const { label, filter } of args.filters as { label: string; filter: Partial<CustomerFilter> }[]) {
        const runs = Number(args.runs ?? 5);
        let rows = 0;
        const totals: number[] = [];
        for (let i = 0; i < runs; i++) {
          r.seen.length = 0;
          rows = (await listCustomers(r.db, rt.deps.dbKind, scope, { sort: '-created', ...filter, limit: 50 }, null)).length;
          totals.push(r.seen.reduce((sum, q) => sum + q.ms, 0));
        }
        totals.sort((a, b) => a - b);
        const statements = [];
        for (const q of r.seen) statements.push({ sql: q.sql, parameters: q.parameters, ms: q.ms, plan: await r.plan(q.sql, q.parameters) });
        out.push({
          label,
          rows,
          medianMs: totals[Math.floor(totals.length / 2)],
          sql: statements.map((q) => q.sql).join(';\n'),
          statements,
          plan: statements.flatMap((q, i) => (statements.length > 1 ? [`[${i + 1}] ${q.ms.toFixed(1)} ms:`, ...q.plan] : q.plan)),
        });
      }
      return out;
    } finally {
      await r.close();
    }
  },
  /**
   * `count` scheduled subscriptions to a plan, starting on `startDate`, for the given customers, written in one
   * transaction with the columns the subscriptions service writes for a sale with a future start (the start sweep
   * then serves their first period through the real code).
   */
  async subscribe(args) {
    const plan = await rt.deps.db.selectFrom('plans').selectAll().where('id', '=', String(args.planId)).executeTakeFirstOrThrow();
    const location = await rt.deps.db.selectFrom('locations').selectAll().where('id', '=', plan.location_id).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const rows: SubscriptionTable[] = (args.customerIds as string[]).map((customerId) => ({
      id: newId(),
      organization_id: plan.organization_id,
      location_id: plan.location_id,
      customer_id: customerId,
      company_id: null,
      plan_id: plan.id,
      name: plan.name,
      price: plan.price,
      currency: location.currency,
      quantity: 1,
      cycle: plan.cycle,
      setup_fee: plan.setup_fee,
      credits: plan.credits,
      day_passes: plan.day_passes,
      tax_rate_bps: plan.tax_rate_bps,
      anchor: 'start_date',
      start_date: String(args.startDate),
      end_date: null,
      status: 'scheduled',
      current_period_start: null,
      current_period_end: null,
      granted_period_start: null,
      drafted_period_start: null,
      canceled_at: null,
      created_by_user_id: String(args.actorUserId),
      source: 'admin',
      created_at: now,
      updated_at: now,
    }));
    await rt.deps.db.transaction().execute(async (trx) => {
      for (const slice of insertSlices(rows)) await trx.insertInto('subscriptions').values(slice).execute();
    });
    return { count: rows.length };
  },
  /**
   * The app's sweeps (those named in `names`, else all of them) as the scheduler runs them, with the clock standing
   * at `at`, pass after pass until a pass touches nothing. With `split`, each statement is timed per table too.
   */
  async sweep(args) {
    const at = new Date(String(args.at));
    const timer = args.split ? new StatementTimer() : null;
    const deps: Deps = { ...rt.deps, clock: new FixedClock(at), ...(timer ? { db: rt.deps.db.withPlugin(timer) } : {}) };
    const names = args.names as string[] | undefined;
    const perSweep: Record<string, { ms: number; rows: number }> = {};
    // biome-ignore lint/suspicious/noExplicitAny: each sweep prepares something of its own type
    const list: Sweep<any>[] = appSweeps(deps)
      .filter((s) => !names || names.includes(s.name))
      .map((s) => ({
        ...s,
        async run(trx, now, prepared) {
          const t = performance.now();
          const n = await s.run(trx, now, prepared);
          const p = perSweep[s.name] ?? { ms: 0, rows: 0 };
          p.ms += performance.now() - t;
          p.rows += n;
          perSweep[s.name] = p;
          return n;
        },
      }));
    if (names && list.length !== names.length) throw new Error(`unknown sweep among ${names.join(', ')}`);
    const passes: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (;;) {
      const t = performance.now();
      const counts = await runSweeps(deps.db, deps.dbKind, list, at);
      passes.push(performance.now() - t);
      if (!counts) throw new Error('another server holds the sweep lock');
      if (Object.values(counts).every((n) => n === 0)) break;
      if (passes.length > 10_000) throw new Error('the sweeps never settle');
    }
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // the server process's own CPU time over the passes (user and system): on SQLite nearly all the work, on
    // PostgreSQL the app's side of it; steadier than the wall time on a shared machine
    return { ms, cpuMs: (used.user + used.system) / 1000, passes, perSweep, statements: timer?.tables ?? null, slow: timer?.slow ?? null };
  },
  async rawRenewal(args) {
    return rawRenewal(rt.deps.db, rawTarget(), { locationId: String(args.locationId) }, String(args.at));
  },
  async seedLedger(args) {
    return seedLedger(rawTarget(), args as unknown as LedgerSeedInput);
  },
  /** The statements of the balances and of the ledger's first page for an owner: SQL, time in the database and plan. */
  async ledgerPlans(args) {
    const r = recordingDb();
    try {
      const deps: Deps = { ...rt.deps, db: r.db };
      const scope = { organizationId: String(args.organizationId), locationId: String(args.locationId) };
      const owner = { customerId: String(args.customerId) };
      const out = [];
      for (const [label, run] of [
        ['balances', () => ledger.balancesOf(deps, scope, owner)],
        ['ledger', () => ledger.history(deps, scope, owner, { limit: 50 })],
      ] as const) {
        const totals: number[] = [];
        for (let i = 0; i < 5; i++) {
          r.seen.length = 0;
          await run();
          totals.push(r.seen.reduce((sum, q) => sum + q.ms, 0));
        }
        totals.sort((a, b) => a - b);
        const statements = [];
        for (const q of r.seen) statements.push({ sql: q.sql, ms: q.ms, plan: await r.plan(q.sql, q.parameters) });
        out.push({ label, medianMs: totals[2], statements });
      }
      return out;
    } finally {
      await r.close();
    }
  },
  /** The plan of one statement with its parameters (EXPLAIN QUERY PLAN, or EXPLAIN ANALYZE on PostgreSQL). */
  async explain(args) {
    const r = recordingDb();
    try {
      return await r.plan(String(args.sql), (args.parameters as unknown[]) ?? []);
    } finally {
      await r.close();
    }
  },
  /**
   * Starts a CPU profile of this process (the V8 sampling profiler through the inspector, `intervalUs` between samples),
   * so a profile covers one load run and not the seeding before it; `profileStop` writes it to `file` (.cpuprofile).
   */
  async profileStart(args) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: Number(args.intervalUs ?? 200) });
    await profiler.post('Profiler.start');
    return {};
  },
  async profileStop(args) {
    if (!profiler) throw new Error('no profile running');
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = null;
    fs.writeFileSync(String(args.file), JSON.stringify(profile));
    return { file: String(args.file) };
  },
  /**
   * The SQL statements that `n` requests send to the database (better-sqlite3's or pg's own calls, counted under the
   * app): the request is injected into the app as a client's would arrive (cookie, hooks, route, serializer).
   */
  async countStatements(args) {
    // per request, each statement's SQL and its time in the driver call (better-sqlite3 answers synchronously; pg's
    // time is up to its promise settling)
    let current: { sql: string; ms: number }[] = [];
    const restore: (() => void)[] = [];
    const wrap = (proto: Record<string, unknown>, names: string[], text: (self: unknown, a: unknown[]) => string) => {
      for (const name of names) {
        const original = proto[name] as (...a: unknown[]) => unknown;
        proto[name] = function (this: unknown, ...a: unknown[]) {
          const seen = { sql: text(this, a), ms: 0 };
          current.push(seen);
          const t = performance.now();
          const out = original.apply(this, a);
          if (out instanceof Promise) return out.finally(() => (seen.ms = performance.now() - t));
          seen.ms = performance.now() - t;
          return out;
        };
        restore.push(() => {
          proto[name] = original;
        });
      }
    };
    if (rt.deps.dbKind === 'postgres') {
      wrap(pg.Client.prototype as unknown as Record<string, unknown>, ['query'], (_self, a) =>
        typeof a[0] === 'string' ? a[0] : String((a[0] as { text?: string })?.text),
      );
    } else {
      const probe = new SQLite(':memory:');
      const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
      probe.close();
      wrap(proto, ['all', 'get', 'run', 'iterate'], (self) => (self as { source: string }).source);
    }
    const requests: { status: number; ms: number; statements: { sql: string; ms: number }[] }[] = [];
    try {
      for (let i = 0; i < Number(args.n ?? 1); i++) {
        current = [];
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url: String(args.url), headers: args.headers as Record<string, string> });
        requests.push({ status: res.statusCode, ms: performance.now() - t, statements: current });
      }
    } finally {
      for (const r of restore) r();
    }
    return requests;
  },
  async sql(args) {
    return (await sql.raw(String(args.query)).execute(rt.deps.db)).rows;
  },
  /** this process's resident memory (bytes) and CPU time so far (µs), for reports.bench.ts */
  async usage(args) {
    // with --expose-gc (BENCH_SERVER_EXEC_ARGV), `gc` collects first: the heap then holds only what is still referenced
    const gc = (globalThis as { gc?: () => void }).gc;
    if (args.gc && gc) gc();
    const cpu = process.cpuUsage();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, cpuMicros: cpu.user + cpu.system };
  },
};

process.on('message', (m: { id: number; cmd: string; args: Record<string, unknown> }) => {
  const run = commands[m.cmd];
  (run ? run(m.args ?? {}) : Promise.reject(new Error(`unknown command ${m.cmd}`))).then(
    (value) => process.send?.({ reply: m.id, value }),
    (err: unknown) => process.send?.({ reply: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await app.close();
  await rt.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', close);
process.on('SIGTERM', close);
process.send?.({ port, database: rt.deps.dbKind });
