// Sweeps: idempotent rules over due rows (reminders, outbox retries...), run every minute by the
// server and once by `atrium sweep --at`. On PostgreSQL one advisory lock keeps two servers apart.
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DbKind } from '../db/database.js';
import type { Database } from '../db/schema.js';

export interface Sweep {
  name: string;
  /** Runs inside the sweep transaction; must be safe to run any number of times. Returns rows touched. */
  run(trx: Kysely<Database>, now: Date): Promise<number>;
}

const SWEEP_LOCK_KEY = 7_142_020_601; // any constant shared by every Atrium server

export async function runSweeps(db: Kysely<Database>, dbKind: DbKind, sweeps: Sweep[], now: Date, log?: Logger): Promise<Record<string, number> | null> {
  return db.transaction().execute(async (trx) => {
    if (dbKind === 'postgres') {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null; // another server is sweeping right now
    }
    const counts: Record<string, number> = {};
    for (const s of sweeps) {
      counts[s.name] = await s.run(trx, now);
      if (counts[s.name] && log) log.info({ sweep: s.name, rows: counts[s.name] }, 'sweep ran');
    }
    return counts;
  });
}
