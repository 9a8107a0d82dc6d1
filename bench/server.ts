// Benchmark fixture, run as a child process: the real app (buildApp and the runtime of `atrium start`) plus a
// bare GET /bench/hello (and POST /bench/echo) on the same Fastify instance, listening on 127.0.0.1 on a free port.
//
// BENCH_CLIENT_HEADER=1 lets a request name its client address in `x-bench-client` (see docs/benchmarks.md): it
// stands in for many people on their own addresses, so the per-address limits count each simulated client apart.
//
// The parent sends fixture commands over IPC (`server.command(name, args)` in bench/lib.ts):
// `fixture` (an organization and a signed-in owner: cookie and location), `seed` (seedCustomers), `rawInsert` (the
// baseline of the mass-invite benchmark), `queryPlans` (the SQL of the customers list, its time in the database
// and its plan) and `sql` (one statement, for counts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/schema.js';
import { SESSION_COOKIE } from '../src/server/http/session.js';
import { listCustomers } from '../src/server/modules/customers/queries.js';
import type { CustomerFilter } from '../src/server/modules/customers/schema.js';
import { setupFromCli } from '../src/server/modules/setup/service.js';
import { openRuntime } from '../src/server/runtime.js';
import { seedCustomers } from '../src/server/seed.js';
import { rawInsertPostgres, rawInsertSqlite, type RawInsertInput } from './raw-insert.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'));
const config = loadConfig({
  ATRIUM_DATA_DIR: dataDir,
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  PORT: '0',
  HOST: '127.0.0.1',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  LOG_LEVEL: 'silent',
});
const rt = await openRuntime(config);
const app = await buildApp(rt.deps, { web: false });
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
  async sql(args) {
    return (await sql.raw(String(args.query)).execute(rt.deps.db)).rows;
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
