// The billing benchmarks' rows, written straight into the tables (bench/raw-insert.ts does the writing):
//  - ledger histories shaped as the ledger service writes them (monthly grants of credits and day passes as lots,
//    spends drawn from the live lot, the remainder expired at the month's end; a running seq and balance per owner
//    and unit), to grow a location to 1,000,000 ledger entries in minutes;
//  - the baseline of the renewal sweep: the very rows one sweep wrote (read back after it), given new keys and
//    inserted again in one transaction, then deleted.
// Runs inside the bench server process.
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/db/schema.js';
import { newId } from '../src/server/lib/tokens.js';
import { insertTablesPostgres, insertTablesSqlite, openSqlite, type RawStatement, type Row, type TableWrite } from './raw-insert.js';

/** Where the raw writes go: the app's SQLite file or its PostgreSQL database. */
export type RawTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

async function withTarget<T>(
  target: RawTarget,
  sqliteCacheKib: number | null,
  run: (w: (tables: Record<string, Row[]>, after?: RawStatement[]) => Promise<TableWrite>) => Promise<T>,
) {
  if (target.kind === 'sqlite') {
    const db = openSqlite(target.file);
    if (sqliteCacheKib) db.pragma(`cache_size = -${sqliteCacheKib}`);
    try {
      return await run(async (tables, after) => insertTablesSqlite(db, tables, after));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await run((tables, after) => insertTablesPostgres(client, tables, after));
  } finally {
    await client.end();
  }
}

// ---- ledger histories ----

/** One month of an owner's history: what the plan grants, how many spends, and what is left to expire. */
const CREDITS = 100;
const DAY_PASSES = 5;
const CREDIT_SPENDS = 40;
const DAY_PASS_SPENDS = 4;
/** lines of a whole month: two grants, the spends, two expiries */
export const LINES_PER_MONTH = 2 + CREDIT_SPENDS + DAY_PASS_SPENDS + 2;

export interface HistoryOwner {
  customerId: string;
  /** ledger lines (transactions, each with one entry) */
  lines: number;
  /** this owner's end of history, instead of the input's `now` */
  now?: string;
}

export interface LedgerSeedInput {
  organizationId: string;
  locationId: string;
  owners: HistoryOwner[];
  /**
   * The end of every history (ISO). The month of `now` is the last one, its lots still live; when `now` is the first
   * instant of a month, the history ends with the month before, every lot used up or expired.
   */
  now: string;
}

const monthStart = (now: Date, back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));

/** An owner's history, oldest first, ending in the month of `now`: `lines` transactions, their entries and their lots. */
export function ledgerHistory(s: { organizationId: string; locationId: string }, owner: HistoryOwner, nowIso: string) {
  const now = new Date(nowIso);
  const txns: Row[] = [];
  const entries: Row[] = [];
  const lots: Row[] = [];
  const subscriptionId = newId();
  const seq = { credit: 0, day_pass: 0 };
  const balance = { credit: 0, day_pass: 0 };
  const months = Math.ceil(owner.lines / LINES_PER_MONTH);
  // a history that ends on a month's first instant ends with the month before
  const last = monthStart(now, 0).getTime() === now.getTime() ? 1 : 0;
  const base = { organization_id: s.organizationId, location_id: s.locationId, customer_id: owner.customerId, company_id: null };
  const write = (unit: 'credit' | 'day_pass', kind: string, amount: number, lotId: string, at: Date, t: Partial<Row>) => {
    const id = newId();
    balance[unit] += amount;
    txns.push({
      id,
      ...base,
      unit,
      kind,
      amount,
      balance_after: balance[unit],
      seq: ++seq[unit],
      expires_at: null,
      memo: null,
      source_type: null,
      source_id: null,
      source_key: null,
      actor_user_id: null,
      created_at: at.toISOString(),
      ...t,
    });
    // a grant's entry is the lot itself (the ledger service gives both one id)
    entries.push({ id: kind === 'grant' ? lotId : newId(), transaction_id: id, lot_id: lotId, amount, created_at: at.toISOString() });
  };
  for (let k = months - 1; k >= 0 && txns.length < owner.lines; k--) {
    const start = monthStart(now, k + last);
    const next = monthStart(now, k + last - 1);
    const end = new Date(Math.min(next.getTime(), now.getTime()));
    const period = start.toISOString().slice(0, 10);
    const lot = { credit: { id: newId(), left: CREDITS }, day_pass: { id: newId(), left: DAY_PASSES } };
    for (const [unit, amount, minute] of [
      ['credit', CREDITS, 1],
      ['day_pass', DAY_PASSES, 2],
    ] as const) {
      if (txns.length >= owner.lines) break;
      const at = new Date(start.getTime() + minute * 60_000);
      lots.push({
        id: lot[unit].id,
        ...base,
        unit,
        amount,
        remaining: amount,
        expires_at: next.toISOString(),
        source_type: 'subscription',
        source_id: subscriptionId,
        created_at: at.toISOString(),
      });
      write(unit, 'grant', amount, lot[unit].id, at, {
        expires_at: next.toISOString(),
        source_type: 'subscription',
        source_id: subscriptionId,
        source_key: `grant:subscription:${subscriptionId}:${period}:${unit}`,
      });
    }
    const spends = CREDIT_SPENDS + DAY_PASS_SPENDS;
    const span = end.getTime() - start.getTime() - 3_600_000;
    for (let i = 0; i < spends && txns.length < owner.lines; i++) {
      const unit = i % 11 === 10 ? 'day_pass' : 'credit';
      const amount = unit === 'credit' ? 1 + (i % 2) : 1;
      if (lot[unit].left < amount) continue;
      lot[unit].left -= amount;
      const booking = newId();
      write(unit, 'spend', -amount, lot[unit].id, new Date(start.getTime() + 1_800_000 + Math.floor((span * (i + 1)) / (spends + 1))), {
        source_type: 'booking',
        source_id: booking,
        source_key: `spend:booking:${booking}:${unit}`,
      });
    }
    // a month that is over: what is left expires at its end (the expiry sweep's line)
    for (const unit of ['credit', 'day_pass'] as const) {
      if (next.getTime() > now.getTime() || lot[unit].left === 0 || txns.length >= owner.lines) continue;
      write(unit, 'expire', -lot[unit].left, lot[unit].id, new Date(next.getTime() + (unit === 'credit' ? 0 : 1000)), {
        source_type: 'lot',
        source_id: lot[unit].id,
        source_key: `expire:lot:${lot[unit].id}`,
      });
      lot[unit].left = 0;
    }
    for (const unit of ['credit', 'day_pass'] as const) {
      const row = lots.find((l) => l.id === lot[unit].id);
      if (row) row.remaining = lot[unit].left;
    }
  }
  return { ledger_transactions: txns, ledger_lots: lots, ledger_entries: entries };
}

/** Writes the owners' histories in transactions of about 100,000 lines. */
export async function seedLedger(target: RawTarget, input: LedgerSeedInput): Promise<{ ms: number; rows: Record<string, number> }> {
  const t = performance.now();
  const rows: Record<string, number> = { ledger_transactions: 0, ledger_entries: 0, ledger_lots: 0 };
  // a large page cache for the seed connection only, as seedCustomers does
  await withTarget(target, 1024 * 1024, async (write) => {
    let batch: Record<string, Row[]> = { ledger_transactions: [], ledger_lots: [], ledger_entries: [] };
    const flush = async () => {
      if (batch.ledger_transactions.length === 0) return;
      await write(batch);
      for (const k of Object.keys(rows)) rows[k] += batch[k].length;
      batch = { ledger_transactions: [], ledger_lots: [], ledger_entries: [] };
    };
    for (const owner of input.owners) {
      const h = ledgerHistory(input, owner, owner.now ?? input.now);
      for (const k of Object.keys(batch)) batch[k].push(...h[k as keyof typeof h]);
      if (batch.ledger_transactions.length >= 100_000) await flush();
    }
    await flush();
  });
  return { ms: performance.now() - t, rows };
}

// ---- the renewal sweep's baseline ----

export interface RawRenewalResult extends TableWrite {
  /** reading the sweep's rows back and giving them new keys, not counted in `ms` */
  buildMs: number;
  /** for the record, not in `ms`: the same subscription rows updated as the sweep updated them, one raw transaction */
  subscriptionsUpdate: { ms: number; rows: number };
}

/** The rows a sweep wrote at the instant `at` (its clock stands still), table by table, in the order the foreign keys need. */
async function rowsWrittenAt(db: Kysely<Database>, locationId: string, at: string): Promise<Record<string, Row[]>> {
  const invoices = (await db.selectFrom('invoices').selectAll().where('location_id', '=', locationId).where('created_at', '=', at).execute()) as Row[];
  const lines: Row[] = [];
  for (let i = 0; i < invoices.length; i += 1000) {
    const ids = invoices.slice(i, i + 1000).map((r) => String(r.id));
    lines.push(...((await db.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', ids).execute()) as Row[]));
  }
  return {
    ledger_transactions: (await db
      .selectFrom('ledger_transactions')
      .selectAll()
      .where('location_id', '=', locationId)
      .where('created_at', '=', at)
      .execute()) as Row[],
    ledger_lots: (await db.selectFrom('ledger_lots').selectAll().where('location_id', '=', locationId).where('created_at', '=', at).execute()) as Row[],
    // entries carry no location: every entry written at that instant (nothing else writes while the sweep runs)
    ledger_entries: (await db.selectFrom('ledger_entries').selectAll().where('created_at', '=', at).execute()) as Row[],
    invoices,
    invoice_lines: lines,
    outbox: (await db.selectFrom('outbox').selectAll().where('created_at', '=', at).execute()) as Row[],
    active_user_months: (await db
      .selectFrom('active_user_months')
      .selectAll()
      .where('location_id', '=', locationId)
      .where('created_at', '=', at)
      .execute()) as Row[],
  };
}

/** Swaps the first character, so a unique text stays unique beside the original and keeps its length. */
const mark = (v: string | number | null, c: string) => (typeof v === 'string' ? `${c}${v.slice(1)}` : v);

/**
 * The same rows with new keys (ids, a seq far above the owner's, marked source keys, invoice numbers, period starts
 * and months, so no unique index refuses them) and `created_at` set to `marker`, by which they are deleted after.
 */
function cloneRows(rows: Record<string, Row[]>, marker: string): Record<string, Row[]> {
  const ids = new Map<string, string>();
  const remap = (id: string | number | null) => {
    if (typeof id !== 'string') return id;
    const known = ids.get(id);
    if (known) return known;
    const fresh = newId();
    ids.set(id, fresh);
    return fresh;
  };
  const lotIds = new Set(rows.ledger_lots.map((l) => l.id));
  return {
    ledger_transactions: rows.ledger_transactions.map((r) => ({
      ...r,
      id: remap(r.id),
      seq: Number(r.seq) + 1_000_000,
      source_key: mark(r.source_key, 'R'),
      created_at: marker,
    })),
    ledger_lots: rows.ledger_lots.map((r) => ({ ...r, id: remap(r.id), created_at: marker })),
    ledger_entries: rows.ledger_entries.map((r) => ({
      ...r,
      // a grant's entry shares its lot's id
      id: lotIds.has(r.id) ? remap(r.id) : newId(),
      transaction_id: remap(r.transaction_id),
      lot_id: lotIds.has(r.lot_id) ? remap(r.lot_id) : r.lot_id,
      created_at: marker,
    })),
    invoices: rows.invoices.map((r) => ({ ...r, id: remap(r.id), number: mark(r.number, 'R'), period_start: mark(r.period_start, 'R'), created_at: marker })),
    invoice_lines: rows.invoice_lines.map((r) => ({ ...r, id: newId(), invoice_id: remap(r.invoice_id) })),
    outbox: rows.outbox.map((r) => {
      const id = newId();
      return { ...r, id, message_id: String(r.message_id).replace(/^<[^@]+@/, `<${id}@`), created_at: marker };
    }),
    active_user_months: rows.active_user_months.map((r) => ({ ...r, month: mark(r.month, 'R'), created_at: marker })),
  };
}

const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;

/**
 * The baseline of the renewal sweep: every row the sweep wrote at `at` (ledger transactions, entries and lots,
 * invoices and their lines, outbox rows, active-user months), read back, given new keys and inserted again in one
 * raw transaction, which also moves a number sequence on by the invoices numbered. Then, timed apart, the
 * subscriptions' own update, and the copies are deleted.
 */
export async function rawRenewal(db: Kysely<Database>, target: RawTarget, s: { locationId: string }, at: string): Promise<RawRenewalResult> {
  let t = performance.now();
  const written = await rowsWrittenAt(db, s.locationId, at);
  const marker = new Date(Date.parse(at) + 1).toISOString();
  const tables = cloneRows(written, marker);
  const numbered = written.invoices.filter((r) => r.number !== null).length;
  const subscriptions = await db
    .selectFrom('subscriptions')
    .select(['id', 'status', 'current_period_start', 'current_period_end', 'granted_period_start', 'drafted_period_start', 'updated_at'])
    .where('location_id', '=', s.locationId)
    .where('updated_at', '=', at)
    .execute();
  await db.insertInto('number_sequences').values({ location_id: s.locationId, kind: 'invoice', scope: 'raw', next: 1 }).execute();
  const buildMs = performance.now() - t;
  const after: RawStatement[] = [
    {
      label: 'number_sequences',
      sql: `update number_sequences set next = next + ${numbered} where location_id = ${literal(s.locationId)} and kind = 'invoice' and scope = 'raw'`,
    },
  ];
  try {
    return await withTarget(target, null, async (write) => {
      const w = await write(tables, after);
      // the sweep also updates each subscription it served: the same values written again, as a raw update
      t = performance.now();
      const cols = ['status', 'current_period_start', 'current_period_end', 'granted_period_start', 'drafted_period_start', 'updated_at'] as const;
      if (target.kind === 'sqlite') {
        const conn = openSqlite(target.file);
        try {
          const stmt = conn.prepare(`update subscriptions set ${cols.map((c) => `${c} = @${c}`).join(', ')} where id = @id`);
          conn.transaction(() => {
            for (const r of subscriptions) stmt.run(r);
          })();
        } finally {
          conn.close();
        }
      } else {
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          await client.query('begin');
          for (let i = 0; i < subscriptions.length; i += 1000) {
            const part = subscriptions.slice(i, i + 1000);
            const params: unknown[] = [];
            const tuples = part.map((r) => {
              const placeholders = (['id', ...cols] as const).map((c) => {
                params.push(r[c]);
                return `$${params.length}::text`;
              });
              return `(${placeholders.join(', ')})`;
            });
            await client.query(
              `update subscriptions as s set ${cols.map((c) => `${c} = v.${c}`).join(', ')} from (values ${tuples.join(', ')}) as v(id, ${cols.join(', ')}) where s.id = v.id`,
              params,
            );
          }
          await client.query('commit');
        } finally {
          await client.end();
        }
      }
      return { ...w, buildMs, subscriptionsUpdate: { ms: performance.now() - t, rows: subscriptions.length } };
    });
  } finally {
    // the copies go, so the next sweep meets the database as the last one left it
    await db
      .deleteFrom('invoice_lines')
      .where('invoice_id', 'in', db.selectFrom('invoices').select('id').where('created_at', '=', marker))
      .execute();
    for (const table of ['invoices', 'ledger_entries', 'ledger_lots', 'ledger_transactions', 'outbox', 'active_user_months'] as const)
      await db.deleteFrom(table).where('created_at', '=', marker).execute();
    await db.deleteFrom('number_sequences').where('location_id', '=', s.locationId).where('scope', '=', 'raw').execute();
  }
}
