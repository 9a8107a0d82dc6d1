// The Customers page list: tabs with counts, search as you type, filters, sorts with keyset
// paging, and the CSV export (header, filter, formula neutralising, streamed in pages).
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvLines, neutralise } from '../../lib/csv.js';
import { DAY, MINUTE } from '../../lib/clock.js';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import type { SearchTuning } from './queries.js';
import type { CustomerFilter } from './schema.js';
import { listCustomerRows } from './service.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

interface Customer {
  id: string;
  type: 'member' | 'nonmember';
  status: 'invited' | 'active' | 'removed';
  source: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  companyId: string | null;
  companyName: string | null;
  createdAt: string;
  lastActiveAt: string | null;
}

const loc = (p: string) => `/api/v1/locations/${org.locationId}${p}`;
const get = (p: string, cookie = org.ownerCookie) => ctx.request({ method: 'GET', url: loc(p), cookie });
const post = (p: string, payload: unknown, cookie = org.ownerCookie) =>
  ctx.request({ method: 'POST', url: loc(p), payload: payload as Record<string, unknown>, cookie });

async function createCompany(name: string): Promise<string> {
  const r = await post('/companies', { name });
  expect(r.statusCode).toBe(201);
  return r.json().company.id;
}

async function invite(payload: Record<string, unknown>): Promise<Customer> {
  const r = await post('/invitations', payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().customer;
}

async function nonmember(payload: Record<string, unknown>): Promise<Customer> {
  const r = await post('/nonmembers', payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().customer;
}

/** Opens the newest activation link to the address: the account is activated, a session cookie returned. */
async function activate(email: string): Promise<string> {
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const r = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
  expect(r.json().status).toBe('signed_in');
  return sessionCookie(r);
}

async function waitJob(jobId: string) {
  for (let i = 0; i < 400; i++) {
    const r = await get(`/invitations/bulk/${jobId}`);
    if (r.json().status === 'done' || r.json().status === 'failed') return r.json();
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('job did not finish');
}

async function massInvite(text: string, companyId?: string) {
  const r = await post('/invitations/bulk', { text, ...(companyId ? { companyId } : {}) });
  expect(r.statusCode, r.body).toBe(202);
  const job = await waitJob(r.json().jobId);
  expect(job.status).toBe('done');
  return job;
}

async function listAll(query = ''): Promise<Customer[]> {
  const r = await get(`/customers?limit=200${query ? `&${query}` : ''}`);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().nextCursor).toBeNull();
  return r.json().items;
}

const sep = (q: string) => (q ? `&${q}` : '');

/** Every page of the list at `limit`, following nextCursor to the end. */
async function walk(query: string, limit = 7): Promise<{ items: Customer[]; pages: number }> {
  const items: Customer[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await get(`/customers?limit=${limit}${sep(query)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 100) throw new Error('paging does not end');
  } while (cursor);
  return { items, pages };
}

const nameKey = (c: Customer) => `${c.firstName} ${c.lastName}`.trim().toLowerCase();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SORT_KEYS: Record<string, (c: Customer) => string> = {
  created: (c) => c.createdAt,
  name: nameKey,
  last_active: (c) => c.lastActiveAt ?? '',
};
function expectedOrder(all: Customer[], sort: string): string[] {
  const desc = sort.startsWith('-');
  const key = SORT_KEYS[sort.replace(/^-/, '')];
  const sorted = [...all].sort((a, b) => cmp(key(a), key(b)) || cmp(a.id, b.id));
  if (desc) sorted.reverse();
  return sorted.map((c) => c.id);
}

/** The words of a customer's text: the runs between spaces, and the runs of letters and digits inside them (`per%cent`: `per%cent`, `per`, `cent`). */
const words = (text: string) => text.split(/\s+/).flatMap((token) => [token, ...[...token.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((run) => run[0])]);
/** Whether a term starts a word of the text (name, email, phone, company, lower-cased): such matches come first. */
const startsAWord = (text: string, term: string) => words(text).some((w) => w.startsWith(term.trim().toLowerCase()));
/** What a search finds: a term of 3 characters or more anywhere in the text; a shorter one at the start of a word. */
function found(text: string, term: string): boolean {
  const t = term.trim().toLowerCase();
  return Array.from(t).length >= 3 ? text.includes(t) : startsAWord(text, t);
}

const MEMBERS_DAY0 = [
  { firstName: 'Alice', lastName: 'Adams', email: 'alice@x.test', phone: '06 12 34 56 78', company: 'globex' },
  { firstName: 'Bob', lastName: 'Brown', email: 'bob@x.test' },
  { firstName: 'Carla', lastName: 'Chen', email: 'carla@x.test', company: 'initech' },
  { firstName: 'Sam', lastName: 'Lee', email: 'sam1@x.test' },
  { firstName: 'Sam', lastName: 'Lee', email: 'sam2@x.test' },
  { firstName: 'Sam', lastName: 'Lee', email: 'sam3@x.test' },
  { firstName: 'Xu', lastName: 'Qi', email: 'xu@x.test', phone: '+44 20 7946 0958' },
  { firstName: 'Per%cent', lastName: 'Percy', email: 'per@x.test' },
  { firstName: 'Under_score', lastName: 'Uma', email: 'under@x.test' },
  { firstName: 'Star*man', lastName: 'Stan', email: 'star@x.test' },
  { firstName: 'Que?ry', lastName: 'Quinn', email: 'query@x.test' },
  { firstName: 'Brack[et', lastName: 'Bea', email: 'bracket@x.test' },
  { firstName: 'Back\\slash', lastName: 'Bo', email: 'backslash@x.test' },
  { firstName: 'Dana', lastName: 'Diaz', email: 'dana@x.test', company: 'globex' },
] as const;
const NONMEMBERS_DAY2 = ['Nora North', 'Oscar Ortiz', 'Paula Park', 'Rita Ross', 'Tom Tate', 'Vera Voss', 'Walt West', 'Yara Young'];
const MASS_DAY4 = ['Hugo Hill', 'Ivy Irwin', 'Jack Jones', 'Kim Kent', 'Leo Lane'];
const MEMBERS_DAY5 = ['Mia Moss', 'Ned Nash', 'Omar Ott'];

interface Seed {
  globex: string;
  initech: string;
  all: Customer[];
  /** the customers the list shows without a status filter: all but the removed */
  live: Customer[];
  by: (email: string) => Customer;
}

/**
 * Thirty customers over five days: invited and active members (two companies), nonmembers,
 * mass-invited members, one removed; five of them active in the portal at distinct times.
 */
async function seed(): Promise<Seed> {
  const globex = await createCompany('Globex Corp');
  const initech = await createCompany('Initech');
  const cookies = new Map<string, string>();
  for (const p of MEMBERS_DAY0) {
    const companyId = 'company' in p ? (p.company === 'globex' ? globex : initech) : undefined;
    await invite({
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      ...('phone' in p ? { phone: p.phone } : {}),
      ...(companyId ? { companyId } : {}),
    });
    if (['alice@x.test', 'bob@x.test', 'xu@x.test', 'dana@x.test'].includes(p.email)) cookies.set(p.email, await activate(p.email));
  }
  ctx.clock.advance(2 * DAY);
  for (const n of NONMEMBERS_DAY2) {
    const [firstName, lastName] = n.split(' ');
    await nonmember({ firstName, lastName, email: `${firstName.toLowerCase()}@x.test` });
  }
  ctx.clock.advance(2 * DAY);
  await massInvite(MASS_DAY4.map((n) => `${n.replace(' ', '\t')}\t${n.split(' ')[0].toLowerCase()}@x.test`).join('\n'));
  ctx.clock.advance(DAY);
  for (const n of MEMBERS_DAY5) {
    const [firstName, lastName] = n.split(' ');
    await invite({ firstName, lastName, email: `${firstName.toLowerCase()}@x.test` });
  }
  cookies.set('mia@x.test', await activate('mia@x.test'));
  // Portal use at distinct times, in an order unlike the creation order.
  for (const email of ['xu@x.test', 'mia@x.test', 'alice@x.test', 'dana@x.test', 'bob@x.test']) {
    ctx.clock.advance(5 * MINUTE);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: cookies.get(email)! })).statusCode).toBe(200);
  }
  const mia = (await listAll('q=mia@x.test'))[0];
  expect((await ctx.request({ method: 'DELETE', url: loc(`/customers/${mia.id}`), cookie: org.ownerCookie })).statusCode).toBe(204);
  // The list leaves removed customers out unless asked for them (like the tab counts).
  const live = await listAll();
  const all = [...live, ...(await listAll('status=removed'))];
  const by = (email: string) => {
    const c = all.find((x) => x.email === email);
    if (!c) throw new Error(`no customer ${email}`);
    return c;
  };
  return { globex, initech, all, live, by };
}

describe('tabs and counts', () => {
  it('lists members and nonmembers under their tabs, with counts that leave removed customers out', async () => {
    const s = await seed();
    expect(s.all).toHaveLength(30);
    const counts = await get('/customers/counts');
    expect(counts.statusCode).toBe(200);
    // 14 + 5 + 3 members, one of them removed; 8 nonmembers; 2 companies
    expect(counts.json()).toEqual({ members: 21, nonmembers: 8, companies: 2 });

    const members = await listAll('type=member');
    expect(members).toHaveLength(21);
    expect(members.every((c) => c.type === 'member')).toBe(true);
    expect(members.filter((c) => c.status !== 'removed')).toHaveLength(21);
    const nonmembers = await listAll('type=nonmember');
    expect(nonmembers.map((c) => c.email).sort()).toEqual(NONMEMBERS_DAY2.map((n) => `${n.split(' ')[0].toLowerCase()}@x.test`).sort());
    expect(nonmembers.every((c) => c.status === 'active' && c.source === 'manual')).toBe(true);

    expect(s.by('alice@x.test')).toMatchObject({
      type: 'member',
      status: 'active',
      source: 'invitation',
      phone: '+33612345678',
      companyId: s.globex,
      companyName: 'Globex Corp',
    });
    expect(s.by('carla@x.test')).toMatchObject({ status: 'invited', companyName: 'Initech' });
    expect(s.by('hugo@x.test')).toMatchObject({ type: 'member', status: 'invited', source: 'mass_invitation' });
    expect(s.by('mia@x.test')).toMatchObject({ type: 'member', status: 'removed' });
  });

  it('counts an empty location as zeros, and the default order is newest first', async () => {
    expect((await get('/customers/counts')).json()).toEqual({ members: 0, nonmembers: 0, companies: 0 });
    await invite({ firstName: 'First', email: 'first@x.test' });
    ctx.clock.advance(MINUTE);
    await nonmember({ firstName: 'Second', email: 'second@x.test' });
    const r = await get('/customers');
    expect(r.json().items.map((c: Customer) => c.email)).toEqual(['second@x.test', 'first@x.test']);
    expect(r.json().nextCursor).toBeNull();
    expect((await get('/customers/counts')).json()).toEqual({ members: 1, nonmembers: 1, companies: 0 });
  });
});

describe('search as you type', () => {
  it('matches part of the name, email, phone digits and company, case-insensitively, with no wildcard leaks', async () => {
    const s = await seed();
    // the list's own fields are what search reads: name, email, E.164 phone, company name
    const hay = (c: Customer) => [c.firstName, c.lastName, c.email, c.phone ?? '', c.companyName ?? ''].join(' ').toLowerCase();
    const oracle = (term: string) =>
      s.live
        .filter((c) => found(hay(c), term))
        .map((c) => c.email)
        .sort();
    const search = async (term: string) => (await listAll(`q=${encodeURIComponent(term)}`)).map((c) => c.email).sort();

    const cases: [string, string[] | null][] = [
      ['lic', ['alice@x.test']],
      ['ALICE', ['alice@x.test']],
      ['aDaMs', ['alice@x.test']],
      ['carla@', ['carla@x.test']],
      ['DIAZ', ['dana@x.test']],
      ['612345', ['alice@x.test']],
      ['+3361', ['alice@x.test']],
      ['2079460', ['xu@x.test']],
      ['globex', ['alice@x.test', 'dana@x.test']],
      ['LOBEX C', ['alice@x.test', 'dana@x.test']],
      ['initech', ['carla@x.test']],
      ['xu', ['xu@x.test']],
      ['q', null],
      ['a', null],
      ['qi', null],
      // Shorter than 3 characters: the start of a word only, including a run of letters or digits after
      // punctuation (the email's domain pieces, the phone's digits, "cent" in "Per%cent"); not inside a word.
      ['33', ['alice@x.test']],
      ['+3', ['alice@x.test']],
      ['ce', ['per@x.test']],
      ['et', ['bracket@x.test']],
      ['gl', ['alice@x.test', 'dana@x.test']],
      ['li', []],
      ['%', []],
      ['r%c', ['per@x.test']],
      ['_', []],
      ['r_s', ['under@x.test']],
      ['*', []],
      ['r*m', ['star@x.test']],
      ['?', []],
      ['e?r', ['query@x.test']],
      ['[', []],
      ['k[e', ['bracket@x.test']],
      ['[a]', []],
      ['[!a]', []],
      ['%%', []],
      ['\\', []],
      ['k\\s', ['backslash@x.test']],
      ["'", []],
      ['zzz', []],
      ['sam lee', ['sam1@x.test', 'sam2@x.test', 'sam3@x.test']],
      ['  bob  ', ['bob@x.test']],
      ['b\u0000ob', ['bob@x.test']],
    ];
    for (const [term, expected] of cases) {
      const got = await search(term);
      // a NUL is dropped from the term (PostgreSQL refuses it in a query)
      expect(got, `q=${JSON.stringify(term)}`).toEqual(oracle(term.replace(/\u0000/g, '')));
      if (expected) expect(got, `q=${JSON.stringify(term)}`).toEqual(expected);
    }
    // one- and two-character terms still search (they are not ignored as "too short")
    expect((await search('q')).length).toBeGreaterThan(0);
    expect((await search('q')).length).toBeLessThan(s.all.length);
    expect(await search('%')).not.toHaveLength(s.all.length);
    expect(await search('_')).not.toHaveLength(s.all.length);
  });

  it('matches accented names whatever their case', async () => {
    await invite({ firstName: 'Émile', lastName: 'Zoë', email: 'emile@x.test' });
    await invite({ firstName: 'Other', email: 'other@x.test' });
    for (const term of ['émile', 'ÉMILE', 'Émile', 'zoë', 'ZOË', 'mile']) {
      expect(
        (await listAll(`q=${encodeURIComponent(term)}`)).map((c) => c.email),
        term,
      ).toEqual(['emile@x.test']);
    }
  });

  it('follows renames: a changed name is found by its new text only', async () => {
    const c = await invite({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test' });
    const r = await ctx.request({
      method: 'PATCH',
      url: loc(`/customers/${c.id}`),
      cookie: org.ownerCookie,
      payload: { firstName: 'Patricia', lastName: 'Moreau' },
    });
    expect(r.statusCode).toBe(200);
    expect((await listAll('q=moreau')).map((x) => x.id)).toEqual([c.id]);
    expect(await listAll('q=doe')).toEqual([]);
  });

  it('pages through search results with the cursor: word starts first, then the rest, each in the sort', async () => {
    await seed();
    // "ann" starts a word of the first five and is inside a word of the next four
    const company = await createCompany('Annex Works');
    const people = ['Anna Berg', 'Annie Cole', 'Ann Dale', 'Zed Annan', 'Joanna Moss', 'Hannah Lind', 'Susann Kraft', 'Leanne Ode'];
    for (const [i, n] of people.entries()) {
      const [firstName, lastName] = n.split(' ');
      ctx.clock.advance(MINUTE);
      await invite({ firstName, lastName, email: `p${i}@ann-test.example`, ...(n === 'Leanne Ode' ? { companyId: company } : {}) });
    }
    const all = await listAll();
    const hay = (c: Customer) => [c.firstName, c.lastName, c.email, c.phone ?? '', c.companyName ?? ''].join(' ').toLowerCase();
    for (const [term, sort] of [
      ['ann', 'name'],
      ['ann', '-created'],
      ['ANN', '-last_active'],
      ['an', 'name'],
      ['e', '-name'],
      ['test', 'created'],
    ]) {
      const matches = all.filter((c) => found(hay(c), term));
      const first = matches.filter((c) => startsAWord(hay(c), term));
      const rest = matches.filter((c) => !startsAWord(hay(c), term));
      expect(matches.length, term).toBeGreaterThan(3);
      const { items, pages } = await walk(`q=${term}&sort=${sort}`, 3);
      expect(
        items.map((c) => c.id),
        `${term} ${sort}`,
      ).toEqual([...expectedOrder(first, sort), ...expectedOrder(rest, sort)]);
      expect(pages, `${term} ${sort}`).toBe(Math.ceil(matches.length / 3));
    }
    // a list's cursor is not a search's, and the reverse: 400 rather than a page of the other order
    const search = await get('/customers?q=ann&sort=name&limit=2');
    const list = await get('/customers?sort=name&limit=2');
    expect((await get(`/customers?sort=name&limit=2&cursor=${encodeURIComponent(search.json().nextCursor)}`)).statusCode).toBe(400);
    expect((await get(`/customers?q=ann&sort=name&limit=2&cursor=${encodeURIComponent(list.json().nextCursor)}`)).statusCode).toBe(400);
  });

  it('pages a common term in blocks of candidates: every match once, none left out', async () => {
    const s = await seed();
    for (const [i, n] of ['Anna Berg', 'Joanna Moss', 'Hannah Lind', 'Ann Dale'].entries()) {
      const [firstName, lastName] = n.split(' ');
      ctx.clock.advance(MINUTE);
      await (i < 2 ? invite : nonmember)({ firstName, lastName, email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@ann.example` });
    }
    const scope = { organizationId: org.organizationId, locationId: org.locationId };
    /** Every page at `limit`, through the service, with blocks as small as a test needs to have several. */
    const pages = async (f: Partial<CustomerFilter>, limit: number, tuning?: SearchTuning) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCustomerRows(ctx.deps, scope, { sort: '-created', ...f, limit, cursor }, tuning);
        ids.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    const sorts = ['name', '-name', 'created', '-created', 'last_active', '-last_active'] as const;
    const filters = [{}, { type: 'member' as const }, { type: 'nonmember' as const, status: 'active' as const }];
    let n = 0;
    for (const q of ['a', 'ann', 'test', 'x.test', 'e', 'o']) {
      for (const sort of sorts) {
        const f = { q, sort, ...filters[n++ % filters.length] };
        const sorted = await pages(f, 4);
        expect(sorted.length, JSON.stringify(f)).toBeGreaterThan(0);
        // blocks of 1, 2 and 3 candidates: every match once, in blocks
        for (const candidates of [1, 2, 3]) {
          const blocks = await pages(f, 4, { candidates });
          expect(blocks.length, JSON.stringify(f)).toBe(sorted.length);
          expect(new Set(blocks), JSON.stringify(f)).toEqual(new Set(sorted));
        }
      }
    }
    expect(s.live.length).toBe(29);
  });
});

describe('filters', () => {
  it('filters by status, company, source and created dates, alone and together', async () => {
    const s = await seed();
    const emails = async (q: string) => (await listAll(q)).map((c) => c.email).sort();
    expect(await emails('status=active')).toEqual(
      [...['alice', 'bob', 'xu', 'dana'].map((n) => `${n}@x.test`), ...NONMEMBERS_DAY2.map((n) => `${n.split(' ')[0].toLowerCase()}@x.test`)].sort(),
    );
    expect(await emails('status=removed')).toEqual(['mia@x.test']);
    expect(await emails('type=member&status=active')).toEqual(['alice@x.test', 'bob@x.test', 'dana@x.test', 'xu@x.test']);
    expect((await listAll('status=invited')).length).toBe(30 - 12 - 1);
    expect(await emails(`companyId=${s.globex}`)).toEqual(['alice@x.test', 'dana@x.test']);
    expect(await emails(`companyId=${s.initech}&status=active`)).toEqual([]);
    expect(await emails('source=mass_invitation')).toEqual(MASS_DAY4.map((n) => `${n.split(' ')[0].toLowerCase()}@x.test`).sort());
    expect(await emails('source=manual&type=member')).toEqual([]);
    // 14 + 3 invited by hand; mia among them is removed and left out without a status filter
    expect((await listAll('source=invitation')).length).toBe(14 + 3 - 1);
    // created between two dates, both days included (T0 is 2026-11-28)
    expect(await emails('createdFrom=2026-11-30&createdTo=2026-11-30')).toEqual(NONMEMBERS_DAY2.map((n) => `${n.split(' ')[0].toLowerCase()}@x.test`).sort());
    expect((await listAll('createdFrom=2026-12-02')).length).toBe(5 + 3 - 1); // mia (removed) left out
    expect((await listAll('createdTo=2026-11-28')).length).toBe(14);
    expect((await listAll('createdFrom=2026-11-29&createdTo=2026-12-02')).length).toBe(8 + 5);
    expect(await emails('createdFrom=2027-01-01')).toEqual([]);
    expect(await emails('createdFrom=2026-11-28&createdTo=2026-11-28&q=sam')).toEqual(['sam1@x.test', 'sam2@x.test', 'sam3@x.test']);
  });

  it('answers 400 for bad filter values, never 500', async () => {
    for (const q of [
      'status=gone',
      'type=lead',
      'source=web',
      'companyId=nope',
      'createdFrom=28-11-2026',
      'createdTo=2026-13-01',
      'createdFrom=2026-02-30',
      'sort=email',
      'limit=0',
      'limit=201',
      `q=${'x'.repeat(101)}`,
    ]) {
      const r = await get(`/customers?${q}`);
      expect(r.statusCode, `${q}: ${r.body}`).toBe(400);
      const e = await get(`/customers/export.csv?${q.startsWith('limit') ? 'status=gone' : q}`);
      expect(e.statusCode, `export ${q}`).toBe(400);
    }
  });
});

describe('sorts and keyset paging', () => {
  const SORTS = ['name', '-name', 'created', '-created', 'last_active', '-last_active'];

  it('walks every page at limit 7 and returns each customer once, in order, for each sort', async () => {
    const s = await seed();
    for (const sort of SORTS) {
      const { items, pages } = await walk(`sort=${sort}`);
      const ids = items.map((c) => c.id);
      expect(new Set(ids).size, sort).toBe(29);
      expect(ids, sort).toEqual(expectedOrder(s.live, sort));
      expect(pages, sort).toBe(5);
    }
    // with a filter too
    const members = s.live.filter((c) => c.type === 'member');
    for (const sort of SORTS) {
      expect(
        (await walk(`type=member&sort=${sort}`, 4)).items.map((c) => c.id),
        sort,
      ).toEqual(expectedOrder(members, sort));
    }
  });

  it('orders by the last activity with the never-active at the end (newest first)', async () => {
    const s = await seed();
    const first = await get('/customers?sort=-last_active&limit=4');
    // mia was active too, but she is removed: the list leaves her out
    expect(first.json().items.map((c: Customer) => c.email)).toEqual(['bob@x.test', 'dana@x.test', 'alice@x.test', 'xu@x.test']);
    expect(s.by('bob@x.test').lastActiveAt! > s.by('xu@x.test').lastActiveAt!).toBe(true);
    const byName = await get('/customers?sort=name&limit=4');
    expect(byName.json().items.map((c: Customer) => c.email)).toEqual(
      ['alice@x.test', 'bob@x.test', 'backslash@x.test', 'bracket@x.test'].sort((a, b) => cmp(nameKey(s.by(a)), nameKey(s.by(b)))),
    );
  });

  it('keeps each row once when rows change between pages', async () => {
    const s = await seed();
    const page1 = await get('/customers?sort=name&limit=10');
    // a new customer that sorts before the cursor does not shift the next page
    await invite({ firstName: 'Aaron', lastName: 'Aardvark', email: 'aaron@x.test' });
    const page2 = await get(`/customers?sort=name&limit=10&cursor=${encodeURIComponent(page1.json().nextCursor)}`);
    const expected = expectedOrder(s.live, 'name');
    expect(page2.json().items.map((c: Customer) => c.id)).toEqual(expected.slice(10, 20));
  });

  it('refuses a cursor from another sort, and a forged cursor, with 400', async () => {
    await seed();
    for (const sort of SORTS) {
      const first = await get(`/customers?sort=${sort}&limit=7`);
      const cursor = first.json().nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      for (const other of SORTS.filter((x) => x !== sort)) {
        const r = await get(`/customers?sort=${other}&limit=7&cursor=${encodeURIComponent(cursor)}`);
        expect(r.statusCode, `${sort} -> ${other}`).toBe(400);
        expect(r.json().error.details).toEqual([{ path: 'cursor', message: 'Invalid cursor' }]);
      }
    }
    const forged = [
      'not-a-cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['name', 1, 2])).toString('base64url'),
      Buffer.from(JSON.stringify(null)).toString('base64url'),
      Buffer.from('\u0000\u0001').toString('base64url'),
      Buffer.from(JSON.stringify(['name', 'a\u0000', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
      'x'.repeat(501),
    ];
    for (const c of forged) {
      const r = await get(`/customers?sort=name&cursor=${encodeURIComponent(c)}`);
      expect(r.statusCode, c).toBe(400);
    }
  });
});

const parseCsv = (body: string) => Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
const HEADER = 'First name,Last name,Email,Phone,Type,Status,Company,Source,Created at,Last active at,Plan';
const BOM = '\uFEFF';

describe('CSV export', () => {
  it('exports the current filter with the fixed header, as an attachment', async () => {
    const s = await seed();
    const r = await get('/customers/export.csv?type=member&status=active&sort=name');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    // named by the app's clock (the seed ends on 2026-12-03)
    expect(r.headers['content-disposition']).toBe('attachment; filename="customers-2026-12-03.csv"');
    // a byte-order mark first: spreadsheets then read the file as UTF-8
    expect(r.body.split('\r\n')[0]).toBe(BOM + HEADER);
    const rows = parseCsv(r.body);
    expect(rows.slice(1).map((x) => x[2])).toEqual(['alice@x.test', 'bob@x.test', 'dana@x.test', 'xu@x.test']);
    const alice = rows.find((x) => x[2] === 'alice@x.test')!;
    // the E.164 phone starts with "+", so it is neutralised like any other such cell
    expect(alice).toEqual([
      'Alice',
      'Adams',
      'alice@x.test',
      "'+33612345678",
      // the words the Customers page shows, not the API's codes
      'Member',
      'Active',
      'Globex Corp',
      'Invitation',
      s.by('alice@x.test').createdAt,
      s.by('alice@x.test').lastActiveAt,
      // the plan column (the owner holds billing): no subscription here
      '',
    ]);

    const all = parseCsv((await get('/customers/export.csv')).body);
    expect(all).toHaveLength(30);
    const nm = parseCsv((await get('/customers/export.csv?type=nonmember&q=o')).body);
    expect(
      nm
        .slice(1)
        .map((x) => x[2])
        .sort(),
    ).toEqual(
      s.live
        .filter((c) => c.type === 'nonmember' && found(`${c.firstName} ${c.lastName} ${c.email}`.toLowerCase(), 'o'))
        .map((c) => c.email)
        .sort(),
    );
    const nul = await get('/customers/export.csv?q=al%00ice');
    expect(nul.statusCode).toBe(200);
    expect(
      parseCsv(nul.body)
        .slice(1)
        .map((x) => x[2]),
    ).toEqual(['alice@x.test']);
    const none = await get('/customers/export.csv?createdFrom=2030-01-01');
    expect(none.statusCode).toBe(200);
    expect(none.body).toBe(`${BOM}${HEADER}\r\n`);
  });

  it("speaks the requester's language: their saved one, else their browser's", async () => {
    await seed();
    const fr = await ctx.request({
      method: 'GET',
      url: `/api/v1/locations/${org.locationId}/customers/export.csv?sort=name`,
      cookie: org.ownerCookie,
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(fr.statusCode).toBe(200);
    const rows = parseCsv(fr.body);
    expect(fr.body.startsWith(BOM)).toBe(true);
    expect(rows[0]).toEqual(['Prénom', 'Nom', 'E-mail', 'Téléphone', 'Type', 'Statut', 'Entreprise', 'Origine', 'Créé le', 'Dernière activité', 'Formule']);
    const alice = rows.find((x) => x[2] === 'alice@x.test')!;
    expect(alice.slice(4, 8)).toEqual(['Membre', 'Actif', 'Globex Corp', 'Invitation']);
    // a language they saved wins over the browser's
    expect((await ctx.request({ method: 'PATCH', url: '/api/v1/me', cookie: org.ownerCookie, payload: { language: 'en' } })).statusCode).toBe(200);
    const en = await ctx.request({
      method: 'GET',
      url: `/api/v1/locations/${org.locationId}/customers/export.csv`,
      cookie: org.ownerCookie,
      headers: { 'accept-language': 'fr' },
    });
    expect(parseCsv(en.body)[0][0]).toBe('First name');
  });

  it('neutralises cells a spreadsheet would run as formulas, and quotes delimiters', async () => {
    const people = [
      { firstName: '=HYPERLINK("http://evil.test","x")', lastName: 'Eq', email: 'eq@x.test' },
      { firstName: '+1+1', lastName: 'Plus', email: 'plus@x.test' },
      { firstName: '-2+3', lastName: 'Minus', email: 'minus@x.test' },
      { firstName: '@SUM(A1:A2)', lastName: 'At', email: 'at@x.test' },
      { firstName: 'Safe', lastName: "=cmd|' /C calc'!A0", email: 'last@x.test' },
      { firstName: 'Doe, Jr', lastName: 'Semi;colon', email: 'comma@x.test' },
      { firstName: 'Plain', lastName: 'Person', email: 'plain@x.test' },
    ];
    for (const p of people) await invite(p);
    const company = await createCompany('=Evil Corp');
    const c = await invite({ firstName: 'Worker', email: 'worker@x.test', companyId: company });
    expect(c.companyName).toBe('=Evil Corp');
    const r = await get('/customers/export.csv');
    const rows = parseCsv(r.body);
    const row = (email: string) => rows.find((x) => x[2] === email)!;
    expect(row('eq@x.test')[0]).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(row('plus@x.test')[0]).toBe("'+1+1");
    expect(row('minus@x.test')[0]).toBe("'-2+3");
    expect(row('at@x.test')[0]).toBe("'@SUM(A1:A2)");
    expect(row('last@x.test').slice(0, 2)).toEqual(['Safe', "'=cmd|' /C calc'!A0"]);
    expect(row('comma@x.test').slice(0, 2)).toEqual(['Doe, Jr', 'Semi;colon']);
    expect(row('plain@x.test').slice(0, 2)).toEqual(['Plain', 'Person']);
    expect(row('worker@x.test')[6]).toBe("'=Evil Corp");
    // no cell of the file starts with a formula character
    for (const x of rows.slice(1)) for (const cell of x) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises cells that start with a tab or a carriage return (they cannot come in through the API: names are trimmed)', () => {
    expect(neutralise('\tTab')).toBe("'\tTab");
    expect(neutralise('\rCR')).toBe("'\rCR");
    expect(neutralise('=1')).toBe("'=1");
    expect(neutralise('a=1')).toBe('a=1');
    expect(neutralise(null)).toBe('');
    const parsed = parseCsv(csvLines([['\tTab', '\rCR', '-1', 'ok']]));
    expect(parsed).toEqual([["'\tTab", "'\rCR", "'-1", 'ok']]);
  });

  it('streams every one of 2,500 customers once (pages of 1,000)', async () => {
    const text = Array.from({ length: 2500 }, (_, i) => `P${String(i).padStart(4, '0')}\tBulk\tp${i}@bulk.test`).join('\n');
    const job = await massInvite(text);
    expect(job).toMatchObject({ total: 2500, invited: 2500 });
    for (const sort of ['-created', 'name']) {
      const r = await get(`/customers/export.csv?sort=${sort}`);
      expect(r.statusCode).toBe(200);
      const rows = parseCsv(r.body);
      expect(rows[0].join(',')).toBe(HEADER);
      const emails = rows.slice(1).map((x) => x[2]);
      expect(emails).toHaveLength(2500);
      expect(rows[1][7]).toBe('Mass invitation');
      expect(new Set(emails).size).toBe(2500);
      if (sort === 'name') expect(emails.slice(998, 1002)).toEqual(['p998@bulk.test', 'p999@bulk.test', 'p1000@bulk.test', 'p1001@bulk.test']);
    }
    const filtered = parseCsv((await get('/customers/export.csv?q=p1%40bulk')).body);
    expect(filtered.slice(1).map((x) => x[2])).toEqual(['p1@bulk.test']);
  });
});
