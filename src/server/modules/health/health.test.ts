// Liveness and readiness: ready only while the database answers and every migration is applied.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { createTestContext, freshDatabase, type TestContext } from '../../testing/harness.js';
import { createPostgresDatabase } from '../../testing/postgres.js';
import { migrate } from '../../db/database.js';

let ctx: TestContext | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('health', () => {
  it('liveness answers ok, readiness answers ready with both checks', async () => {
    ctx = await createTestContext();
    expect((await ctx.request({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.request({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' }, pendingMigrations: 0 });
  });

  it('is not ready while a migration this version knows is missing from the database', async () => {
    ctx = await createTestContext();
    const last = await ctx.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .orderBy('name' as never, 'desc')
      .executeTakeFirstOrThrow();
    await ctx.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', (last as { name: string }).name as never)
      .execute();
    const res = await ctx.request({ method: 'GET', url: '/api/v1/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', migrations: 'pending' }, pendingMigrations: 1 });
    // liveness does not look at the database
    expect((await ctx.request({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('is not ready on a database that was never migrated', async () => {
    const base = process.env.DATABASE_URL;
    const fresh = base ? await createPostgresDatabase(base) : undefined;
    const handle = openDatabase(fresh ? { databaseUrl: fresh.url, poolSize: 2 } : { sqliteFile: ':memory:' });
    cleanups.push(async () => {
      await handle.close();
      await fresh?.drop();
    });
    ctx = await createTestContext({ db: { handle, drop: async () => undefined } });
    const res = await ctx.request({ method: 'GET', url: '/api/v1/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ database: 'ok', migrations: 'pending' });
    expect(res.json().pendingMigrations).toBeGreaterThan(10);
  });

  // The machine's PostgreSQL is shared with other tests and cannot be stopped: a TCP proxy (node:net) stands
  // between the app and PostgreSQL instead, and cutting it (closing its listener and every connection through
  // it) is, for the app, the database going away; listening again on the same port is it coming back.
  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL: 503 while the database is cut off, 200 again once it is back', async () => {
    const base = new URL(process.env.DATABASE_URL!);
    const target = { host: base.hostname, port: Number(base.port || 5432) };
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(target);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    const listen = (port: number) => new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    const cut = () => {
      const closed = new Promise((resolve) => proxy.close(resolve));
      for (const s of sockets) s.destroy();
      return closed;
    };
    await listen(0);
    const port = (proxy.address() as net.AddressInfo).port;
    cleanups.push(() => (proxy.listening ? cut() : Promise.resolve()));

    const testDb = await freshDatabase();
    cleanups.push(() => testDb.drop());
    const viaProxy = new URL(testDb.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    const handle = openDatabase({ databaseUrl: viaProxy.toString(), poolSize: 2 });
    cleanups.push(() => handle.close());
    await migrate(handle.db);
    ctx = await createTestContext({ db: { handle, drop: async () => undefined } });
    const ready = () => ctx!.request({ method: 'GET', url: '/api/v1/health/ready' });

    expect((await ready()).statusCode).toBe(200);
    await cut();
    const down = await ready();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'unknown' }, pendingMigrations: 0 });
    // no secret in the answer: no URL, host or error text
    expect(down.body).not.toMatch(/postgres|127\.0\.0\.1|ECONN/);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);

    await listen(port);
    expect((await ready()).statusCode).toBe(200);
  });
});
