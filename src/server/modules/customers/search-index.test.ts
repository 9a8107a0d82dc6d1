// The word-prefix index of customer search: what the words of a text are, that the table the triggers
// write follows every change of a customer (insert, edits, company rename, removal, deletion), and that
// the migration fills it for customers that existed before it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextPrefix, searchWords, searchWordsColumn, wordPrefixPatterns } from '../../lib/search-words.js';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

describe('the words of a search text', () => {
  it('keeps each token and the runs of letters and digits after punctuation, leaving out words that start another', () => {
    expect(searchWords('mateo martin mateo.martin.s0.12@seed.atrium.test +33612345678 martin analytics 12')).toEqual([
      '+33612345678',
      '12',
      '33612345678',
      'analytics',
      'atrium',
      'martin',
      'mateo.martin.s0.12@seed.atrium.test',
      's0',
      'seed',
      'test',
    ]);
    // "per" starts "per%cent"; "cent" comes after punctuation; accents and marks stay inside a word
    expect(searchWords('per%cent percy  zoë o\u0301scar jean-luc')).toEqual(['cent', 'jean-luc', 'luc', 'o\u0301scar', 'per%cent', 'percy', 'zoë']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(`${'a'.repeat(150)} b`)).toEqual(['a'.repeat(100), 'b']);
    expect(JSON.parse(searchWordsColumn('say "hi" back\\slash'))).toEqual(['"hi"', 'back\\slash', 'hi', 'say', 'slash']);
  });

  it('bounds a prefix by the next string in code-point order', () => {
    expect(nextPrefix('mate')).toBe('matf');
    expect(nextPrefix('a\uffff')).toBe('a\u{10000}');
    expect(nextPrefix('\ud7ff')).toBe('\ue000');
    expect(nextPrefix('x\u{10ffff}')).toBe('y');
    expect(nextPrefix('\u{10ffff}')).toBeNull();
  });

  it('tests a JSON words column for a word start with LIKE patterns that a quote inside a word cannot fool', () => {
    const like = (pattern: string, text: string) =>
      new RegExp(
        `^${pattern.replace(/\\(.)|%|_|[.*+?^${}()|[\]]/g, (m, escaped: string | undefined) => (escaped !== undefined ? escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : m === '%' ? '.*' : m === '_' ? '.' : `\\${m}`))}$`,
        's',
      ).test(text);
    const column = searchWordsColumn('say "hi" 100%');
    const starts = (term: string) => wordPrefixPatterns(term).some((p) => like(p, column));
    expect(starts('hi')).toBe(true);
    expect(starts('"h')).toBe(true);
    expect(starts('sa')).toBe(true);
    expect(starts('100%')).toBe(true);
    expect(starts('i')).toBe(false);
    expect(starts('00')).toBe(false);
    expect(starts('%')).toBe(false);
  });
});

let ctx: TestContext;
let org: Org;
/** A migrated database with an organization, for the tests that need one. */
function withDatabase() {
  beforeEach(async () => {
    ctx = await createTestContext();
    org = await setupOrganization(ctx);
  });
  afterEach(() => ctx.close());
}

const loc = (p: string) => `/api/v1/locations/${org.locationId}${p}`;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', p: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: loc(p), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

/** Every customer's words as the code computes them, against what the index table holds. */
async function expectIndexInStep() {
  const customers = await ctx.db.selectFrom('customers').select(['id', 'organization_id', 'location_id', 'search_text', 'search_words']).execute();
  const expected = customers.flatMap((c) => searchWords(c.search_text).map((word) => `${c.organization_id} ${c.location_id} ${word} ${c.id}`)).sort();
  for (const c of customers) expect(c.search_words).toBe(searchWordsColumn(c.search_text));
  const rows = await ctx.db.selectFrom('customer_search_words').selectAll().execute();
  expect(rows.map((r) => `${r.organization_id} ${r.location_id} ${r.word} ${r.customer_id}`).sort()).toEqual(expected);
  return rows.length;
}

describe('the word index follows every change', () => {
  withDatabase();
  it('on invitations, edits, company renames, removal and deletion', async () => {
    const company = (await call('POST', '/companies', { name: 'Globex Corp' })).json().company.id;
    const ada = (
      await call('POST', '/invitations', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.test', phone: '06 12 34 56 78', companyId: company })
    ).json().customer;
    const typo = (await call('POST', '/invitations', { firstName: 'Pat', email: 'pat@tpyo.test' })).json().customer;
    await call('POST', '/nonmembers', { firstName: 'Lead', lastName: 'Person', email: 'lead@x.test' });
    const mass = await call('POST', '/invitations/bulk', { text: 'Hugo\tHill\thugo@x.test\nIvy\tIrwin\tivy@x.test' });
    expect(mass.statusCode).toBe(202);
    for (let i = 0; i < 200; i++) {
      if ((await call('GET', `/invitations/bulk/${mass.json().jobId}`)).json().status === 'done') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await expectIndexInStep()).toBeGreaterThan(15);
    const search = async (q: string) => (await call('GET', `/customers?q=${encodeURIComponent(q)}`)).json().items.map((c: { email: string }) => c.email);
    expect(await search('lo')).toEqual(['ada@analytical.test']);
    expect(await search('gl')).toEqual(['ada@analytical.test']);

    expect((await call('PATCH', `/customers/${ada.id}`, { firstName: 'Augusta', lastName: 'King' })).statusCode).toBe(200);
    expect((await call('PATCH', `/companies/${company}`, { name: 'Initech' })).statusCode).toBe(200);
    await expectIndexInStep();
    expect(await search('lo')).toEqual([]);
    expect(await search('gl')).toEqual([]);
    expect(await search('in')).toEqual(['ada@analytical.test']);
    expect(await search('ki')).toEqual(['ada@analytical.test']);

    // the wrong-email removal deletes the record: its words go with it
    expect((await call('DELETE', `/customers/${typo.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/customers/${ada.id}`)).statusCode).toBe(204);
    await expectIndexInStep();
    const left = await ctx.db.selectFrom('customer_search_words').select('customer_id').where('customer_id', '=', typo.id).execute();
    expect(left).toEqual([]);
  });
});

/** The migrations folder, read as the app reads it, for a migrator that can stop before a given one. */
class Folder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');
    const out: Record<string, Migration> = {};
    for (const f of fs.readdirSync(dir).sort()) {
      if (!/\.(ts|js)$/.test(f) || f.endsWith('.d.ts')) continue;
      out[f.replace(/\.(ts|js)$/, '')] = (await import(path.join(dir, f))) as Migration;
    }
    return out;
  }
}

describe('the migration', () => {
  withDatabase();
  it('fills the words of the customers that existed before it, and can be undone', async () => {
    const company = (await call('POST', '/companies', { name: 'Rossi Labs' })).json().company.id;
    for (const [i, name] of ['Rosa Ricci', 'Marco Rossi', 'Lina Costa'].entries()) {
      const [firstName, lastName] = name.split(' ');
      await call('POST', '/invitations', { firstName, lastName, email: `${firstName.toLowerCase()}.${i}@x.test`, ...(i === 2 ? { companyId: company } : {}) });
    }
    const migrator = new Migrator({ db: ctx.db, provider: new Folder() });
    const down = await migrator.migrateTo('2026_11_30_1600_add_location_language');
    expect(down.error).toBeUndefined();
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toContain('2026_11_30_1700_add_customer_search_words');
    expect(await expectIndexInStep()).toBeGreaterThan(10);
    const search = async (q: string) =>
      (await call('GET', `/customers?q=${q}&sort=name`)).json().items.map((c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`);
    expect(await search('ro')).toEqual(['Lina Costa', 'Marco Rossi', 'Rosa Ricci']);
    expect(await search('co')).toEqual(['Lina Costa']);
  });
});
