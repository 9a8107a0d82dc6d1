// The compiled answer serializer writes exactly what zod wrote: the customers list (nulls, a company,
// dates, text that needs escaping, a column the schema does not have), nested nullable objects,
// records, optional fields in any order, and a union left to zod.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorSchema } from '../lib/schema.js';
import { meAnswer } from '../modules/auth/schema.js';
import { customerListAnswer, profileAnswer } from '../modules/customers/schema.js';
import { activationAnswer } from '../modules/invitations/schema.js';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../testing/harness.js';
import { fastSerializer } from './serializer.js';

/** What the zod serializer wrote: the answer encoded (checked, unknown keys dropped), then JSON. */
const viaZod = (schema: z.ZodType, data: unknown) => JSON.stringify(z.encode(schema, data));

function compiled(schema: z.ZodType) {
  const write = fastSerializer(schema);
  if (!write) throw new Error('the schema did not compile');
  return write;
}

const customer = {
  id: '3f0c1d2e-0000-4000-8000-000000000001',
  locationId: '3f0c1d2e-0000-4000-8000-0000000000aa',
  userId: '3f0c1d2e-0000-4000-8000-0000000000bb',
  type: 'member',
  status: 'active',
  source: 'invitation',
  firstName: 'Zoë "Zo"',
  lastName: 'Ødegård\\Back',
  email: 'zoe@example.test',
  phone: '+33123456789',
  companyId: '3f0c1d2e-0000-4000-8000-0000000000cc',
  companyName: 'Globex\nLine two \u2028 \ud83d\ude00',
  companyManager: true,
  accountActivated: true,
  invitedAt: '2026-11-28T09:00:00.000Z',
  createdAt: '2026-11-28T09:00:00.001Z',
  lastActiveAt: '2026-11-30T18:45:12.345Z',
  removedAt: null,
};

describe('the compiled serializer writes what zod wrote', () => {
  it('a customers list page: nulls, a company, dates, escapes, a column the schema does not have', () => {
    const page = {
      items: [
        customer,
        {
          ...customer,
          id: '3f0c1d2e-0000-4000-8000-000000000002',
          type: 'nonmember',
          status: 'invited',
          phone: null,
          companyId: null,
          companyName: null,
          companyManager: false,
          accountActivated: false,
          invitedAt: null,
          lastActiveAt: null,
          // a database column that leaked into the row: both writers leave it out
          search_text: 'zoe',
        },
        { ...customer, id: '3f0c1d2e-0000-4000-8000-000000000003', status: 'removed', removedAt: '2026-12-01T00:00:00.000Z', lastName: '' },
      ],
      nextCursor: 'eyJjIjoiMjAyNi0xMS0yOFQwOTowMDowMC4wMDFaIn0',
    };
    const json = compiled(customerListAnswer)(page);
    expect(json).toBe(viaZod(customerListAnswer, page));
    expect(JSON.parse(json).items[1]).not.toHaveProperty('search_text');
    expect(compiled(customerListAnswer)({ items: [], nextCursor: null })).toBe('{"items":[],"nextCursor":null}');
  });

  it('a profile: nested nullable objects, a record of anything, arrays of strings', () => {
    const profile = {
      customer: { ...customer, contractStart: '2026-01-01', contractEnd: null, invitedBy: { id: 'u1', name: 'Olivia Owner' } },
      detailsOwnedByPerson: true,
      administrator: { permissions: ['customers', 'settings'] },
      activities: [
        {
          id: 'a1',
          kind: 'invited',
          data: { by: 'Olivia', nested: { list: [1, 'two', null], flag: false } },
          actor: { id: 'u1', name: 'Olivia' },
          createdAt: customer.createdAt,
        },
        { id: 'a2', kind: 'removed', data: {}, actor: null, createdAt: customer.createdAt },
      ],
    };
    expect(compiled(profileAnswer)(profile)).toBe(viaZod(profileAnswer, profile));
    const bare = { ...profile, customer: { ...profile.customer, invitedBy: null }, administrator: null, activities: [] };
    expect(compiled(profileAnswer)(bare)).toBe(viaZod(profileAnswer, bare));
  });

  it('GET /me: a nullable company inside each membership', () => {
    const me = {
      user: {
        id: 'u1',
        email: 'zoe@example.test',
        firstName: 'Zoë',
        lastName: '',
        phone: null,
        activatedAt: customer.createdAt,
        lastActiveAt: null,
        language: 'fr',
      },
      memberships: [
        {
          locationId: 'l1',
          locationName: 'North',
          organizationId: 'o1',
          customerId: 'c1',
          type: 'member',
          status: 'active',
          company: { id: 'co', name: 'Globex', manager: false },
          brand: { name: 'Acme', logoUrl: null, accentColor: null, accentTextColor: '#1c7ed6', supportEmail: null },
        },
        {
          locationId: 'l2',
          locationName: 'South',
          organizationId: 'o1',
          customerId: 'c2',
          type: 'nonmember',
          status: 'removed',
          company: null,
          brand: { name: 'Acme', logoUrl: null, accentColor: null, accentTextColor: '#1c7ed6', supportEmail: null },
        },
      ],
      country: 'FR',
      admin: [{ locationId: 'l1', permissions: [] }],
      organizations: [
        { id: 'o1', name: 'Acme', role: 'owner', brand: { name: 'Acme', logoUrl: null, accentColor: null, accentTextColor: '#1c7ed6', supportEmail: null } },
      ],
      mailTransport: 'mailbox',
    };
    expect(compiled(meAnswer)(me)).toBe(viaZod(meAnswer, me));
  });

  it('errors: optional reason and details, present or not', () => {
    for (const e of [
      { error: { code: 'not_found', message: 'Location not found' } },
      { error: { code: 'conflict', message: 'Taken', reason: 'email_taken', details: undefined } },
      { error: { code: 'bad_request', message: 'Invalid email', details: [{ path: 'email', message: 'Enter a valid email address' }] } },
    ]) {
      expect(compiled(errorSchema)(e)).toBe(viaZod(errorSchema, e));
    }
  });

  it('keeps the schema order when an optional field comes before required ones', () => {
    const schema = z.object({ a: z.string(), b: z.string().optional(), c: z.number(), d: z.unknown(), e: z.boolean() });
    for (const data of [
      { a: 'x', b: 'y', c: 1, d: { any: ['thing'] }, e: false },
      // an unknown that is undefined: zod's answer leaves the key out, and so does the compiled one
      { a: 'x', c: 1.5, d: undefined, e: true },
    ]) {
      expect(compiled(schema)(data)).toBe(viaZod(schema, data));
    }
  });

  it('leaves unions and dates to zod', () => {
    expect(fastSerializer(activationAnswer)).toBeNull();
    expect(fastSerializer(z.object({ at: z.date() }))).toBeNull();
  });
});

describe('through the app', () => {
  let ctx: TestContext;
  let org: Org;
  beforeEach(async () => {
    ctx = await createTestContext();
    org = await setupOrganization(ctx);
  });
  afterEach(() => ctx.close());

  it('the customers list answers with the compiled serializer, as zod would have', async () => {
    const loc = `/api/v1/locations/${org.locationId}`;
    const company = await ctx.request({ method: 'POST', url: `${loc}/companies`, cookie: org.ownerCookie, payload: { name: 'Globex "Intl"' } });
    for (const payload of [
      { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@x.test', phone: '0123456789', companyId: company.json().company.id },
      { firstName: 'Bob', email: 'bob@x.test' },
    ]) {
      expect((await ctx.request({ method: 'POST', url: `${loc}/invitations`, cookie: org.ownerCookie, payload })).statusCode).toBe(201);
    }
    const res = await ctx.request({ method: 'GET', url: `${loc}/customers?type=member&limit=50`, cookie: org.ownerCookie });
    expect(res.statusCode).toBe(200);
    const body = res.json() as z.infer<typeof customerListAnswer>;
    expect(body.items.map((c) => [c.firstName, c.companyName, c.phone, c.lastActiveAt])).toEqual([
      ['Bob', null, null, null],
      ['Ada', 'Globex "Intl"', '+33123456789', null],
    ]);
    expect(res.body).toBe(viaZod(customerListAnswer, body));
  });
});
