// The baseline of the mass-invite benchmark: the rows a mass invitation writes for each new person (a user, a
// customer, two activities, an invitation and an outbox row with a rendered-size email), inserted straight into
// the same tables with no application code in between: better-sqlite3 prepared statements in one transaction on
// SQLite, multi-row INSERTs through pg in one transaction on PostgreSQL. Runs inside the bench server process.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { searchWordsColumn } from '../src/server/lib/search-words.js';
import { renderInvitation } from '../src/server/modules/invitations/mail.js';

export interface RawPerson {
  firstName: string;
  lastName: string;
  email: string;
  /** E.164 or null */
  phone: string | null;
}

export interface RawInsertInput {
  organizationId: string;
  locationId: string;
  actorUserId: string;
  locationName: string;
  organizationName: string;
  inviterName: string;
  publicUrl: string;
  people: RawPerson[];
}

export interface RawInsertResult {
  /** the insert transaction, from BEGIN to COMMIT (ms) */
  ms: number;
  /** building the rows in memory beforehand (ids, token hashes, email bodies), not counted in `ms` */
  buildMs: number;
  /** time per table inside the transaction (ms) */
  tables: Record<string, number>;
  rows: Record<string, number>;
}

export type Row = Record<string, string | number | null>;

/** Builds every row in memory (not timed as part of the insert). */
async function buildRows(input: RawInsertInput) {
  const now = new Date().toISOString();
  const host = new URL(input.publicUrl).hostname;
  // One real rendering of the invitation email, with markers where each person's details go, so every outbox
  // row has the size and shape of the emails the app queues.
  const sample = await renderInvitation(
    'en',
    { invitation_subject: null, invitation_body: null },
    {
      first_name: 'XFIRSTX',
      last_name: 'XLASTX',
      location_name: input.locationName,
      organization_name: input.organizationName,
      inviter_name: input.inviterName,
      activation_url: `${input.publicUrl}/activate/XTOKENX`,
    },
  );
  const fill = (s: string, p: RawPerson, token: string) => s.replaceAll('XFIRSTX', p.firstName).replaceAll('XLASTX', p.lastName).replaceAll('XTOKENX', token);
  const users: Row[] = [];
  const customers: Row[] = [];
  const activities: Row[] = [];
  const invitations: Row[] = [];
  const outbox: Row[] = [];
  for (const p of input.people) {
    const userId = randomUUID();
    const customerId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const name = `${p.firstName} ${p.lastName}`.trim();
    users.push({
      id: userId,
      email: p.email,
      first_name: p.firstName,
      last_name: p.lastName,
      phone: p.phone,
      activated_at: null,
      email_verified_at: null,
      last_active_at: null,
      created_at: now,
    });
    customers.push({
      id: customerId,
      organization_id: input.organizationId,
      location_id: input.locationId,
      user_id: userId,
      type: 'member',
      status: 'invited',
      previous_type: null,
      source: 'mass_invitation',
      company_id: null,
      company_manager: 0,
      invited_by_user_id: input.actorUserId,
      invited_at: now,
      reminder_sent_at: null,
      contract_start: null,
      contract_end: null,
      created_at: now,
      removed_at: null,
      search_text: [name, p.email, p.phone ?? '', ''].join(' ').toLowerCase(),
      // the words the real insert writes too (the triggers copy them into customer_search_words)
      search_words: searchWordsColumn([name, p.email, p.phone ?? '', ''].join(' ').toLowerCase()),
      sort_name: name.toLowerCase(),
      last_active_at: null,
    });
    const act = (kind: string, data: unknown): Row => ({
      id: randomUUID(),
      organization_id: input.organizationId,
      location_id: input.locationId,
      customer_id: customerId,
      actor_user_id: input.actorUserId,
      kind,
      data: JSON.stringify(data),
      created_at: now,
    });
    activities.push(act('created', { type: 'member', source: 'mass_invitation' }), act('invited', { source: 'mass_invitation', email: p.email }));
    invitations.push({
      id: randomUUID(),
      organization_id: input.organizationId,
      location_id: input.locationId,
      customer_id: customerId,
      user_id: userId,
      token_hash: createHash('sha256').update(token).digest('hex'),
      kind: 'invitation',
      created_at: now,
      used_at: null,
      revoked_at: null,
    });
    const mailId = randomUUID();
    outbox.push({
      id: mailId,
      organization_id: input.organizationId,
      to_address: p.email,
      subject: fill(sample.subject, p, token),
      text_body: fill(sample.text, p, token),
      html_body: fill(sample.html, p, token),
      message_id: `<${mailId}@${host}>`,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    });
  }
  // in the order the foreign keys need
  return { users, customers, activities, invitations, outbox } as Record<string, Row[]>;
}

/** What a raw write took: the transaction from BEGIN to COMMIT, each table's share, and the rows per table. */
export interface TableWrite {
  ms: number;
  tables: Record<string, number>;
  rows: Record<string, number>;
}

/** Opens a second better-sqlite3 connection to the app's file with the app's pragmas (WAL, foreign keys, synchronous NORMAL). */
export function openSqlite(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

const quote = (name: string) => `"${name}"`;

/** A statement run after the inserts, in the same transaction (an UPDATE, say), timed under its label. */
export interface RawStatement {
  label: string;
  sql: string;
}

/**
 * Inserts each table's rows, in the order given (the order the foreign keys need), with one prepared statement per
 * table in one transaction; `after` runs at the end of the same transaction. Only the transaction is timed.
 */
export function insertTablesSqlite(db: SQLite.Database, tables: Record<string, Row[]>, after: RawStatement[] = []): TableWrite {
  const perTable: Record<string, number> = {};
  const t = performance.now();
  const statements = Object.entries(tables)
    .filter(([, rows]) => rows.length > 0)
    .map(([name, rows]) => {
      const cols = Object.keys(rows[0]);
      return { name, rows, stmt: db.prepare(`insert into ${name} (${cols.map(quote).join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`) };
    });
  db.transaction(() => {
    for (const { name, rows, stmt } of statements) {
      const s = performance.now();
      for (const r of rows) stmt.run(r);
      perTable[name] = performance.now() - s;
    }
    for (const a of after) {
      const s = performance.now();
      db.prepare(a.sql).run();
      perTable[a.label] = (perTable[a.label] ?? 0) + performance.now() - s;
    }
  })();
  const ms = performance.now() - t;
  return { ms, tables: perTable, rows: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])) };
}

/**
 * The same through pg: multi-row INSERTs of at most 1,000 rows (and 65,535 parameters) a statement, in one
 * transaction, `after` at its end. Only the transaction is timed.
 */
export async function insertTablesPostgres(client: pg.Client, tables: Record<string, Row[]>, after: RawStatement[] = []): Promise<TableWrite> {
  const perTable: Record<string, number> = {};
  const t = performance.now();
  await client.query('begin');
  try {
    for (const [name, rows] of Object.entries(tables)) {
      if (rows.length === 0) continue;
      const s = performance.now();
      const cols = Object.keys(rows[0]);
      const per = Math.max(1, Math.min(1000, Math.floor(65_535 / cols.length)));
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = part.map((r) => {
          const placeholders = cols.map((c) => {
            params.push(r[c]);
            return `$${params.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(`insert into ${name} (${cols.map(quote).join(', ')}) values ${tuples.join(', ')}`, params);
      }
      perTable[name] = performance.now() - s;
    }
    for (const a of after) {
      const s = performance.now();
      await client.query(a.sql);
      perTable[a.label] = (perTable[a.label] ?? 0) + performance.now() - s;
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
  const ms = performance.now() - t;
  return { ms, tables: perTable, rows: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])) };
}

export async function rawInsertSqlite(file: string, input: RawInsertInput): Promise<RawInsertResult> {
  const t = performance.now();
  const tables = await buildRows(input);
  const buildMs = performance.now() - t;
  const db = openSqlite(file);
  try {
    return { ...insertTablesSqlite(db, tables), buildMs };
  } finally {
    db.close();
  }
}

export async function rawInsertPostgres(url: string, input: RawInsertInput): Promise<RawInsertResult> {
  const t = performance.now();
  const tables = await buildRows(input);
  const buildMs = performance.now() - t;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return { ...(await insertTablesPostgres(client, tables)), buildMs };
  } finally {
    await client.end();
  }
}
