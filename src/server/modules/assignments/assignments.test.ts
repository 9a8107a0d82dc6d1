// Assignments through the API: seats beyond the resource (409 slot_unavailable), bookings in the way
// (409 conflicts_with_bookings, named), seats a zone keeps for bookings, the grid of a wholly
// assigned resource, and an assignment that ends with its subscription (and shows in its preview).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

async function member(firstName: string, email: string, extra: Record<string, unknown> = {}) {
  const invited = await admin('POST', '/invitations', { firstName, email, ...extra });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = linkFrom((await ctx.mailTo(email)).at(-1)!.text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return { cookie, customerId: invited.json().customer.id as string };
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('assignments', () => {
  it('a whole office once; a zone keeps its other seats for bookings; bookings in the way are named', async () => {
    const companyId = (await admin('POST', '/companies', { name: 'Globex' })).json().company.id;
    const office = (await admin('POST', '/resources', { type: 'private_office', name: 'Office 1', seats: 4 })).json().resource;
    const first = await admin('POST', '/assignments', { resourceId: office.id, companyId, startDate: '2027-04-01' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().assignment).toMatchObject({ resourceName: 'Office 1', seats: null, endDate: null });
    const again = await admin('POST', '/assignments', { resourceId: office.id, companyId, startDate: '2027-03-25', endDate: '2027-04-02' });
    expect([again.statusCode, again.json().error.reason]).toEqual([409, 'slot_unavailable']);

    const ana = await member('Ana', 'ana@x.test');
    const zone = (await admin('POST', '/resources', { type: 'hot_desk', name: 'Open space', seats: 3, pricePerHour: 0 })).json().resource;
    const part = await admin('POST', '/assignments', { resourceId: zone.id, companyId, seats: 2, startDate: '2027-03-23', endDate: '2027-03-23' });
    expect(part.statusCode, part.body).toBe(201);
    const slot = { resourceId: zone.id, startsAt: '2027-03-23T09:00:00Z', endsAt: '2027-03-23T10:00:00Z', paymentMethod: 'free' };
    const portal = (cookie: string) => ctx.request({ method: 'POST', url: `/api/v1/portal/locations/${org.locationId}/bookings`, cookie, payload: slot });
    expect((await portal(ana.cookie)).statusCode).toBe(201);
    const ben = await member('Ben', 'ben@x.test');
    expect((await portal(ben.cookie)).json().error.reason).toBe('slot_unavailable');

    const room = (await admin('POST', '/resources', { type: 'meeting_room', name: 'Room A', pricePerHour: 0 })).json().resource;
    const booked = await ctx.request({
      method: 'POST',
      url: `/api/v1/portal/locations/${org.locationId}/bookings`,
      cookie: ana.cookie,
      payload: { ...slot, resourceId: room.id },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const blocked = await admin('POST', '/assignments', { resourceId: room.id, customerId: ana.customerId, startDate: '2027-03-23' });
    expect([blocked.statusCode, blocked.json().error.reason]).toEqual([409, 'conflicts_with_bookings']);
    expect(blocked.json().error.details).toEqual([
      {
        path: 'bookings',
        message: expect.any(String),
        bookingId: booked.json().booking.id,
        startsAt: '2027-03-23T09:00:00.000Z',
        endsAt: '2027-03-23T10:00:00.000Z',
      },
    ]);
    // from the next day it fits, and the grid shows the room as assigned
    expect((await admin('POST', '/assignments', { resourceId: room.id, customerId: ana.customerId, startDate: '2027-03-24' })).statusCode).toBe(201);
    const grid = (
      await ctx.request({
        method: 'GET',
        url: `/api/v1/portal/locations/${org.locationId}/availability?date=2027-03-24&resourceId=${room.id}`,
        cookie: ana.cookie,
      })
    ).json();
    expect(grid.resources[0]).toMatchObject({ assigned: true });
    expect(grid.resources[0].slots.every((s: { seatsFree: number }) => s.seatsFree === 0)).toBe(true);
  });

  it('ends with its subscription, which says so in its preview; another owner’s subscription is refused', async () => {
    const ana = await member('Ana', 'ana@x.test');
    const ben = await member('Ben', 'ben@x.test');
    const desk = (await admin('POST', '/resources', { type: 'dedicated_desk', name: 'Desk 7' })).json().resource;
    const planId = (await admin('POST', '/plans', { name: 'Resident', price: 30000, cycle: 'month' })).json().plan.id;
    const subId = (await admin('POST', '/subscriptions', { customerId: ana.customerId, planId, startDate: '2027-03-22' })).json().subscription.id;
    const wrong = await admin('POST', '/assignments', { resourceId: desk.id, customerId: ben.customerId, startDate: '2027-03-22', subscriptionId: subId });
    expect([wrong.statusCode, wrong.json().error.reason]).toEqual([422, 'subscription_owner_mismatch']);
    const a = await admin('POST', '/assignments', { resourceId: desk.id, customerId: ana.customerId, startDate: '2027-03-22', subscriptionId: subId });
    expect(a.statusCode, a.body).toBe(201);
    expect((await admin('GET', `/subscriptions/${subId}/offboarding`)).json().assignmentsEnding).toEqual([
      { id: a.json().assignment.id, resourceName: 'Desk 7' },
    ]);
    expect((await admin('POST', `/subscriptions/${subId}/cancel`)).statusCode).toBe(200);
    expect((await admin('GET', `/assignments?customerId=${ana.customerId}`)).json().items).toMatchObject([{ endDate: '2027-03-22' }]);
    expect((await admin('GET', '/assignments?active=true')).json().items).toMatchObject([{ resourceName: 'Desk 7' }]);
    ctx.clock.set('2027-03-23T08:00:00Z');
    org.ownerCookie = await signIn(ctx, org.ownerEmail);
    expect((await admin('GET', '/assignments?active=true')).json().items).toEqual([]);
  });
});
