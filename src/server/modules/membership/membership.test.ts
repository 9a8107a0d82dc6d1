// A customer's life after the invitation: removal (access ends at once, history stays), restore,
// orphan accounts, who owns the name, the portal profile, the Activities timeline, last active.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.js';
import { sweepOnce } from '../../runtime.js';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

const SECOND = 1000;

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const customerUrl = (id: string, locationId = org.locationId) => `/api/v1/locations/${locationId}/customers/${id}`;
const invite = (payload: Record<string, unknown>, locationId = org.locationId, cookie = org.ownerCookie) =>
  ctx.request({ method: 'POST', url: `/api/v1/locations/${locationId}/invitations`, payload, cookie });
const remove = (id: string, locationId = org.locationId) => ctx.request({ method: 'DELETE', url: customerUrl(id, locationId), cookie: org.ownerCookie });
const restore = (id: string, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: `${customerUrl(id, locationId)}/restore`, cookie: org.ownerCookie });
const patch = (id: string, payload: Record<string, unknown>, locationId = org.locationId) =>
  ctx.request({ method: 'PATCH', url: customerUrl(id, locationId), cookie: org.ownerCookie, payload });
const profile = async (id: string, locationId = org.locationId) =>
  (await ctx.request({ method: 'GET', url: customerUrl(id, locationId), cookie: org.ownerCookie })).json();
const me = async (cookie: string) => (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie })).json();
const visibleLocations = async (cookie: string) =>
  ((await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie })).json().items as { id: string }[]).map((l) => l.id);
const userRow = (email: string) => ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
const openLink = async (email: string) => {
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  return ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
};

async function secondLocation(name = 'South Loft'): Promise<string> {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name, timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().location.id;
}

/** Invites a person at the location and opens the link: an activated, signed-in member. */
async function activatedMember(email: string, payload: Record<string, unknown> = {}, locationId = org.locationId) {
  const res = await invite({ firstName: 'Pat', lastName: 'Doe', email, ...payload }, locationId);
  expect(res.statusCode).toBe(201);
  const act = await openLink(email);
  expect(act.json().status).toBe('signed_in');
  return { customerId: res.json().customer.id as string, cookie: sessionCookie(act) };
}

describe('remove', () => {
  it('ends member and admin access at that location at once, and leaves other locations alone', async () => {
    const south = await secondLocation();
    const admin = await activatedMember('ada@x.test', { administrator: true, permissions: ['customers'] });
    const adaSouth = await invite({ firstName: 'Ada', email: 'ada@x.test', administrator: true, permissions: ['customers'] }, south);
    expect(adaSouth.json().outcome).toBe('access_granted');
    const member = await activatedMember('mo@x.test');
    await invite({ firstName: 'Mo', email: 'mo@x.test' }, south);
    expect(await visibleLocations(member.cookie)).toEqual([org.locationId, south]);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers`, cookie: admin.cookie })).statusCode).toBe(200);

    expect((await remove(admin.customerId)).statusCode).toBe(204);
    expect((await remove(member.customerId)).statusCode).toBe(204);

    // the plain member: removed here, still active in the South Loft
    const mo = await me(member.cookie);
    expect(mo.memberships).toEqual([
      expect.objectContaining({ locationId: org.locationId, status: 'removed' }),
      expect.objectContaining({ locationId: south, status: 'active' }),
    ]);
    expect(await visibleLocations(member.cookie)).toEqual([south]);

    // the administrator: no admin rights here any more (404, it reveals nothing), untouched in the South Loft
    const ada = await me(admin.cookie);
    expect(ada.admin).toEqual([{ locationId: south, permissions: ['customers'] }]);
    expect(await visibleLocations(admin.cookie)).toEqual([south]);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers`, cookie: admin.cookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${south}/customers`, cookie: admin.cookie })).statusCode).toBe(200);
    expect(
      await ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.id')
        .where('users.email', '=', 'ada@x.test')
        .execute(),
    ).toHaveLength(1);
  });

  it('keeps the history: the profile still answers with every activity', async () => {
    const pat = await activatedMember('pat@x.test');
    await remove(pat.customerId);
    const p = await profile(pat.customerId);
    expect(p.customer).toMatchObject({ status: 'removed', email: 'pat@x.test', removedAt: expect.any(String) });
    expect(p.activities.map((a: { kind: string }) => a.kind)).toEqual(['removed', 'activated', 'invited', 'created']);
    const listed = (await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers?status=removed`, cookie: org.ownerCookie })).json()
      .items;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([pat.customerId]);
    expect((await userRow('pat@x.test'))?.activated_at).not.toBeNull();
  });

  it('a wrong-email invitation, removed, leaves no account behind; an activated account stays', async () => {
    const typo = (await invite({ firstName: 'Pat', email: 'pat@tpyo.test' })).json().customer;
    expect((await remove(typo.id)).statusCode).toBe(204);
    expect(await userRow('pat@tpyo.test')).toBeUndefined();
    expect(await ctx.db.selectFrom('customers').select('id').where('user_id', '=', typo.userId).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('invitations').select('id').where('user_id', '=', typo.userId).execute()).toEqual([]);
    expect((await ctx.request({ method: 'GET', url: customerUrl(typo.id), cookie: org.ownerCookie })).statusCode).toBe(404);

    const pat = await activatedMember('pat@x.test');
    await remove(pat.customerId);
    expect(await userRow('pat@x.test')).toMatchObject({ email: 'pat@x.test', activated_at: expect.any(String) });
  });

  it('a never-activated customer with notes is removed (not a 500) and kept restorable: notes are history', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const note = await ctx.request({
      method: 'POST',
      url: `${customerUrl(c.id)}/notes`,
      cookie: org.ownerCookie,
      payload: { body: 'Asked about the quiet room' },
    });
    expect(note.statusCode).toBe(201);
    expect((await remove(c.id)).statusCode).toBe(204);
    const p = await profile(c.id);
    expect(p.customer.status).toBe('removed');
    expect(p.activities.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['note_added', 'removed']));
    expect((await restore(c.id)).json().customer).toMatchObject({ type: 'member', status: 'invited' });
  });

  it('a never-activated account still invited elsewhere is kept', async () => {
    const south = await secondLocation();
    await invite({ firstName: 'Pat', email: 'pat@x.test' }, south);
    const here = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    await remove(here.id);
    expect(await userRow('pat@x.test')).toMatchObject({ activated_at: null });
    expect((await profile(here.id)).customer.status).toBe('removed');
  });
});

describe('restore', () => {
  it('brings a member back as a member (active once activated, invited before)', async () => {
    const pat = await activatedMember('pat@x.test');
    await remove(pat.customerId);
    const res = await restore(pat.customerId);
    expect(res.statusCode).toBe(200);
    expect(res.json().customer).toMatchObject({ type: 'member', status: 'active', removedAt: null });
    expect((await me(pat.cookie)).memberships[0]).toMatchObject({ locationId: org.locationId, status: 'active', type: 'member' });
    expect((await profile(pat.customerId)).activities[0]).toMatchObject({ kind: 'restored', data: { type: 'member' } });
    expect((await restore(pat.customerId)).statusCode).toBe(409);

    const south = await secondLocation();
    await invite({ firstName: 'Ivy', email: 'ivy@x.test' }, south);
    const ivy = (await invite({ firstName: 'Ivy', email: 'ivy@x.test' })).json().customer;
    await remove(ivy.id);
    expect((await restore(ivy.id)).json().customer).toMatchObject({ type: 'member', status: 'invited' });
  });

  it('brings a nonmember back as a nonmember', async () => {
    const south = await secondLocation();
    await activatedMember('nora@x.test', { firstName: 'Nora' }, south);
    const add = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/nonmembers`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Nora', email: 'nora@x.test' },
    });
    expect(add.statusCode).toBe(201);
    const id = add.json().customer.id as string;
    expect(add.json().customer).toMatchObject({ type: 'nonmember', status: 'active' });
    expect((await remove(id)).statusCode).toBe(204);
    expect((await profile(id)).customer).toMatchObject({ status: 'removed', type: 'nonmember' });
    const res = await restore(id);
    expect(res.statusCode).toBe(200);
    expect(res.json().customer).toMatchObject({ type: 'nonmember', status: 'active' });
    expect((await profile(id)).activities[0]).toMatchObject({ kind: 'restored', data: { type: 'nonmember' } });
  });
});

describe('names', () => {
  it("before activation the administrator's latest name wins, by edit or by reinvite", async () => {
    const c = (await invite({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test' })).json().customer;
    const edit = await patch(c.id, { firstName: 'Patricia' });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().customer).toMatchObject({ firstName: 'Patricia', lastName: 'Doe' });
    const south = await secondLocation();
    const again = await invite({ firstName: 'Trish', lastName: 'Dee', email: 'pat@x.test' }, south);
    expect(again.json()).toMatchObject({ nameKept: false, customer: { firstName: 'Trish', lastName: 'Dee' } });
    // each record keeps what was entered for it, until the person activates the account
    expect((await profile(c.id)).customer).toMatchObject({ firstName: 'Patricia', lastName: 'Doe' });
    const mail = (await ctx.mailTo('pat@x.test'))[0].text;
    expect(mail).toContain('Hi Trish,');
    // activating through the second invitation: the account takes that record's names, shown everywhere
    const token = linkFrom(mail).split('/activate/')[1];
    expect((await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } })).json().user).toMatchObject({
      firstName: 'Trish',
      lastName: 'Dee',
    });
    expect((await profile(c.id)).customer).toMatchObject({ firstName: 'Trish', lastName: 'Dee' });
  });

  it('after activation the name belongs to the person: edits are refused with the reason, reinvites keep it', async () => {
    const pat = await activatedMember('pat@x.test');
    const edit = await patch(pat.customerId, { firstName: 'Someone', lastName: 'Else' });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.message).toContain('activated their account');
    expect(
      edit
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['firstName', 'lastName']);
    const p = await profile(pat.customerId);
    expect(p.customer).toMatchObject({ firstName: 'Pat', lastName: 'Doe' });
    expect(p.detailsOwnedByPerson).toBe(true);
    // other fields still save
    expect((await patch(pat.customerId, { contractStart: '2026-12-01' })).statusCode).toBe(200);
    const south = await secondLocation();
    const again = await invite({ firstName: 'Someone', lastName: 'Else', email: 'pat@x.test' }, south);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ nameKept: true, outcome: 'access_granted', customer: { firstName: 'Pat', lastName: 'Doe' } });
  });

  it('the person edits their own name and phone from the portal', async () => {
    const pat = await activatedMember('pat@x.test');
    const res = await ctx.request({
      method: 'PATCH',
      url: '/api/v1/me',
      cookie: pat.cookie,
      payload: { firstName: 'Patti', lastName: 'Smith', phone: '06 12 34 56 78' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ firstName: 'Patti', lastName: 'Smith', phone: '+33612345678' });
    expect((await profile(pat.customerId)).customer).toMatchObject({ firstName: 'Patti', lastName: 'Smith', phone: '+33612345678' });
    const bad = await ctx.request({ method: 'PATCH', url: '/api/v1/me', cookie: pat.cookie, payload: { phone: '123' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['phone']);
    expect((await ctx.request({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'X' } })).statusCode).toBe(401);
  });
});

describe('activities and last active', () => {
  it('the timeline lists every step, newest on top, creation last', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    ctx.clock.advance(HOUR);
    await ctx.request({ method: 'POST', url: `${customerUrl(c.id)}/resend-invitation`, cookie: org.ownerCookie });
    ctx.clock.advance(3 * DAY);
    await sweepOnce(ctx.deps);
    ctx.clock.advance(HOUR);
    expect((await openLink('pat@x.test')).json().status).toBe('signed_in');
    ctx.clock.advance(HOUR);
    await remove(c.id);
    ctx.clock.advance(HOUR);
    await restore(c.id);
    const { activities } = await profile(c.id);
    expect(activities.map((a: { kind: string }) => a.kind)).toEqual([
      'restored',
      'removed',
      'activated',
      'reminder_sent',
      'invitation_resent',
      'invited',
      'created',
    ]);
    const times = activities.map((a: { createdAt: string }) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(activities.at(-1)).toMatchObject({ kind: 'created', actor: { name: 'Olivia Owner' } });
    expect(activities.find((a: { kind: string }) => a.kind === 'reminder_sent').actor).toBeNull();
  });

  it('lastActiveAt moves on authenticated use, written at most once a minute', async () => {
    const pat = await activatedMember('pat@x.test');
    const lastActive = async () => (await userRow('pat@x.test'))!.last_active_at;
    await me(pat.cookie);
    const first = await lastActive();
    expect(first).not.toBeNull();
    ctx.clock.advance(30 * SECOND);
    await me(pat.cookie);
    expect(await lastActive()).toBe(first);
    ctx.clock.advance(31 * SECOND);
    await me(pat.cookie);
    const second = await lastActive();
    expect(Date.parse(second!) - Date.parse(first!)).toBeGreaterThanOrEqual(61 * SECOND);
    const listed = (await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers?q=pat`, cookie: org.ownerCookie })).json().items;
    expect(listed[0]).toMatchObject({ email: 'pat@x.test', lastActiveAt: second });
    // signed-out requests do not count
    ctx.clock.advance(2 * 60 * SECOND);
    await ctx.request({ method: 'GET', url: '/api/v1/me' });
    expect(await lastActive()).toBe(second);
  });
});
