// Wiring for a running process: open the database, migrate, build deps, start the mail
// dispatcher and the minute scheduler. Used by the CLI, the dev server and the benchmarks.
import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, databaseConnectionProblem, type Config } from './config.js';
import { migrate, openDatabase, sql, type DbHandle } from './db/database.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './lib/clock.js';
import { dispatchDue, startDispatcher } from './lib/mail/dispatcher.js';
import { transportFor } from './lib/mail/transports.js';
import { runSweeps } from './lib/sweeps.js';
import { modules, sweeps } from './modules/index.js';

export interface Runtime {
  deps: Deps;
  handle: DbHandle;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const log = pino({ level: config.logLevel });
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'atrium.sqlite') });
  if (config.databaseUrl) await checkConnection(handle, config.databaseUrl);
  // Two servers starting at once on one PostgreSQL database: Kysely's migrator holds an advisory lock while it
  // migrates, so the second waits, then finds nothing left to apply (runtime.test.ts proves it).
  const applied = await migrate(handle.db);
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
  const mail = transportFor(config.smtpUrl);
  const deps: Deps = { db: handle.db, dbKind: handle.kind, clock, config, mail, log };
  return {
    deps,
    handle,
    async close() {
      await mail.close();
      await handle.close();
    },
  };
}

/** A first query, so that a wrong DATABASE_URL fails with what is wrong with it rather than a driver's error. */
async function checkConnection(handle: DbHandle, databaseUrl: string): Promise<void> {
  try {
    await sql`select 1`.execute(handle.db);
  } catch (err) {
    await handle.close().catch(() => undefined);
    const timedOut = err instanceof Error && /timeout/i.test(err.message) && !(err as { code?: string }).code;
    const problem = databaseConnectionProblem(timedOut ? { code: 'timeout' } : err, databaseUrl);
    throw problem ? new ConfigError(problem) : err;
  }
}

export function dispatcherDeps(deps: Deps) {
  return { db: deps.db, dbKind: deps.dbKind, clock: deps.clock, transport: deps.mail, from: deps.config.mailFrom, log: deps.log };
}

/** One pass of every sweep, then delivery of whatever is due. */
export async function sweepOnce(deps: Deps) {
  const counts = await runSweeps(deps.db, deps.dbKind, sweeps(deps), deps.clock.now(), deps.log);
  // background work the sweeps started (mass invitations) runs to the end before the command exits
  for (const m of modules) await m.settled?.(deps);
  const mail = await dispatchDue(dispatcherDeps(deps));
  return { counts, mail };
}

/** How long a graceful stop may take before the process exits anyway (main.ts). */
export const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  app: Awaited<ReturnType<typeof buildApp>>;
  /**
   * Graceful stop: no new connections; the requests in flight answered; background jobs stopped
   * between chunks and released; the current sweep finished; the mail dispatcher done with the
   * message it is sending; the database closed.
   */
  stop(): Promise<void>;
  /** what a stop still waits for (logged when it takes too long) */
  stillRunning(): string[];
}

export async function startServer(rt: Runtime): Promise<RunningServer> {
  const { deps } = rt;
  const app = await buildApp(deps);
  let inFlight = 0;
  app.addHook('onRequest', async (_request, reply) => {
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });
  const dispatcher = startDispatcher(dispatcherDeps(deps));
  let sweeping: Promise<unknown> | undefined;
  const scheduler = setInterval(() => {
    if (sweeping) return;
    sweeping = runSweeps(deps.db, deps.dbKind, sweeps(deps), deps.clock.now(), deps.log)
      .catch((err) => deps.log.error({ err }, 'sweep failed'))
      .finally(() => {
        sweeping = undefined;
      });
  }, 60_000);
  await app.listen({ port: deps.config.port, host: deps.config.host });
  let resumed = 0;
  for (const m of modules) resumed += (await m.onStart?.(deps)) ?? 0;
  if (resumed) deps.log.info({ jobs: resumed }, 'resuming unfinished background work');
  const waiting = new Set<string>();
  const step = async (name: string, work: Promise<unknown> | undefined) => {
    waiting.add(name);
    try {
      await work;
    } finally {
      waiting.delete(name);
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    app,
    stillRunning() {
      return [...waiting].map((name) => (name === 'requests' && inFlight > 0 ? `requests (${inFlight} in flight)` : name));
    },
    stop() {
      stopping ??= (async () => {
        clearInterval(scheduler);
        // All at once: background jobs stop at their next safe point (mass invitations between chunks, released
        // for another server), the dispatcher after the message it is sending, while the app finishes its requests.
        const jobs = Promise.all(modules.filter((m) => m.onStop).map((m) => step(`background work of ${m.name}`, m.onStop?.(deps))));
        const mail = step('mail dispatcher', dispatcher.stop());
        await step('requests', app.close());
        await Promise.all([jobs, mail, step('sweep', sweeping)]);
        await step('closing the database', rt.close());
      })();
      return stopping;
    },
  };
}
