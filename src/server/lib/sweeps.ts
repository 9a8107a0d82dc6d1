// Sweeps: idempotent rules over due rows (reminders, outbox retries...), run every minute by the
// server and once by `atrium sweep --at`. On PostgreSQL one advisory lock keeps two servers apart.
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DbKind } from '../db/database.js';
import type { Database } from '../db/schema.js';

export interface Sweep<P = unknown> {
  name: string;
  /**
   * Optional work before the sweep transaction, such as rendering emails (an operator's template
   * must never hold a transaction open): it only reads, and `run` gets its result, re-checking
   * in its transaction that each row is still due.
   */
  prepare?(db: Kysely<Database>, now: Date): Promise<P>;
  /** Runs inside the sweep transaction; must be safe to run any number of times. Returns rows touched. */
  run(trx: Kysely<Database>, now: Date, prepared?: P): Promise<number>;
}

const SWEEP_LOCK_KEY = 7_142_020_601; // any constant shared by every Atrium server

// biome-ignore lint/suspicious/noExplicitAny: each sweep prepares something of its own type
export async function runSweeps(db: Kysely<Database>, dbKind: DbKind, sweeps: Sweep<any>[], now: Date, log?: Logger): Promise<Record<string, number> | null> {
  const prepared = new Map<string, unknown>();
  for (const s of sweeps) {
    if (!s.prepare) continue;
    // one sweep that cannot prepare (its rows are left for the next minute) must not stop the others
    try {
      prepared.set(s.name, await s.prepare(db, now));
    } catch (err) {
      log?.error({ err, sweep: s.name }, 'sweep could not prepare');
    }
  }
  return db.transaction().execute(async (trx) => {
    if (dbKind === 'postgres') {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null; // another server is sweeping right now
    }
    const counts: Record<string, number> = {};
    for (const s of sweeps) {
      counts[s.name] = await s.run(trx, now, prepared.get(s.name));
      if (counts[s.name] && log) log.info({ sweep: s.name, rows: counts[s.name] }, 'sweep ran');
    }
    return counts;
  });
}
