// Readiness: a trivial query with a short timeout, then the migrations this code knows against those applied.
import { pendingMigrations, sql } from '../../db/database.js';
import type { Deps } from '../../deps.js';

export const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { database: 'ok' | 'unreachable' | 'timeout'; migrations: 'ok' | 'pending' | 'unknown' };
  pendingMigrations: number;
}

const TIMED_OUT = Symbol('timeout');

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(deps: Deps, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const unavailable = (database: Readiness['checks']['database']): Readiness => ({
    status: 'unavailable',
    checks: { database, migrations: 'unknown' },
    pendingMigrations: 0,
  });
  // a query stuck behind a dead connection is abandoned here; the pool's own timeouts end it later
  const probe = sql`select 1`.execute(deps.db).then(
    () => 'ok' as const,
    (err) => {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'readiness: the database did not answer');
      return 'unreachable' as const;
    },
  );
  const database = await withTimeout(probe, timeoutMs);
  if (database === TIMED_OUT) return unavailable('timeout');
  if (database !== 'ok') return unavailable(database);
  const pending = await withTimeout(
    pendingMigrations(deps.db).catch(() => null),
    timeoutMs,
  );
  if (pending === TIMED_OUT) return unavailable('timeout');
  if (pending === null) return unavailable('unreachable');
  return {
    status: pending.length ? 'unavailable' : 'ready',
    checks: { database: 'ok', migrations: pending.length ? 'pending' : 'ok' },
    pendingMigrations: pending.length,
  };
}
