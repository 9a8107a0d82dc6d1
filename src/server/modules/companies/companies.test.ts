// Companies: admin create/edit/delete, list and profile, people and the Manager flag, invitations
// into a company, search by company name, and the portal's company self-service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkFrom, sessionCookie, createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

interface Company {
  id: string;
  locationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  taxId: string | null;
  userCount: number;
  createdAt: string;
}

const loc = (p: string, locationId = org.locationId) => `/api/v1/locations/${locationId}${p}`;
const portal = (p = '', locationId = org.locationId) => `/api/v1/portal/locations/${locationId}/company${p}`;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, payload?: unknown, cookie = org.ownerCookie) =>
  ctx.request({ method, url, cookie, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

async function createCompany(body: Record<string, unknown>): Promise<Company> {
  const r = await call('POST', loc('/companies'), body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().company;
}

async function invite(payload: Record<string, unknown>, locationId = org.locationId) {
  const r = await call('POST', loc('/invitations', locationId), payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().customer as { id: string; userId: string; companyId: string | null; companyManager: boolean; type: string; status: string };
}

/** Invites a person and opens the link at once: an activated, signed-in member. */
async function activatedMember(email: string, payload: Record<string, unknown> = {}) {
  const customer = await invite({ firstName: email.split('@')[0].replace(/^./, (c) => c.toUpperCase()), lastName: 'Doe', email, ...payload });
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
  expect(act.json().status).toBe('signed_in');
  return { ...customer, cookie: sessionCookie(act) };
}

const profile = async (customerId: string) => {
  const r = await call('GET', loc(`/customers/${customerId}`));
  expect(r.statusCode).toBe(200);
  return r.json() as {
    customer: { companyId: string | null; companyManager: boolean; invitedBy: { id: string; name: string } | null; type: string; status: string };
    administrator: { permissions: string[] } | null;
    activities: { kind: string; data: Record<string, unknown>; actor: { id: string; name: string } | null }[];
  };
};
const kinds = async (customerId: string) => (await profile(customerId)).activities.map((a) => a.kind);
const search = async (q: string) => ((await call('GET', loc(`/customers?q=${encodeURIComponent(q)}`))).json().items as { id: string }[]).map((c) => c.id);
const peopleOf = async (companyId: string) =>
  (await call('GET', loc(`/customers?companyId=${companyId}&sort=name`))).json().items as { id: string; email: string; companyManager: boolean }[];

describe('admin: companies', () => {
  it('creates a company with its details normalised (phone in E.164)', async () => {
    const c = await createCompany({
      name: '  Globex Corp ',
      email: ' INFO@Globex.TEST ',
      phone: '01 23 45 67 89',
      address: '12 rue de la Paix, Paris',
      taxId: 'FR123456789',
    });
    expect(c).toMatchObject({
      name: 'Globex Corp',
      email: 'info@globex.test',
      phone: '+33123456789',
      address: '12 rue de la Paix, Paris',
      taxId: 'FR123456789',
      userCount: 0,
      locationId: org.locationId,
    });
    const got = await call('GET', loc(`/companies/${c.id}`));
    expect(got.statusCode).toBe(200);
    expect(got.json().company).toEqual(c);
    const minimal = await createCompany({ name: 'Initech' });
    expect(minimal).toMatchObject({ email: null, phone: null, address: null, taxId: null });
    expect((await call('GET', loc('/customers/counts'))).json().companies).toBe(2);
  });

  it('refuses a missing name, a bad email and a bad phone with 400 naming the field', async () => {
    for (const [body, path] of [
      [{ name: '  ' }, 'name'],
      [{}, 'name'],
      [{ name: 'X', email: 'not-an-email' }, 'email'],
      [{ name: 'X', phone: '12' }, 'phone'],
      [{ name: 'X'.repeat(201) }, 'name'],
      [{ name: '\u0000' }, 'name'],
    ] as const) {
      const r = await call('POST', loc('/companies'), body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await call('GET', loc('/companies'))).json().items).toEqual([]);
    // NUL characters are dropped from every request (PostgreSQL cannot store them)
    const nul = await call('POST', loc('/companies'), { name: 'Nul\u0000Corp', address: 'a\u0000b' });
    expect(nul.statusCode).toBe(201);
    expect(nul.json().company).toMatchObject({ name: 'NulCorp', address: 'ab' });
  });

  it('edits any field, and clears one with null or an empty string', async () => {
    const c = await createCompany({ name: 'Globex', email: 'a@globex.test', phone: '0123456789', address: 'Old street', taxId: 'T1' });
    const r = await call('PATCH', loc(`/companies/${c.id}`), { name: 'Globex International', phone: '+44 20 7946 0958', address: null, taxId: '' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().company).toMatchObject({
      id: c.id,
      name: 'Globex International',
      email: 'a@globex.test',
      phone: '+442079460958',
      address: null,
      taxId: null,
    });
    const bad = await call('PATCH', loc(`/companies/${c.id}`), { phone: 'call me' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('phone');
    expect((await call('GET', loc(`/companies/${c.id}`))).json().company.phone).toBe('+442079460958');
    expect((await call('PATCH', loc(`/companies/${c.id}`), { email: '' })).json().company.email).toBeNull();
  });

  it('lists companies by name with search and keyset paging', async () => {
    const names = [
      'Zeta Corp',
      'alpha corp',
      'Beta LLC',
      'Gamma Corp',
      'delta',
      '100% Cotton',
      'Under_Score',
      'Omega Corp',
      'epsilon Corp',
      'Eta',
      'Theta',
      'Iota',
    ];
    const made = new Map<string, string>();
    for (const n of names) made.set(n, (await createCompany({ name: n })).id);
    const sorted = [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await call('GET', loc(`/companies?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(r.statusCode).toBe(200);
      seen.push(...r.json().items.map((c: Company) => c.name));
      cursor = r.json().nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(sorted);
    expect(pages).toBe(3);
    const q = async (term: string) => ((await call('GET', loc(`/companies?q=${encodeURIComponent(term)}`))).json().items as Company[]).map((c) => c.name);
    expect(await q('CORP')).toEqual(['alpha corp', 'epsilon Corp', 'Gamma Corp', 'Omega Corp', 'Zeta Corp']);
    expect(await q('eta')).toEqual(['Beta LLC', 'Eta', 'Theta', 'Zeta Corp']);
    expect(await q('%')).toEqual(['100% Cotton']);
    expect(await q('_')).toEqual(['Under_Score']);
    expect(await q('nothing')).toEqual([]);
    expect((await call('GET', loc('/companies?cursor=garbage'))).statusCode).toBe(400);
    expect((await call('GET', loc(`/companies?cursor=${Buffer.from('null').toString('base64url')}`))).statusCode).toBe(400);
    expect((await call('GET', loc(`/companies?cursor=${Buffer.from(JSON.stringify(['a\u0000', 'b'])).toString('base64url')}`))).statusCode).toBe(400);
    expect(await q('co\u0000rp')).toEqual(await q('corp'));
  });

  it('shows the company profile with its users and managers, and counts them', async () => {
    const c = await createCompany({ name: 'Globex' });
    const ann = await invite({ firstName: 'Ann', email: 'ann@x.test', companyId: c.id, companyManager: true });
    const bob = await invite({ firstName: 'Bob', email: 'bob@x.test', companyId: c.id });
    await invite({ firstName: 'Cy', email: 'cy@x.test' });
    expect((await call('GET', loc(`/companies/${c.id}`))).json().company.userCount).toBe(2);
    const people = await peopleOf(c.id);
    expect(people.map((p) => [p.id, p.companyManager])).toEqual([
      [ann.id, true],
      [bob.id, false],
    ]);
    expect(((await call('GET', loc('/companies'))).json().items as Company[])[0].userCount).toBe(2);
  });

  it('adds existing customers (members and nonmembers) to a company and moves them between companies', async () => {
    const a = await createCompany({ name: 'Globex' });
    const b = await createCompany({ name: 'Initech' });
    const pat = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const nm = (await call('POST', loc('/nonmembers'), { firstName: 'Nina', email: 'nina@x.test' })).json().customer;
    expect((await call('POST', loc(`/companies/${a.id}/people`), { customerId: pat.id })).statusCode).toBe(204);
    expect((await call('POST', loc(`/companies/${a.id}/people`), { customerId: nm.id, manager: true })).statusCode).toBe(204);
    expect((await peopleOf(a.id)).map((p) => [p.email, p.companyManager])).toEqual([
      ['nina@x.test', true],
      ['pat@x.test', false],
    ]);
    const joined = (await profile(pat.id)).activities.find((x) => x.kind === 'joined_company')!;
    expect(joined.data).toMatchObject({ companyId: a.id, manager: false });
    expect(joined.actor?.name).toBe('Olivia Owner');

    expect((await call('POST', loc(`/companies/${b.id}/people`), { customerId: pat.id })).statusCode).toBe(204);
    expect((await profile(pat.id)).customer.companyId).toBe(b.id);
    // both steps of the move are written at the same instant; their relative order is not asserted
    // (activities of one instant are ordered by random id: see the report)
    const moved = (await profile(pat.id)).activities.slice(0, 2);
    expect(moved.map((x) => x.kind).sort()).toEqual(['joined_company', 'left_company']);
    expect(moved.find((x) => x.kind === 'left_company')!.data).toMatchObject({ companyId: a.id });
    expect(moved.find((x) => x.kind === 'joined_company')!.data).toMatchObject({ companyId: b.id });
    expect((await call('GET', loc(`/companies/${a.id}`))).json().company.userCount).toBe(1);

    const unknown = await call('POST', loc(`/companies/${a.id}/people`), { customerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect((await call('POST', loc('/companies/00000000-0000-4000-8000-000000000000/people'), { customerId: pat.id })).statusCode).toBe(404);
  });

  it('turns the Manager flag on and off, each change an activity', async () => {
    const c = await createCompany({ name: 'Globex' });
    const pat = await invite({ firstName: 'Pat', email: 'pat@x.test', companyId: c.id });
    const url = loc(`/companies/${c.id}/people/${pat.id}`);
    expect((await call('PATCH', url, { manager: true })).statusCode).toBe(204);
    expect((await profile(pat.id)).customer.companyManager).toBe(true);
    expect((await call('PATCH', url, { manager: true })).statusCode).toBe(204);
    expect((await call('PATCH', url, { manager: false })).statusCode).toBe(204);
    expect((await profile(pat.id)).customer.companyManager).toBe(false);
    const k = await kinds(pat.id);
    expect(k.filter((x) => x === 'manager_on')).toHaveLength(1);
    expect(k.filter((x) => x === 'manager_off')).toHaveLength(1);
    expect(k.indexOf('manager_off')).toBeLessThan(k.indexOf('manager_on'));
    expect((await call('PATCH', url, { manager: 'yes' })).statusCode).toBe(400);
    const other = await invite({ firstName: 'Out', email: 'out@x.test' });
    expect((await call('PATCH', loc(`/companies/${c.id}/people/${other.id}`), { manager: true })).statusCode).toBe(404);
    // taking a person out keeps them a customer without the company
    expect((await call('DELETE', url)).statusCode).toBe(204);
    expect((await profile(pat.id)).customer).toMatchObject({ companyId: null, companyManager: false, type: 'member', status: 'invited' });
    expect((await call('DELETE', url)).statusCode).toBe(404);
  });

  it('invites a new person straight into a company, as a manager or not', async () => {
    const c = await createCompany({ name: 'Globex' });
    const r = await call('POST', loc('/invitations'), { firstName: 'Mona', lastName: 'Manager', email: 'mona@x.test', companyId: c.id, companyManager: true });
    expect(r.statusCode).toBe(201);
    expect(r.json().customer).toMatchObject({ companyId: c.id, companyName: 'Globex', companyManager: true, type: 'member', status: 'invited' });
    expect(await kinds(r.json().customer.id)).toEqual(expect.arrayContaining(['created', 'invited', 'joined_company']));
    expect(await ctx.mailTo('mona@x.test')).toHaveLength(1);
    const plain = await invite({ firstName: 'Pete', email: 'pete@x.test', companyId: c.id });
    expect(plain).toMatchObject({ companyId: c.id, companyManager: false });
    // an unknown company, or one of another location, creates nobody
    const south = (await call('POST', '/api/v1/locations', { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' })).json().location
      .id;
    const southCompany = (await call('POST', loc('/companies', south), { name: 'Southco' })).json().company.id;
    for (const companyId of [southCompany, '00000000-0000-4000-8000-000000000000']) {
      const bad = await call('POST', loc('/invitations'), { firstName: 'Zed', email: 'zed@x.test', companyId });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('companyId');
    }
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'zed@x.test').execute()).toEqual([]);
  });

  it('deletes a company and keeps its people as customers without a company', async () => {
    const c = await createCompany({ name: 'Globex' });
    const ann = await invite({ firstName: 'Ann', email: 'ann@x.test', companyId: c.id, companyManager: true });
    const bob = await invite({ firstName: 'Bob', email: 'bob@x.test', companyId: c.id });
    const before = (await call('GET', loc('/customers/counts'))).json();
    expect((await call('DELETE', loc(`/companies/${c.id}`))).statusCode).toBe(204);
    for (const id of [ann.id, bob.id]) {
      const p = await profile(id);
      expect(p.customer).toMatchObject({ companyId: null, companyManager: false, type: 'member', status: 'invited' });
      expect(p.activities[0]).toMatchObject({ kind: 'left_company', data: { companyId: c.id } });
    }
    expect((await call('GET', loc('/customers/counts'))).json()).toEqual({ ...before, companies: before.companies - 1 });
    expect((await call('GET', loc(`/companies/${c.id}`))).statusCode).toBe(404);
    expect((await call('PATCH', loc(`/companies/${c.id}`), { name: 'Back' })).statusCode).toBe(404);
    expect((await call('DELETE', loc(`/companies/${c.id}`))).statusCode).toBe(404);
    expect((await call('POST', loc(`/companies/${c.id}/people`), { customerId: ann.id })).statusCode).toBe(404);
    expect((await call('GET', loc('/companies'))).json().items).toEqual([]);
    expect((await call('GET', loc(`/customers?companyId=${c.id}`))).json().items).toEqual([]);
    // and inviting into the deleted company is refused
    expect((await call('POST', loc('/invitations'), { firstName: 'Late', email: 'late@x.test', companyId: c.id })).statusCode).toBe(400);
  });

  it('search finds a person by company name, and stops once the company is renamed or deleted', async () => {
    const c = await createCompany({ name: 'Globex' });
    const ann = await invite({ firstName: 'Ann', email: 'ann@x.test', companyId: c.id });
    await invite({ firstName: 'Bob', email: 'bob@x.test' });
    expect(await search('lobe')).toEqual([ann.id]);
    await call('PATCH', loc(`/companies/${c.id}`), { name: 'Umbrella' });
    expect(await search('globex')).toEqual([]);
    expect(await search('UMBRELLA')).toEqual([ann.id]);
    const list = (await call('GET', loc(`/customers?q=umbrella`))).json().items;
    expect(list[0].companyName).toBe('Umbrella');
    await call('DELETE', loc(`/companies/${c.id}`));
    expect(await search('umbrella')).toEqual([]);
    expect(await search('ann')).toEqual([ann.id]);
    // taken out of a company: no longer found by its name either
    const d = await createCompany({ name: 'Hooli' });
    await call('POST', loc(`/companies/${d.id}/people`), { customerId: ann.id });
    expect(await search('hooli')).toEqual([ann.id]);
    await call('DELETE', loc(`/companies/${d.id}/people/${ann.id}`));
    expect(await search('hooli')).toEqual([]);
  });
});

describe('portal: company self-service', () => {
  async function company() {
    const c = await createCompany({ name: 'Globex', phone: '0123456789' });
    const manager = await activatedMember('mona@x.test', { companyId: c.id, companyManager: true });
    const user = await activatedMember('ulla@x.test', { companyId: c.id });
    return { c, manager, user };
  }

  it('a company user sees the company and its people, without managing it', async () => {
    const { c, manager, user } = await company();
    const r = await call('GET', portal(), undefined, user.cookie);
    expect(r.statusCode).toBe(200);
    expect(r.json().company).toMatchObject({ id: c.id, name: 'Globex', phone: '+33123456789', userCount: 2 });
    expect(
      r
        .json()
        .people.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([manager.id, user.id].sort());
    expect(r.json().canManage).toBe(false);
    expect((await call('GET', portal(), undefined, manager.cookie)).json().canManage).toBe(true);
    expect((await ctx.request({ method: 'GET', url: portal() })).statusCode).toBe(401);
  });

  it('a manager edits the company phone; a plain company user gets 403', async () => {
    const { c, manager, user } = await company();
    const r = await call('PATCH', portal(), { phone: '+44 20 7946 0958' }, manager.cookie);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().company.phone).toBe('+442079460958');
    expect((await call('GET', loc(`/companies/${c.id}`))).json().company.phone).toBe('+442079460958');
    const refused = await call('PATCH', portal(), { phone: '0600000000' }, user.cookie);
    expect(refused.statusCode).toBe(403);
    expect((await call('GET', loc(`/companies/${c.id}`))).json().company.phone).toBe('+442079460958');
    expect((await call('PATCH', portal(), { phone: 'nope' }, manager.cookie)).statusCode).toBe(400);
  });

  it('a manager removes a company user, who stays a customer of the location without the company', async () => {
    const { c, manager, user } = await company();
    expect((await call('DELETE', portal(`/people/${user.id}`), undefined, user.cookie)).statusCode).toBe(403);
    expect((await call('DELETE', portal(`/people/${user.id}`), undefined, manager.cookie)).statusCode).toBe(204);
    const p = await profile(user.id);
    expect(p.customer).toMatchObject({ companyId: null, type: 'member', status: 'active' });
    expect(p.activities[0]).toMatchObject({ kind: 'left_company', actor: { id: manager.userId } });
    expect((await call('GET', portal(), undefined, user.cookie)).statusCode).toBe(404);
    expect((await call('GET', loc(`/companies/${c.id}`))).json().company.userCount).toBe(1);
    // someone outside the company cannot be removed through it
    const outsider = await invite({ firstName: 'Out', email: 'out@x.test' });
    expect((await call('DELETE', portal(`/people/${outsider.id}`), undefined, manager.cookie)).statusCode).toBe(404);
    expect((await profile(outsider.id)).customer.status).toBe('invited');
  });

  it('any company user invites a colleague into the same company; the admin sees who invited whom', async () => {
    const { c, user } = await company();
    const r = await call(
      'POST',
      portal('/invitations'),
      { firstName: 'Colin', lastName: 'League', email: ' Colin@X.test ', phone: '06 11 22 33 44' },
      user.cookie,
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().customer).toMatchObject({
      type: 'member',
      status: 'invited',
      companyId: c.id,
      companyManager: false,
      email: 'colin@x.test',
      phone: '+33611223344',
      locationId: org.locationId,
    });
    const [mail] = await ctx.mailTo('colin@x.test');
    expect(mail.text).toContain('/activate/');
    const p = await profile(r.json().customer.id);
    expect(p.customer.invitedBy).toEqual({ id: user.userId, name: 'Ulla Doe' });
    const invited = p.activities.find((a) => a.kind === 'invited')!;
    expect(invited.actor).toEqual({ id: user.userId, name: 'Ulla Doe' });
    expect(p.activities.find((a) => a.kind === 'joined_company')?.data).toMatchObject({ companyId: c.id });
    // the colleague cannot be made a manager or an administrator this way
    const sneaky = await call(
      'POST',
      portal('/invitations'),
      { firstName: 'Sneak', email: 'sneak@x.test', companyManager: true, administrator: true, permissions: ['customers'] },
      user.cookie,
    );
    expect(sneaky.statusCode).toBe(201);
    expect(sneaky.json().customer.companyManager).toBe(false);
    expect((await profile(sneaky.json().customer.id)).administrator ?? null).toBeNull();
    // bad input is a 400 naming the field
    const nul = await call('POST', portal('/invitations'), { firstName: '\u0000', email: 'nul@x.test' }, user.cookie);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details[0].path).toBe('firstName');
    expect((await call('POST', portal('/invitations'), { firstName: 'Bad', email: 'not-an-email' }, user.cookie)).statusCode).toBe(400);
    // an existing member of the location answers 409
    expect((await call('POST', portal('/invitations'), { firstName: 'Again', email: 'colin@x.test' }, user.cookie)).statusCode).toBe(409);
  });

  it('a member without a company, a removed member and a non-member get 404', async () => {
    const loner = await activatedMember('lone@x.test');
    for (const [m, p, body] of [
      ['GET', portal(), undefined],
      ['PATCH', portal(), { phone: '0123456789' }],
      ['DELETE', portal(`/people/${loner.id}`), undefined],
      ['POST', portal('/invitations'), { firstName: 'X', email: 'x@x.test' }],
    ] as const) {
      expect((await call(m, p, body, loner.cookie)).statusCode, `${m} ${p}`).toBe(404);
      // the owner administers the location but is no member of it
      expect((await call(m, p, body)).statusCode, `owner ${m} ${p}`).toBe(404);
    }
    const { user } = await company();
    expect((await call('DELETE', loc(`/customers/${user.id}`))).statusCode).toBe(204);
    expect((await call('GET', portal(), undefined, user.cookie)).statusCode).toBe(404);
  });
});

describe('another organization', () => {
  it('answers 404 on every company route with their location or ids, and reveals nothing', async () => {
    const globex = await createCompany({ name: 'Globex' });
    const mine = await invite({ firstName: 'Mine', email: 'mine@x.test', companyId: globex.id });
    const other = await setupOrganization(ctx, 'Other Spaces', 'owner@other.test');
    const theirCompany = (await call('POST', loc('/companies', other.locationId), { name: 'Secret Rival Inc', phone: '0111111111' }, other.ownerCookie)).json()
      .company;
    const theirPerson = (
      await call(
        'POST',
        loc('/invitations', other.locationId),
        { firstName: 'Hidden', email: 'hidden@other.test', companyId: theirCompany.id },
        other.ownerCookie,
      )
    ).json().customer;
    const theirMember = await (async () => {
      const token = linkFrom((await ctx.mailTo('hidden@other.test'))[0].text).split('/activate/')[1];
      return sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
    })();
    const cases: [Method, string, unknown?][] = [
      // their location
      ['GET', loc('/companies', other.locationId)],
      ['POST', loc('/companies', other.locationId), { name: 'Planted' }],
      ['GET', loc(`/companies/${theirCompany.id}`, other.locationId)],
      ['PATCH', loc(`/companies/${theirCompany.id}`, other.locationId), { name: 'Pwned' }],
      ['DELETE', loc(`/companies/${theirCompany.id}`, other.locationId)],
      ['POST', loc(`/companies/${theirCompany.id}/people`, other.locationId), { customerId: theirPerson.id }],
      ['PATCH', loc(`/companies/${theirCompany.id}/people/${theirPerson.id}`, other.locationId), { manager: true }],
      ['DELETE', loc(`/companies/${theirCompany.id}/people/${theirPerson.id}`, other.locationId)],
      // our location, their ids
      ['GET', loc(`/companies/${theirCompany.id}`)],
      ['PATCH', loc(`/companies/${theirCompany.id}`), { name: 'Pwned' }],
      ['DELETE', loc(`/companies/${theirCompany.id}`)],
      ['POST', loc(`/companies/${theirCompany.id}/people`), { customerId: mine.id }],
      ['POST', loc(`/companies/${globex.id}/people`), { customerId: theirPerson.id }],
      ['PATCH', loc(`/companies/${theirCompany.id}/people/${theirPerson.id}`), { manager: true }],
      ['PATCH', loc(`/companies/${globex.id}/people/${theirPerson.id}`), { manager: true }],
      ['DELETE', loc(`/companies/${theirCompany.id}/people/${theirPerson.id}`)],
      ['DELETE', loc(`/companies/${globex.id}/people/${theirPerson.id}`)],
      ['GET', loc(`/customers?companyId=${theirCompany.id}`)],
      // the portal of their location
      ['GET', portal('', other.locationId)],
      ['PATCH', portal('', other.locationId), { phone: '0123456789' }],
      ['DELETE', portal(`/people/${theirPerson.id}`, other.locationId)],
      ['POST', portal('/invitations', other.locationId), { firstName: 'X', email: 'x@x.test' }],
    ];
    for (const [m, url, body] of cases) {
      const r = await call(m, url, body);
      const expected = url.includes('?companyId=') ? 200 : 404;
      expect(r.statusCode, `${m} ${url}`).toBe(expected);
      expect(r.body, `${m} ${url}`).not.toMatch(/Secret Rival|Hidden|hidden@other|\+33111111111/);
      if (expected === 200) expect(r.json().items).toEqual([]);
    }
    // their member on our portal
    expect((await call('GET', portal(), undefined, theirMember)).statusCode).toBe(404);
    // and nothing of theirs changed
    const still = (await call('GET', loc(`/companies/${theirCompany.id}`, other.locationId), undefined, other.ownerCookie)).json().company;
    expect(still).toMatchObject({ name: 'Secret Rival Inc', userCount: 1 });
    expect((await call('GET', loc(`/customers/${theirPerson.id}`, other.locationId), undefined, other.ownerCookie)).json().customer).toMatchObject({
      companyId: theirCompany.id,
      companyManager: false,
    });
    expect((await call('GET', loc('/companies'))).json().items.map((c: Company) => c.name)).toEqual(['Globex']);
  });
});
