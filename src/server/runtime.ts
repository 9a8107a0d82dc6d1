// Wiring for a running process: open the database, migrate, build deps, start the mail
// dispatcher and the minute scheduler. Used by the CLI, the dev server and the benchmarks.
import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrate, openDatabase, type DbHandle } from './db/database.js';
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

export async function startServer(rt: Runtime) {
  const { deps } = rt;
  const app = await buildApp(deps);
  const dispatcher = startDispatcher(dispatcherDeps(deps));
  let sweeping: Promise<unknown> = Promise.resolve();
  const scheduler = setInterval(() => {
    sweeping = runSweeps(deps.db, deps.dbKind, sweeps(deps), deps.clock.now(), deps.log).catch((err) => deps.log.error({ err }, 'sweep failed'));
  }, 60_000);
  await app.listen({ port: deps.config.port, host: deps.config.host });
  let resumed = 0;
  for (const m of modules) resumed += (await m.onStart?.(deps)) ?? 0;
  if (resumed) deps.log.info({ jobs: resumed }, 'resuming unfinished background work');
  return {
    app,
    async stop() {
      clearInterval(scheduler);
      // Background work stops at a safe point and is released for another server (mass invitations
      // between chunks) while the app finishes its requests.
      const jobs = Promise.all(modules.map((m) => m.onStop?.(deps)));
      await app.close();
      await jobs;
      await sweeping;
      await dispatcher.stop();
      await rt.close();
    },
  };
}
