// `atrium seed --customers N`: many believable customers at one location, for trying the
// Customers page at scale and for the benchmarks. Multi-row inserts, 50,000 rows a transaction.
import { sql } from 'kysely';
import type { Deps } from './deps.js';
import { DAY } from './lib/clock.js';
import { newId } from './lib/tokens.js';
import * as companies from './modules/companies/service.js';
import * as customers from './modules/customers/service.js';
import * as users from './modules/users/service.js';
import { REMINDER_AFTER_MS } from './modules/invitations/service.js';
import type { User } from './db/schema.js';

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'David',
  'Elif',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kenji',
  'Lea',
  'Mateo',
  'Nora',
  'Omar',
  'Paula',
  'Quentin',
  'Rosa',
  'Sami',
  'Tara',
  'Ugo',
  'Vera',
  'Wen',
  'Yara',
  'Zoe',
  'Alice',
  'Bruno',
  'Clara',
  'Diego',
  'Emma',
  'Felix',
  'Gaia',
  'Hana',
  'Ivan',
  'Julia',
  'Karim',
  'Lina',
  'Marco',
  'Nina',
  'Oscar',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Garcia',
  'Rossi',
  'Müller',
  'Nowak',
  'Silva',
  'Kowalski',
  'Jensen',
  'Novak',
  'Costa',
  'Weber',
  'Schmidt',
  'Fischer',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Lopez',
  'Santos',
  'Ferrari',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
];

export interface SeedOptions {
  organizationId: string;
  locationId: string;
  count: number;
  /** prefix of the seeded emails, so several seeds can share a database */
  tag?: string;
  onProgress?: (done: number) => void;
}

/**
 * Rows per transaction. Each row lands at a random place in a dozen B-trees (random UUID keys, the
 * customers indexes, the search index), so the fewer and larger the transactions, the fewer times each
 * page is written: 50,000 a transaction seeds 1,000,000 customers in about a third less time than 5,000.
 */
const BATCH = 50_000;
/** SQLite page cache while seeding (KiB, as a negative cache_size): the default 2 MiB rereads index pages for every row. */
const SQLITE_SEED_CACHE_KIB = 1024 * 1024;

/** Inserts `count` customers (about 90% members, some in companies, some never active). */
export async function seedCustomers(deps: Deps, o: SeedOptions): Promise<void> {
  if (deps.dbKind !== 'sqlite') return seedRows(deps, o);
  // A larger page cache for the seed only; the connection gets its own value back afterwards.
  const before = (await sql<{ cache_size: number }>`pragma cache_size`.execute(deps.db)).rows[0]?.cache_size ?? -2000;
  await sql.raw(`pragma cache_size = -${SQLITE_SEED_CACHE_KIB}`).execute(deps.db);
  try {
    await seedRows(deps, o);
  } finally {
    await sql.raw(`pragma cache_size = ${Number(before)}`).execute(deps.db);
  }
}

async function seedRows(deps: Deps, o: SeedOptions): Promise<void> {
  const s = { organizationId: o.organizationId, locationId: o.locationId };
  const tag = o.tag ?? newId().slice(0, 8);
  const now = deps.clock.now().getTime();
  const companyIds: string[] = [];
  const companyNames: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < Math.max(1, Math.floor(o.count / 200)); i++) {
      const name = `${LAST[i % LAST.length]} ${['Labs', 'Studio', 'Partners', 'Design', 'Analytics'][i % 5]} ${i}`;
      companyNames.push(name);
      companyIds.push(await companies.createCompanyInTx(trx, s, { name }, new Date(now - 900 * DAY)));
    }
  });
  for (let start = 0; start < o.count; start += BATCH) {
    const n = Math.min(BATCH, o.count - start);
    const userRows: User[] = [];
    const customerRows: ReturnType<typeof customers.newCustomerRow>[] = [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      const created = new Date(now - ((i * 7919) % (1000 * 24)) * 3_600_000).toISOString();
      const active = i % 5 !== 0;
      const userId = newId();
      userRows.push({
        id: userId,
        email: `${`${first}.${last}.${tag}.${i}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z0-9.]/g, '')}@seed.atrium.test`,
        first_name: first,
        last_name: last,
        phone: i % 3 === 0 ? `+33${String(600000000 + ((i * 104729) % 99999999))}` : null,
        activated_at: active ? created : null,
        email_verified_at: active ? created : null,
        last_active_at: active ? new Date(now - ((i * 31) % (90 * 24)) * 3_600_000).toISOString() : null,
        created_at: created,
        language: null,
      });
      const nonmember = i % 10 === 9;
      const companyIndex = i % companyIds.length;
      const companyId = !nonmember && i % 4 === 0 ? companyIds[companyIndex] : null;
      const u = userRows[userRows.length - 1];
      const row = customers.newCustomerRow(
        s,
        {
          userId,
          type: nonmember ? 'nonmember' : 'member',
          status: active || nonmember ? 'active' : 'invited',
          source: nonmember ? 'reception' : i % 7 === 0 ? 'mass_invitation' : 'invitation',
          companyId,
          companyManager: companyId !== null && i % 40 === 0,
          invited: !nonmember,
          entered: { firstName: first, lastName: last, phone: u.phone },
          account: u,
          companyName: companyId ? companyNames[companyIndex] : null,
        },
        newId(),
        new Date(created),
      );
      // An invitee of long ago has had the reminder: otherwise the first sweep of a seeded server
      // queues one email for each (about 20,000 per 100,000 customers) in one transaction.
      const remindedAt = Date.parse(created) + REMINDER_AFTER_MS;
      if (row.status === 'invited' && remindedAt <= now) row.reminder_sent_at = new Date(remindedAt).toISOString();
      customerRows.push(row);
    }
    await deps.db.transaction().execute(async (trx) => {
      await users.insertSeedUsers(trx, userRows);
      await customers.insertCustomers(trx, customerRows);
    });
    o.onProgress?.(start + n);
  }
}
