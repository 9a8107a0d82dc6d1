// The reception kiosk through the API: pairing by a one-time code (wrong, used, expired, 10 wrong then 429 for
// that address), the device cookie opening only its own location's kiosk routes until revoked, leads with and
// without consent (a new nonmember with source reception, or only the activity for a known email; nothing for
// the same email within 24 hours; 20 a device an hour), visitors and their hosts (2 letters, 10 at most, first
// name, last initial and company only; the host emailed), and event check-in by code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { announced, type Announcement } from '../../lib/announcements.js';
import { createTestContext, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const at = (path: string, o: Org = org) => `/api/v1/locations/${o.locationId}${path}`;
const owner = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, cookie = org.ownerCookie, o: Org = org) =>
  ctx.request({ method, url: at(path, o), cookie, ...(payload ? { payload } : {}) });
const kiosk = (device: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: `/api/v1/reception${path}`, cookie: device, ...(payload ? { payload } : {}) });

function deviceCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const c = (Array.isArray(raw) ? raw : [raw]).find((x): x is string => typeof x === 'string' && x.startsWith('atrium_kiosk='));
  if (!c) throw new Error('no device cookie in the response');
  return c.split(';')[0];
}

async function newCode(o: Org = org, cookie = o.ownerCookie): Promise<string> {
  const res = await ctx.request({ method: 'POST', url: at('/reception/pairing-codes', o), cookie });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().code;
}

const pair = (code: string, ip = '203.0.113.7') => ctx.request({ method: 'POST', url: '/api/v1/reception/pair', payload: { code }, remoteAddress: ip });

async function pairedDevice(o: Org = org): Promise<string> {
  const res = await pair(await newCode(o));
  expect(res.statusCode, res.body).toBe(200);
  return deviceCookie(res);
}

async function member(firstName: string, lastName: string, email: string, o: Org = org) {
  const res = await owner('POST', '/invitations', { firstName, lastName, email }, o.ownerCookie, o);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer.id as string;
}

const lead = (extra: Record<string, unknown> = {}) => ({ firstName: 'Lea', lastName: 'Lead', email: 'lea@x.test', consent: true, ...extra });

async function customersByEmail(email: string) {
  const res = await owner('GET', `/customers?q=${encodeURIComponent(email)}&limit=50`);
  const removed = await owner('GET', `/customers?q=${encodeURIComponent(email)}&status=removed&limit=50`);
  return [...res.json().items, ...removed.json().items].filter((c: { email: string }) => c.email === email);
}

async function leadActivities(customerId: string) {
  const res = await owner('GET', `/customers/${customerId}`);
  return (res.json().activities as { kind: string; data: Record<string, unknown> }[]).filter((a) => a.kind === 'lead_created');
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('pairing', () => {
  it('pairs with a one-time 8-character code valid 10 minutes; the cookie is httpOnly and SameSite; a used code is 404', async () => {
    const made = await owner('POST', '/reception/pairing-codes');
    expect(made.statusCode).toBe(201);
    expect(made.json().code).toMatch(/^[A-Z2-9]{8}$/);
    expect(Date.parse(made.json().expiresAt) - Date.parse('2027-03-22T08:10:00Z')).toBeLessThan(1000);
    const res = await pair(made.json().code.toLowerCase());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().device).toMatchObject({ locationId: org.locationId, locationName: 'Acme Spaces North Hall' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api\/v1\/reception/);
    const device = deviceCookie(res);
    // only the hash of the cookie is stored
    const stored = await ctx.db.selectFrom('kiosk_devices').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(device.split('=')[1]);
    const me = await kiosk(device, 'GET', '/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ locationId: org.locationId, name: 'Acme Spaces North Hall', leaveContacts: true, visitors: false });
    expect(me.json().consentText.length).toBeGreaterThan(10);
    expect((await pair(made.json().code)).statusCode).toBe(404);
  });

  it('refuses a wrong code and an expired one (404)', async () => {
    expect((await pair('ZZZZZZZZ')).statusCode).toBe(404);
    const code = await newCode();
    ctx.clock.advance(10 * MINUTE);
    expect((await pair(code)).statusCode).toBe(404);
  });

  it('answers 429 to every attempt from an address after 10 that did not pair, for 15 minutes; other addresses go on', async () => {
    for (let i = 0; i < 10; i++) expect((await pair(`WRONG${i}AA`)).statusCode).toBe(404);
    const code = await newCode();
    expect((await pair(code)).statusCode).toBe(429);
    expect((await pair('WRONGXAA')).statusCode).toBe(429);
    const other = await newCode();
    expect((await pair(other, '198.51.100.9')).statusCode).toBe(200);
    ctx.clock.advance(15 * MINUTE + 1000);
    expect((await pair(await newCode())).statusCode).toBe(200);
  });

  it('needs the reception permission to make a code and see or revoke devices', async () => {
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'desk@x.test', firstName: 'Desk', locationId: org.locationId, permissions: ['reception'] },
    });
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'sales@x.test', firstName: 'Sales', locationId: org.locationId, permissions: ['customers', 'settings'] },
    });
    const desk = await signIn(ctx, 'desk@x.test');
    const sales = await signIn(ctx, 'sales@x.test');
    expect((await owner('POST', '/reception/pairing-codes', undefined, sales)).statusCode).toBe(403);
    expect((await owner('GET', '/reception/devices', undefined, sales)).statusCode).toBe(403);
    await newCode(org, desk);
    expect((await owner('GET', '/reception/devices', undefined, desk)).statusCode).toBe(200);
  });
});

describe('the device cookie', () => {
  it('opens only its location: not admin routes, not a session; lists the device; revoked answers 401', async () => {
    const device = await pairedDevice();
    // a device is no administrator and no session
    expect((await ctx.request({ method: 'GET', url: at('/customers'), cookie: device })).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: device })).statusCode).toBe(401);
    expect((await kiosk(org.ownerCookie, 'GET', '/me')).statusCode).toBe(401);
    expect((await kiosk('', 'GET', '/me')).statusCode).toBe(401);

    // another location's members are not this kiosk's hosts
    const rival = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    await owner('PATCH', '', { receptionVisitors: true });
    await owner('PATCH', '', { receptionVisitors: true }, rival.ownerCookie, rival);
    const theirs = await member('Camille', 'Rival', 'camille@rival.test', rival);
    await member('Camille', 'Ours', 'camille@x.test');
    const hosts = await kiosk(device, 'GET', '/hosts?q=camille');
    expect(hosts.json().items.map((h: { lastInitial: string }) => h.lastInitial)).toEqual(['O']);
    expect((await kiosk(device, 'POST', '/visits', { firstName: 'Vi', hostCustomerId: theirs })).statusCode).toBe(404);

    // a state-changing request from another site is refused
    const foreign = await ctx.request({
      method: 'POST',
      url: '/api/v1/reception/leads',
      cookie: device,
      payload: lead(),
      headers: { origin: 'https://evil.test' },
    });
    expect(foreign.statusCode).toBe(403);

    ctx.clock.advance(5 * MINUTE);
    expect((await kiosk(device, 'GET', '/me')).statusCode).toBe(200);
    const list = await owner('GET', '/reception/devices');
    expect(list.json().items).toHaveLength(1);
    const d = list.json().items[0];
    expect(d.name).toBe('Tablet 1');
    expect(d.pairedAt.slice(0, 16)).toBe('2027-03-22T08:00');
    expect(d.lastSeenAt.slice(0, 16)).toBe('2027-03-22T08:05');
    expect((await owner('DELETE', `/reception/devices/${d.id}`, undefined, rival.ownerCookie)).statusCode).toBe(404);
    expect((await owner('DELETE', `/reception/devices/${d.id}`)).statusCode).toBe(204);
    expect((await owner('DELETE', `/reception/devices/${d.id}`)).statusCode).toBe(404);
    expect((await kiosk(device, 'GET', '/me')).statusCode).toBe(401);
    expect((await kiosk(device, 'POST', '/leads', lead())).statusCode).toBe(401);
    expect((await owner('GET', '/reception/devices')).json().items).toEqual([]);
  });
});

describe('leave contacts', () => {
  it('refuses a lead without consent (422 consent_required); with it, a new nonmember with source reception and the consent in its activity', async () => {
    const device = await pairedDevice();
    const seen: Announcement[] = [];
    announced.subscribe(async (_trx, a) => void seen.push(a));
    const refused = await kiosk(device, 'POST', '/leads', lead({ consent: false }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.reason).toBe('consent_required');
    expect((await kiosk(device, 'POST', '/leads', { firstName: 'Lea', email: 'lea@x.test' })).statusCode).toBe(400);
    expect(await customersByEmail('lea@x.test')).toEqual([]);

    await owner('PATCH', '', { receptionConsentText: 'You may email me about North Hall.' });
    const ok = await kiosk(device, 'POST', '/leads', lead({ phone: '06 12 34 56 78', company: 'Lea Co', message: 'A desk in May?' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ status: 'received' });
    const [c] = await customersByEmail('lea@x.test');
    expect(c).toMatchObject({ type: 'nonmember', status: 'active', source: 'reception', firstName: 'Lea', lastName: 'Lead', phone: '+33612345678' });
    const [activity] = await leadActivities(c.id);
    expect(String(activity.data.consentAt).slice(0, 16)).toBe('2027-03-22T08:00');
    expect(activity.data).toEqual({
      consentText: 'You may email me about North Hall.',
      consentAt: activity.data.consentAt,
      company: 'Lea Co',
      message: 'A desk in May?',
    });
    const published = seen.filter((a) => a.type === 'lead.created');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ organizationId: org.organizationId, locationId: org.locationId, data: { customerId: c.id, email: 'lea@x.test' } });
  });

  it('gives a known email (a record here, removed or not) only the activity; the same email within 24 hours stores nothing', async () => {
    const device = await pairedDevice();
    const memberId = await member('Mia', 'Member', 'mia@x.test');
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'MIA@x.test', firstName: 'Other' }))).statusCode).toBe(201);
    const [mia] = await customersByEmail('mia@x.test');
    expect(mia).toMatchObject({ id: memberId, type: 'member', firstName: 'Mia' });
    expect(await leadActivities(memberId)).toHaveLength(1);

    // the same email again within 24 hours: 201, nothing stored
    ctx.clock.advance(23 * 60 * MINUTE);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'mia@x.test' }))).statusCode).toBe(201);
    expect(await leadActivities(memberId)).toHaveLength(1);
    ctx.clock.advance(61 * MINUTE);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'mia@x.test' }))).statusCode).toBe(201);
    expect(await leadActivities(memberId)).toHaveLength(2);

    // a removed record stays removed and gets the activity
    const nina = await owner('POST', '/nonmembers', { firstName: 'Nina', email: 'nina@x.test' });
    const ninaId = nina.json().customer.id as string;
    expect((await owner('DELETE', `/customers/${ninaId}`)).statusCode).toBe(204);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'nina@x.test' }))).statusCode).toBe(201);
    const after = await customersByEmail('nina@x.test');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: ninaId, status: 'removed', type: 'nonmember', source: 'manual' });
    expect(await leadActivities(ninaId)).toHaveLength(1);

    // the 24 hours count per location: another location's kiosk takes the same email
    const south = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    const southOrg = { ...org, locationId: south.json().location.id as string };
    const southDevice = await pairedDevice(southOrg);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'new@x.test' }))).statusCode).toBe(201);
    expect((await kiosk(southDevice, 'POST', '/leads', lead({ email: 'new@x.test' }))).statusCode).toBe(201);
    const southList = await owner('GET', '/customers?type=nonmember', undefined, org.ownerCookie, southOrg);
    expect(southList.json().items.map((c: { email: string; source: string }) => [c.email, c.source])).toEqual([['new@x.test', 'reception']]);
  });

  it('stores nothing for an email the organization blacklisted, and still answers 201', async () => {
    const device = await pairedDevice();
    const entry = await ctx.request({ method: 'POST', url: '/api/v1/blacklist', cookie: org.ownerCookie, payload: { email: 'Banned@x.test' } });
    expect(entry.statusCode, entry.body).toBe(201);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'banned@x.test' }))).statusCode).toBe(201);
    expect(await customersByEmail('banned@x.test')).toEqual([]);
    // lifted: the next lead is stored
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/blacklist/${entry.json().entry.id}`, cookie: org.ownerCookie })).statusCode).toBe(204);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'banned@x.test' }))).statusCode).toBe(201);
    expect(await customersByEmail('banned@x.test')).toHaveLength(1);
  });

  it('takes 20 leads a device an hour, then 429; refused ones (422) do not count; leave contacts off is 404', async () => {
    const device = await pairedDevice();
    for (let i = 0; i < 3; i++) expect((await kiosk(device, 'POST', '/leads', lead({ consent: false }))).statusCode).toBe(422);
    for (let i = 0; i < 20; i++) expect((await kiosk(device, 'POST', '/leads', lead({ email: `lead${i % 15}@x.test` }))).statusCode).toBe(201);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'late@x.test' }))).statusCode).toBe(429);
    // another tablet has its own count
    const second = await pairedDevice();
    expect((await kiosk(second, 'POST', '/leads', lead({ email: 'second@x.test' }))).statusCode).toBe(201);
    ctx.clock.advance(60 * MINUTE);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'late@x.test' }))).statusCode).toBe(201);

    await owner('PATCH', '', { receptionLeaveContacts: false });
    expect((await kiosk(device, 'GET', '/me')).json().leaveContacts).toBe(false);
    expect((await kiosk(device, 'POST', '/leads', lead({ email: 'off@x.test' }))).statusCode).toBe(404);
  });
});

describe('visitors', () => {
  it('searches hosts from 2 letters, at most 10, showing first name, last initial and company only; the visit emails the host', async () => {
    const device = await pairedDevice();
    expect((await kiosk(device, 'GET', '/hosts?q=al')).statusCode).toBe(404);
    expect((await owner('PATCH', '', { receptionVisitors: true })).json().location.receptionVisitors).toBe(true);
    expect((await kiosk(device, 'GET', '/me')).json().visitors).toBe(true);
    for (let i = 0; i < 12; i++) await member(`Alex${i}`, `Zed${i}`, `alex${i}@x.test`);
    const hostId = await member('Bea', 'Host', 'bea@x.test');
    const company = await owner('POST', '/companies', { name: 'Orbit Labs' });
    await owner('POST', `/companies/${company.json().company.id}/people`, { customerId: hostId });
    expect((await kiosk(device, 'GET', '/hosts?q=a')).statusCode).toBe(400);
    const many = await kiosk(device, 'GET', '/hosts?q=alex');
    expect(many.json().items).toHaveLength(10);
    const byCompany = (await kiosk(device, 'GET', '/hosts?q=orbit')).json().items;
    expect(byCompany).toEqual([{ id: hostId, firstName: 'Bea', lastInitial: 'H', company: 'Orbit Labs' }]);
    expect(Object.keys(byCompany[0]).sort()).toEqual(['company', 'firstName', 'id', 'lastInitial']);
    // emails are not searched
    expect((await kiosk(device, 'GET', '/hosts?q=bea@x')).json().items).toEqual([]);

    const visit = await kiosk(device, 'POST', '/visits', { firstName: 'Vic', lastName: 'Visitor', email: 'vic@guest.test', hostCustomerId: hostId });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().visit).toMatchObject({ firstName: 'Vic', lastName: 'Visitor', status: 'checked_in', host: { firstName: 'Bea', lastInitial: 'H' } });
    const [mail] = await ctx.mailTo('bea@x.test');
    expect(mail.subject).toBe('Vic Visitor is at the reception of Acme Spaces North Hall');
    expect(mail.text).toContain('vic@guest.test');
    // a removed member is no host
    expect((await owner('DELETE', `/customers/${hostId}`)).statusCode).toBe(204);
    expect((await kiosk(device, 'GET', '/hosts?q=bea')).json().items).toEqual([]);
    expect((await kiosk(device, 'POST', '/visits', { firstName: 'Vic', hostCustomerId: hostId })).statusCode).toBe(404);
  });
});

describe('event check-in', () => {
  it('checks a ticket in by its code at the device location; twice is 409; an unknown code or another location 404', async () => {
    const device = await pairedDevice();
    const ev = await owner('POST', '/events', { title: 'Open day', startsAt: '2027-03-22T09:00:00Z', endsAt: '2027-03-22T11:00:00Z' });
    expect(ev.statusCode, ev.body).toBe(201);
    const buyer = await signIn(ctx, 'owner@acme.test');
    const ticket = await ctx.request({
      method: 'POST',
      url: `/api/v1/portal/locations/${org.locationId}/events/${ev.json().event.id}/tickets`,
      cookie: buyer,
      payload: { paymentMethod: 'free' },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const code = ticket.json().ticket.code as string;
    const rival = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    expect((await kiosk(await pairedDevice(rival), 'POST', '/check-in', { code })).statusCode).toBe(404);
    const done = await kiosk(device, 'POST', '/check-in', { code: code.toLowerCase() });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().ticket).toMatchObject({ eventTitle: 'Open day', firstName: 'Olivia', lastInitial: 'O' });
    expect(done.json().ticket.checkedInAt.slice(0, 16)).toBe('2027-03-22T08:00');
    const again = await kiosk(device, 'POST', '/check-in', { code });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('already_checked_in');
    expect((await kiosk(device, 'POST', '/check-in', { code: 'ZZZZZZZZ' })).statusCode).toBe(404);
  });
});
