// Benefits and the purchase history through the API: perks written by an administrator with `benefits`, seen by
// the one visibility rule (404 when hidden), applications numbered per location with no gap under 20 parallel
// requests, allowance once, applications closed, a person without a record who becomes a nonmember, approve and
// decline with a note (emailed) and only from new, the administrators' notices; then the purchase history of a
// customer and of a company, newest first, paged across kinds with equal times, every line exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeMember,
  createTestContext,
  VISIBILITY_LEVELS,
  visibilityCallers,
  setupOrganization,
  signIn,
  type Org,
  type TestContext,
} from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let ana: { cookie: string; customerId: string };

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, cookie = org.ownerCookie) =>
  ctx.request({ method, url: url(path), cookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: `/api/v1/portal/locations/${org.locationId}${path}`, cookie, ...(payload ? { payload } : {}) });

const member = (firstName: string, email: string) => activeMember(ctx, org, org.locationId, firstName, email);

async function benefit(body: Record<string, unknown> = {}) {
  const res = await admin('POST', '/benefits', { title: 'Coffee at Bean There', provider: 'Bean There', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().benefit as { id: string; title: string };
}

async function grant(email: string, permissions: string[]) {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/administrators',
    cookie: org.ownerCookie,
    payload: { email, firstName: 'Adm', locationId: org.locationId, permissions },
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
  ana = await member('Ana', 'ana@x.test');
});
afterEach(() => ctx.close());

describe('benefits (administrator)', () => {
  it('creates with defaults, edits, lists newest first; a javascript: link is 400; without the permission 403', async () => {
    const b = await admin('POST', '/benefits', { title: 'Gym pass', ctaUrl: 'https://gym.example/atrium', confirmationText: 'Show this email at the desk.' });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().benefit).toMatchObject({
      title: 'Gym pass',
      visibility: 'location_members',
      applications: true,
      allowance: 'unlimited',
      ctaUrl: 'https://gym.example/atrium',
      description: '',
    });
    expect((await admin('POST', '/benefits', { title: 'Bad', ctaUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await admin('POST', '/benefits', { title: '' })).statusCode).toBe(400);
    const id = b.json().benefit.id;
    const edited = await admin('PATCH', `/benefits/${id}`, { allowance: 'once', applications: false, ctaUrl: null });
    expect(edited.json().benefit).toMatchObject({ allowance: 'once', applications: false, ctaUrl: null, title: 'Gym pass' });
    await benefit({ title: 'Second' });
    expect((await admin('GET', '/benefits')).json().items.map((x: { title: string }) => x.title)).toEqual(['Second', 'Gym pass']);
    await grant('cust-admin@x.test', ['customers']);
    const other = await signIn(ctx, 'cust-admin@x.test');
    expect((await admin('GET', '/benefits', undefined, other)).statusCode).toBe(403);
    expect((await admin('PATCH', `/benefits/${crypto.randomUUID()}`, { title: 'X' })).statusCode).toBe(404);
  });
});

describe('applying', () => {
  it('sees only visible benefits; a hidden one is 404; closed is 409 applications_closed; once is 409 already_applied', async () => {
    const open = await benefit({ allowance: 'once', confirmationText: 'Show the code ATRIUM10 at the till.' });
    const hidden = await benefit({ title: 'Staff only', visibility: 'administrators' });
    const closed = await benefit({ title: 'Closed', applications: false });
    const list = await portal(ana.cookie, 'GET', '/benefits');
    expect(
      list
        .json()
        .items.map((x: { title: string }) => x.title)
        .sort(),
    ).toEqual(['Closed', 'Coffee at Bean There']);
    const refused = await portal(ana.cookie, 'POST', `/benefits/${hidden.id}/applications`, { message: 'Please' });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Staff only');
    const shut = await portal(ana.cookie, 'POST', `/benefits/${closed.id}/applications`, {});
    expect([shut.statusCode, shut.json().error.reason]).toEqual([409, 'applications_closed']);
    const first = await portal(ana.cookie, 'POST', `/benefits/${open.id}/applications`, { message: 'I drink a lot of coffee' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().application).toMatchObject({
      number: 1,
      status: 'new',
      message: 'I drink a lot of coffee',
      customerId: ana.customerId,
      benefitTitle: 'Coffee at Bean There',
      applicant: { firstName: 'Ana', email: 'ana@x.test' },
    });
    const again = await portal(ana.cookie, 'POST', `/benefits/${open.id}/applications`, {});
    expect([again.statusCode, again.json().error.reason]).toEqual([409, 'already_applied']);
    const mine = await portal(ana.cookie, 'GET', '/benefit-applications');
    expect(mine.json().items.map((a: { number: number }) => a.number)).toEqual([1]);
    const mail = (await ctx.mailTo('ana@x.test')).find((x) => x.subject.startsWith('Application #1'))!;
    expect(mail.subject).toBe('Application #1 received: Coffee at Bean There');
    expect(mail.text).toContain('Show the code ATRIUM10 at the till.');
  });

  it('a signed-in person with no record here sees public benefits, applies and becomes a nonmember (source purchase)', async () => {
    const pub = await benefit({ title: 'Open day drink', visibility: 'public' });
    const members = await benefit({ title: 'Members only' });
    // an account held by another organization only
    const other = await setupOrganization(ctx, 'Elsewhere', 'boss@else.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/invitations`,
      cookie: other.ownerCookie,
      payload: { firstName: 'Zoe', email: 'zoe@elsewhere.test' },
    });
    const zoe = await signIn(ctx, 'zoe@elsewhere.test');
    const seen = await portal(zoe, 'GET', '/benefits');
    expect(seen.json().items.map((x: { title: string }) => x.title)).toEqual(['Open day drink']);
    expect((await portal(zoe, 'POST', `/benefits/${members.id}/applications`, {})).statusCode).toBe(404);
    expect((await portal(zoe, 'GET', '/benefit-applications')).json().items).toEqual([]);
    const applied = await portal(zoe, 'POST', `/benefits/${pub.id}/applications`, {});
    expect(applied.statusCode, applied.body).toBe(201);
    const record = (await admin('GET', `/customers/${applied.json().application.customerId}`)).json().customer;
    expect(record).toMatchObject({ type: 'nonmember', status: 'active', source: 'purchase', email: 'zoe@elsewhere.test' });
    expect((await portal(zoe, 'GET', '/benefit-applications')).json().items).toHaveLength(1);
    // signed out: 401
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/benefits` })).statusCode).toBe(401);
  });

  it('numbers 20 parallel applications 1 to 20 with no gap, across benefits; 20 parallel on a once benefit give one', async () => {
    const a = await benefit({ title: 'A' });
    const b = await benefit({ title: 'B' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => portal(ana.cookie, 'POST', `/benefits/${(i % 2 ? a : b).id}/applications`, { message: `#${i}` })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = answers.map((r) => r.json().application.number as number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const once = await benefit({ title: 'Once', allowance: 'once' });
    const raced = await Promise.all(Array.from({ length: 20 }, () => portal(ana.cookie, 'POST', `/benefits/${once.id}/applications`, {})));
    expect(raced.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(raced.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.json().error.reason}`)).toEqual(Array(19).fill('409 already_applied'));
    expect(raced.find((r) => r.statusCode === 201)!.json().application.number).toBe(21);
    // the inbox, newest first, paged, filtered
    const page1 = (await admin('GET', `/benefit-applications?limit=15&benefitId=${a.id}`)).json();
    const ofA = answers.filter((_, i) => i % 2).map((r) => r.json().application.number as number);
    expect(page1.items.map((x: { number: number }) => x.number)).toEqual(ofA.sort((x, y) => y - x));
    expect(page1.nextCursor).toBeNull();
    const first = (await admin('GET', '/benefit-applications?limit=15')).json();
    const second = (await admin('GET', `/benefit-applications?limit=15&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((x: { number: number }) => x.number)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
  });
});

describe('visibility', () => {
  it('a visitor, a member of another location, a member and an administrator see the perks their level allows; the rest is 404 to apply', async () => {
    const levels = VISIBILITY_LEVELS;
    const ids: Record<string, string> = {};
    for (const v of levels) ids[v] = (await benefit({ title: v, visibility: v })).id;
    const sees = await visibilityCallers(ctx, org, ana.cookie);
    for (const [who, cookie, visible] of sees) {
      const list = (await portal(cookie, 'GET', '/benefits')).json().items.map((x: { title: string }) => x.title);
      expect(list.sort(), who).toEqual([...visible].sort());
      for (const v of levels) {
        const res = await portal(cookie, 'POST', `/benefits/${ids[v]}/applications`, {});
        if (visible.includes(v)) expect(res.statusCode, `${who} applies for ${v}: ${res.body}`).toBe(201);
        else {
          expect(res.statusCode, `${who} applies for ${v}`).toBe(404);
          expect(res.body).not.toContain(v);
        }
      }
    }
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/benefits` })).statusCode).toBe(401);
  });
});

describe('deciding', () => {
  it('approves or declines a new application with a note, emailed; a second decision is 409 invalid_transition; admins with benefits are told', async () => {
    await grant('perks@x.test', ['benefits']);
    await grant('desk@x.test', ['customers']);
    const b = await benefit({ title: 'Bike repair' });
    const first = (await portal(ana.cookie, 'POST', `/benefits/${b.id}/applications`, { message: 'Flat tyre' })).json().application;
    const second = (await portal(ana.cookie, 'POST', `/benefits/${b.id}/applications`, {})).json().application;
    for (const to of ['owner@acme.test', 'perks@x.test']) {
      const notice = (await ctx.mailTo(to)).find((x) => x.subject === 'New application #1: Bike repair');
      expect(notice, to).toBeDefined();
      expect(notice!.text).toContain('Ana (ana@x.test) applied for Bike repair');
      expect(notice!.text).toContain('Their message: Flat tyre');
      expect(notice!.text).toContain(`/admin/l/${org.locationId}/benefits`);
    }
    expect((await ctx.mailTo('desk@x.test')).filter((x) => x.subject.includes('application'))).toEqual([]);

    const approved = await admin('PATCH', `/benefit-applications/${first.id}`, { status: 'approved', note: 'Come on Tuesday' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().application).toMatchObject({ status: 'approved', note: 'Come on Tuesday', number: 1 });
    expect(approved.json().application.decidedAt).not.toBeNull();
    const mail = (await ctx.mailTo('ana@x.test')).find((x) => x.subject === 'Approved: Bike repair')!;
    expect(mail.text).toContain('Your application #1 for Bike repair');
    expect(mail.text).toContain('A note from the team: Come on Tuesday');
    const again = await admin('PATCH', `/benefit-applications/${first.id}`, { status: 'declined' });
    expect([again.statusCode, again.json().error.reason]).toEqual([409, 'invalid_transition']);

    const declined = await admin('PATCH', `/benefit-applications/${second.id}`, { status: 'declined' });
    expect(declined.json().application).toMatchObject({ status: 'declined', note: '' });
    expect((await ctx.mailTo('ana@x.test')).some((x) => x.subject === 'Declined: Bike repair')).toBe(true);
    expect((await admin('PATCH', `/benefit-applications/${second.id}`, { status: 'new' })).statusCode).toBe(400);
    const mine = (await portal(ana.cookie, 'GET', '/benefit-applications')).json().items;
    expect(mine.map((x: { status: string; note: string }) => [x.status, x.note])).toEqual([
      ['declined', ''],
      ['approved', 'Come on Tuesday'],
    ]);
    expect((await admin('GET', '/benefit-applications?status=new')).json().items).toEqual([]);
  });

  it("another organization's administrator finds nothing: 404", async () => {
    const b = await benefit();
    const app = (await portal(ana.cookie, 'POST', `/benefits/${b.id}/applications`, {})).json().application;
    const rival = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    const at = `/api/v1/locations/${rival.locationId}`;
    expect((await ctx.request({ method: 'GET', url: url('/benefits'), cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'PATCH', url: `${at}/benefits/${b.id}`, cookie: rival.ownerCookie, payload: { title: 'X' } })).statusCode).toBe(404);
    expect(
      (await ctx.request({ method: 'PATCH', url: `${at}/benefit-applications/${app.id}`, cookie: rival.ownerCookie, payload: { status: 'approved' } }))
        .statusCode,
    ).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `${at}/customers/${ana.customerId}/purchases`, cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: url(`/customers/${ana.customerId}/purchases`), cookie: rival.ownerCookie })).statusCode).toBe(404);
  });
});

describe('purchase history', () => {
  it('lists bookings and applications newest first; pages of any size give every line once, equal times included; company and kind filters', async () => {
    const company = (await admin('POST', '/companies', { name: 'Widgets Ltd' })).json().company;
    expect((await admin('POST', `/companies/${company.id}/people`, { customerId: ana.customerId, manager: true })).statusCode).toBeLessThan(300);
    const room = (await admin('POST', '/resources', { type: 'meeting_room', name: 'Room A', creditsPerHour: 2 })).json().resource;
    const book = async (day: number, payer: 'personal' | 'company') => {
      const res = await admin('POST', '/bookings', {
        customerId: ana.customerId,
        resourceId: room.id,
        startsAt: `2027-03-${day}T09:00:00Z`,
        endsAt: `2027-03-${day}T10:00:00Z`,
        paymentMethod: 'free',
        payer,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().booking.id as string;
    };
    const perk = await benefit({ title: 'Gym' });
    const apply = async () => (await portal(ana.cookie, 'POST', `/benefits/${perk.id}/applications`, {})).json().application.id as string;
    const ids = [await book(23, 'personal'), await apply(), await book(24, 'company'), await apply(), await book(25, 'personal'), await apply()];
    // three pairs made at the same instant: a booking and an application each
    const times = ['2027-03-22T09:00:00.000Z', '2027-03-22T10:00:00.000Z', '2027-03-22T11:00:00.000Z'];
    for (let i = 0; i < 3; i++) {
      await ctx.db
        .updateTable('bookings')
        .set({ created_at: times[i] })
        .where('id', '=', ids[2 * i])
        .execute();
      await ctx.db
        .updateTable('benefit_applications')
        .set({ created_at: times[i] })
        .where('id', '=', ids[2 * i + 1])
        .execute();
    }
    const all = (await admin('GET', `/customers/${ana.customerId}/purchases`)).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((x: { at: string }) => x.at)).toEqual([times[2], times[2], times[1], times[1], times[0], times[0]]);
    const expected = [...ids].sort((a, b) => {
      const at = (id: string) => times[Math.floor(ids.indexOf(id) / 2)];
      return at(a) === at(b) ? (a < b ? 1 : -1) : at(a) < at(b) ? 1 : -1;
    });
    expect(all.items.map((x: { id: string }) => x.id)).toEqual(expected);
    const booking = all.items.find((x: { id: string }) => x.id === ids[2]);
    expect(booking).toMatchObject({ kind: 'booking', status: 'confirmed', price: 0, credits: 0, dayPasses: 0, payer: 'company' });
    expect(booking.title).toContain('Room A');
    expect(all.items.find((x: { id: string }) => x.id === ids[1])).toMatchObject({
      kind: 'benefit_application',
      title: '#1 Gym',
      status: 'new',
      price: 0,
      payer: 'personal',
    });
    for (const limit of [1, 2, 4, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await admin('GET', `/customers/${ana.customerId}/purchases?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
    const onlyBookings = (await admin('GET', `/customers/${ana.customerId}/purchases?kind=booking`)).json().items;
    expect(onlyBookings.map((x: { kind: string }) => x.kind)).toEqual(['booking', 'booking', 'booking']);
    expect((await admin('GET', `/customers/${ana.customerId}/purchases?kind=ticket`)).json().items).toEqual([]);
    const companyItems = (await admin('GET', `/companies/${company.id}/purchases`)).json().items;
    expect(companyItems.map((x: { id: string; payer: string }) => [x.id, x.payer])).toEqual([[ids[2], 'company']]);
    expect((await admin('GET', `/customers/${ana.customerId}/purchases?cursor=forged`)).statusCode).toBe(400);
    expect((await admin('GET', `/customers/${crypto.randomUUID()}/purchases`)).statusCode).toBe(404);
    expect((await admin('GET', `/companies/${crypto.randomUUID()}/purchases`)).statusCode).toBe(404);
    await grant('perks@x.test', ['benefits']);
    expect((await admin('GET', `/customers/${ana.customerId}/purchases`, undefined, await signIn(ctx, 'perks@x.test'))).statusCode).toBe(403);
  });

  it('a company lists what it paid for, from several of its people, newest first, paged with equal times', async () => {
    const company = (await admin('POST', '/companies', { name: 'Widgets Ltd' })).json().company;
    const ben = await member('Ben', 'ben@x.test');
    for (const p of [ana, ben])
      expect((await admin('POST', `/companies/${company.id}/people`, { customerId: p.customerId, manager: true })).statusCode).toBeLessThan(300);
    const room = (await admin('POST', '/resources', { type: 'meeting_room', name: 'Room B' })).json().resource;
    const ids: string[] = [];
    for (const [i, p] of [ana, ben, ana, ben].entries()) {
      const res = await admin('POST', '/bookings', {
        customerId: p.customerId,
        resourceId: room.id,
        startsAt: `2027-03-2${3 + i}T09:00:00Z`,
        endsAt: `2027-03-2${3 + i}T10:00:00Z`,
        paymentMethod: 'free',
        payer: i === 3 ? 'personal' : 'company',
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().booking.id);
    }
    await ctx.db.updateTable('bookings').set({ created_at: '2027-03-22T09:00:00.000Z' }).where('id', 'in', ids).execute();
    const paid = ids.slice(0, 3).sort().reverse();
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; payer: string }[]; nextCursor: string | null } = (
          await admin('GET', `/companies/${company.id}/purchases?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        expect(page.items.every((x) => x.payer === 'company')).toBe(true);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(paid);
    }
    // Ben's own history holds his two bookings, the one his company paid and the one he paid
    const bens = (await admin('GET', `/customers/${ben.customerId}/purchases`)).json().items;
    expect(bens.map((x: { payer: string }) => x.payer).sort()).toEqual(['company', 'personal']);
  });

  it('lists tickets and shop orders beside the rest, each under its own kind', async () => {
    const event = await admin('POST', '/events', { title: 'Breakfast', startsAt: '2030-05-01T08:00:00Z', endsAt: '2030-05-01T09:00:00Z' });
    expect(event.statusCode, event.body).toBe(201);
    const ticket = await portal(ana.cookie, 'POST', `/events/${event.json().event.id}/tickets`, { paymentMethod: 'free' });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const product = await admin('POST', '/products', { name: 'Sticker' });
    expect(product.statusCode, product.body).toBe(201);
    const order = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: product.json().product.id, quantity: 2 }], paymentMethod: 'free' });
    expect(order.statusCode, order.body).toBe(201);
    const kinds = async (kind: string) =>
      (await admin('GET', `/customers/${ana.customerId}/purchases?kind=${kind}`)).json().items.map((x: { id: string; kind: string }) => [x.kind, x.id]);
    expect(await kinds('ticket')).toEqual([['ticket', ticket.json().ticket.id]]);
    expect(await kinds('order')).toEqual([['order', order.json().order.id]]);
    const all = (await admin('GET', `/customers/${ana.customerId}/purchases`)).json().items.map((x: { id: string }) => x.id);
    expect(all).toEqual(expect.arrayContaining([ticket.json().ticket.id, order.json().order.id]));
  });
});
