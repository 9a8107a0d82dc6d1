// A running server's life: the real `atrium start` in a child process (fresh data directory and
// port, a fresh PostgreSQL database when DATABASE_URL is set) stopped by SIGTERM and SIGINT, and
// two servers migrating one fresh database at once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { migrate, openDatabase, sql, type Db } from './db/database.js';
import * as bulk from './modules/invitations/bulk.js';
import { setupFromCli } from './modules/setup/service.js';
import { openRuntime } from './runtime.js';
import { createPostgresDatabase, type FreshPostgres } from './testing/postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh data directory, and a fresh PostgreSQL database when DATABASE_URL is set; removed after the test. */
async function freshPlace(): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-runtime-'));
  let fresh: FreshPostgres | undefined;
  if (process.env.DATABASE_URL) fresh = await createPostgresDatabase(process.env.DATABASE_URL, 'atrium_rt');
  cleanups.push(async () => {
    await fresh?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir, databaseUrl: fresh?.url };
}

function envFor(place: { dataDir: string; databaseUrl?: string }, port = 0): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ATRIUM_DATA_DIR: place.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
  };
  if (place.databaseUrl) env.DATABASE_URL = place.databaseUrl;
  return env;
}

interface Server {
  port: number;
  child: ChildProcess;
  output(): string;
  /** resolves with the exit code (or the signal that ended it) */
  exited: Promise<number | string>;
  signal(s: NodeJS.Signals): void;
}

/** `node bin/atrium.js start`, as an operator runs it; resolves once GET /api/v1/health answers. */
async function startServer(place: { dataDir: string; databaseUrl?: string }): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'atrium.js'), 'start'], {
    cwd: root,
    env: envFor(place, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it answered:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer within 90 s:\n${out}`);
    await sleep(200);
  }
  return { port, child, output: () => out, exited, signal: (s) => child.kill(s) };
}

/**
 * A POST whose JSON body arrives in two halves `gapMs` apart: a request that takes that long, with
 * no test-only route in the server. `between` runs once the first half is sent.
 */
function slowPost(
  port: number,
  url: string,
  body: unknown,
  gapMs: number,
  between?: () => void,
): Promise<{ status: number; body: string } | { error: string }> {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: url,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), origin: `http://127.0.0.1:${port}` },
      },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => {
          data += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', (err) => resolve({ error: err.message }));
      },
    );
    req.on('error', (err) => resolve({ error: err.message }));
    req.write(text.slice(0, half));
    setTimeout(() => between?.(), 100);
    setTimeout(() => req.end(text.slice(half)), gapMs);
  });
}

describe('graceful stop of `atrium start`', () => {
  it('answers a request in flight in full when SIGTERM arrives during it, then exits with 0', { timeout: 180_000 }, async () => {
    const server = await startServer(await freshPlace());
    const started = Date.now();
    const answer = await slowPost(server.port, '/api/v1/auth/code', { email: 'someone@example.test' }, 2_000, () => server.signal('SIGTERM'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(answer).toMatchObject({ status: 202 });
    expect(await server.exited).toBe(0);
    // no new connection once the stop began
    expect(
      await fetch(`http://127.0.0.1:${server.port}/api/v1/health`).then(
        () => 'answered',
        () => 'refused',
      ),
    ).toBe('refused');
    expect(server.output()).toMatch(/"signal":"SIGTERM".*stopping/);
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('exits at once on a second signal, and with 1 after 10 s when the stop cannot finish', { timeout: 180_000 }, async () => {
    const [first, second] = await Promise.all([startServer(await freshPlace()), startServer(await freshPlace())]);
    // a request whose body never finishes arriving keeps both stops waiting
    void slowPost(first.port, '/api/v1/auth/code', { email: 'a@example.test' }, 60_000);
    void slowPost(second.port, '/api/v1/auth/code', { email: 'b@example.test' }, 60_000);
    await sleep(300);
    const t0 = Date.now();
    first.signal('SIGTERM');
    second.signal('SIGTERM');
    await sleep(1_000);
    expect(first.child.exitCode).toBeNull();
    first.signal('SIGINT');
    expect(await first.exited).toBe(1);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(first.output()).toContain('second signal: exiting at once');

    expect(await second.exited).toBe(1);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(9_500);
    expect(took).toBeLessThan(14_000);
    expect(second.output()).toMatch(/"stillRunning":\["requests \(1 in flight\)"[^\]]*\].*not stopped after 10 s/);
  });

  it('stops a mass invitation between chunks; after a restart it ends with every row invited once and one email each', { timeout: 300_000 }, async () => {
    const ROWS = 8_000;
    const place = await freshPlace();
    // The job is stored by the real service, then released at once (a stop before its first chunk), so the
    // server picks it up when it starts, as it would after any stop.
    const rt = await openRuntime(loadConfig({ ...envFor(place), LOG_LEVEL: 'silent' }));
    const { organizationId, location, owner } = await setupFromCli(rt.deps, {
      organizationName: 'Stop Spaces',
      locationName: 'Stop Hall',
      address: '1 Main Street',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      ownerEmail: 'owner@stop-owner.test',
      ownerFirstName: 'Olivia',
      ownerLastName: 'Owner',
    });
    const text = Array.from({ length: ROWS }, (_, i) => `P${i}\tStop\tp${i}@stop.test`).join('\n');
    const jobId = await bulk.start(rt.deps, { organizationId, locationId: location.id, actorUserId: owner.id }, { text });
    await bulk.stopJobs(rt.deps);
    await rt.close();

    const handle = openDatabase({ databaseUrl: place.databaseUrl, sqliteFile: path.join(place.dataDir, 'atrium.sqlite'), poolSize: 2 });
    cleanups.push(() => handle.close());
    const job = () => handle.db.selectFrom('bulk_jobs').select(['status', 'processed', 'invited']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(await job()).toMatchObject({ status: 'queued', processed: 0 });

    const first = await startServer(place);
    // SIGTERM once the first chunk is committed, while the job runs
    const deadline = Date.now() + 120_000;
    while ((await job()).processed === 0 && Date.now() < deadline) await sleep(50);
    first.signal('SIGTERM');
    expect(await first.exited).toBe(0);
    const stopped = await job();
    expect(stopped.status).toBe('queued'); // released, not left running under its lease
    expect(stopped.processed).toBeGreaterThan(0);
    expect(stopped.processed).toBeLessThan(ROWS);
    expect(stopped.processed % bulk.chunkRows(handle.kind)).toBe(0); // whole chunks only

    const second = await startServer(place);
    while ((await job()).status !== 'done' && Date.now() < deadline + 120_000) await sleep(200);
    expect(await job()).toMatchObject({ status: 'done', processed: ROWS, invited: ROWS });
    // every row invited exactly once, and one email to each, however the work was split between the two runs
    expect(await countBy(handle.db, 'customers', organizationId)).toEqual({ rows: ROWS, distinct: ROWS });
    expect(await countBy(handle.db, 'invitations', organizationId)).toEqual({ rows: ROWS, distinct: ROWS });
    const outbox = await handle.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.count('to_address').distinct().as('distinct')])
      .where('to_address', 'like', '%@stop.test')
      .executeTakeFirstOrThrow();
    expect({ rows: Number(outbox.rows), distinct: Number(outbox.distinct) }).toEqual({ rows: ROWS, distinct: ROWS });
    second.signal('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

/** Rows of a table in the organization, and how many distinct people they are for. */
async function countBy(db: Db, table: 'customers' | 'invitations', organizationId: string) {
  const column = table === 'customers' ? 'user_id' : 'customer_id';
  const r = await sql<{ rows: unknown; distinct: unknown }>`
    select count(*) as rows, count(distinct ${sql.ref(column)}) as ${sql.ref('distinct')} from ${sql.table(table)} where organization_id = ${organizationId}`.execute(
    db,
  );
  return { rows: Number(r.rows[0].rows), distinct: Number(r.rows[0].distinct) };
}

describe('migrations', () => {
  // PostgreSQL only: a SQLite database is one server's file in its data directory, never shared by two servers.
  it.skipIf(!process.env.DATABASE_URL)(
    'are applied once when two servers migrate one fresh PostgreSQL database at the same time',
    { timeout: 120_000 },
    async () => {
      const place = await freshPlace();
      const open = () => openDatabase({ databaseUrl: place.databaseUrl, sqliteFile: path.join(place.dataDir, 'atrium.sqlite'), poolSize: 3 });
      const [a, b] = [open(), open()];
      cleanups.push(() => a.close());
      cleanups.push(() => b.close());
      const [appliedA, appliedB] = await Promise.all([migrate(a.db), migrate(b.db)]);
      const all = [...appliedA, ...appliedB];
      // each migration applied by exactly one of them (Kysely's migrator holds a lock: an advisory lock on PostgreSQL)
      expect(new Set(all).size).toBe(all.length);
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(a.db);
      expect(rows.rows.length).toBe(all.length);
      expect(new Set(rows.rows.map((r) => r.name)).size).toBe(rows.rows.length);
      expect(rows.rows.length).toBeGreaterThan(10);
    },
  );
});
