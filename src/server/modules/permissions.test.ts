// Walks every route of the app: each one is listed below as public, for any signed-in person, for
// members (portal), for owners, or as a location route with the permission it needs. A route the lists do not know fails
// the first test, so every new route must be classified here. Location routes are then called as
// an administrator without the permission (403), as an administrator holding only that permission
// (passes the check), as another organization's owner or another location's administrator (404,
// revealing nothing) and signed out (401). Last, every route is tried by a hostile administrator
// of another organization holding every permission (and by its owner): our location in the path,
// their own location with our nested ids, our ids in bodies and queries, the portal and owner
// routes, the accounts both organizations share; then our data is read back unchanged.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../lib/schema.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../testing/harness.js';

type Body = Record<string, unknown> | ((ids: Ids) => Record<string, unknown>) | typeof UPLOAD;
/** Marks the multipart upload of a small file. */
const UPLOAD = Symbol('upload');
const BOUNDARY = '----atrium-permissions-test';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const uploadBody = Buffer.concat([
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
  PDF,
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

/** Routes anyone may call, signed in or not. */
const PUBLIC = new Set([
  'GET /api/v1/health',
  'GET /api/v1/health/ready',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/code',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/link',
  'POST /api/v1/activation',
  'POST /api/v1/activation/verify',
  'GET /api/v1/public/locations/:locationId',
  'GET /api/v1/public/locations/:locationId/plans',
  'POST /api/v1/locations/:locationId/join-requests',
  'GET /api/v1/public/locations/:locationId/availability',
  // content: the public feed holds only public posts
  'GET /api/v1/public/locations/:locationId/feed',
  // the reception kiosk pairs with a one-time code (throttled per address)
  'POST /api/v1/reception/pair',
  // logos, for emails and sign-in pages: 404 until one is uploaded (organizations.test.ts serves them)
  'GET /api/v1/public/organizations/:organizationId/logo',
  'GET /api/v1/public/organizations/:organizationId/brand',
  'GET /api/v1/public/locations/:locationId/logo',
]);

/** The reception kiosk's routes: only a paired device's cookie opens them (its own location), never a session (reception.test.ts tries them). */
const KIOSK = new Set([
  'GET /api/v1/reception/me',
  'POST /api/v1/reception/leads',
  'GET /api/v1/reception/hosts',
  'POST /api/v1/reception/visits',
  'POST /api/v1/reception/check-in',
]);
/** The OpenAPI document and its UI (swagger-ui registers its own static routes under it). */
const PUBLIC_PREFIX = '/api/docs';

/** Routes for any signed-in person, about themselves. */
const SIGNED_IN = new Set([
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'GET /api/v1/locations',
  // plans by visibility: a person who may see none gets an empty list, a hidden or closed plan 404
  'GET /api/v1/portal/locations/:locationId/plans',
  'POST /api/v1/portal/locations/:locationId/plans/:planId/sign-up',
  // the grid shows what the caller may see; a booker without a record here becomes a nonmember
  'GET /api/v1/portal/locations/:locationId/availability',
  'POST /api/v1/portal/locations/:locationId/bookings',
  // the booker, a manager of the paying company or an administrator; 404 for anyone else
  'POST /api/v1/portal/locations/:locationId/bookings/:bookingId/cancel',
  // events by visibility (a hidden one 404); a buyer without a record here becomes a nonmember; one's own tickets (none without a record)
  'GET /api/v1/portal/locations/:locationId/events',
  'GET /api/v1/portal/locations/:locationId/events/:eventId',
  'POST /api/v1/portal/locations/:locationId/events/:eventId/tickets',
  'GET /api/v1/portal/locations/:locationId/tickets',
  // the holder only; 404 for anyone else
  'POST /api/v1/portal/locations/:locationId/tickets/:ticketId/cancel',
  // the shop shows what the caller may see; a buyer without a record here becomes a nonmember
  'GET /api/v1/portal/locations/:locationId/products',
  'POST /api/v1/portal/locations/:locationId/orders',
  // benefits by visibility: a hidden one 404; an applicant without a record here becomes a nonmember
  'GET /api/v1/portal/locations/:locationId/benefits',
  'POST /api/v1/portal/locations/:locationId/benefits/:benefitId/applications',
  'GET /api/v1/portal/locations/:locationId/benefit-applications',
  // on a PUBLIC_URL that is not loopback (as here): owners only; the full rule is tried in http/trust.test.ts
  'GET /api/v1/dev/mailbox',
  // content by visibility: what the caller may not see answers 404
  'GET /api/v1/portal/locations/:locationId/feed',
  'GET /api/v1/portal/locations/:locationId/posts/:postId',
  'GET /api/v1/portal/locations/:locationId/pages',
  'GET /api/v1/portal/locations/:locationId/pages/:slug',
]);

/** Portal routes for members of the location (company self-service): 404 for anyone who is not one. */
const MEMBER: Record<string, { body?: Body }> = {
  'GET /api/v1/portal/locations/:locationId/company': {},
  'GET /api/v1/portal/locations/:locationId/billing': {},
  'GET /api/v1/portal/locations/:locationId/invoices': {},
  'GET /api/v1/portal/locations/:locationId/bookings': {},
  'GET /api/v1/portal/locations/:locationId/orders': {},
  'GET /api/v1/portal/locations/:locationId/invoices/:invoiceId': {},
  'GET /api/v1/portal/locations/:locationId/invoices/:invoiceId/pdf': {},
  // no payment provider in this test: 422 for the member, 404 for anyone else
  'POST /api/v1/portal/locations/:locationId/invoices/:invoiceId/checkout': {},
  'PATCH /api/v1/portal/locations/:locationId/company': { body: { address: '3 Side Street' } },
  'DELETE /api/v1/portal/locations/:locationId/company/people/:customerId': {},
  'POST /api/v1/portal/locations/:locationId/company/invitations': { body: () => ({ firstName: 'Col', email: `colleague${++seq}@x.test` }) },
};

/** Routes for organization owners, with a valid body. */
const OWNER: Record<string, { body?: Body }> = {
  'POST /api/v1/locations': { body: { name: 'Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' } },
  'GET /api/v1/administrators': {},
  'POST /api/v1/administrators': { body: { email: 'granted@x.test', firstName: 'Gran', locationId: null, permissions: [] } },
  'PATCH /api/v1/administrators/:administratorId': { body: { permissions: ['customers'] } },
  'DELETE /api/v1/administrators/:administratorId': {},
  'GET /api/v1/api-keys': {},
  'POST /api/v1/api-keys': { body: { name: 'Sync', permissions: ['customers'], locationId: null } },
  'DELETE /api/v1/api-keys/:keyId': {},
  'GET /api/v1/webhooks': {},
  'POST /api/v1/webhooks': { body: { url: 'https://hooks.example.com/in', events: ['*'] } },
  'PATCH /api/v1/webhooks/:webhookId': { body: { events: ['customer.created'] } },
  'DELETE /api/v1/webhooks/:webhookId': {},
  'GET /api/v1/webhooks/:webhookId/deliveries': {},
  'POST /api/v1/webhooks/:webhookId/deliveries/:deliveryId/replay': {},
  // the Users page and the usage report: also organization-wide administrators with customers (analytics for usage)
  'GET /api/v1/users': {},
  'GET /api/v1/usage': {},
  'GET /api/v1/usage/users': {},
  'GET /api/v1/usage/months': {},
  'GET /api/v1/blacklist': {},
  'POST /api/v1/blacklist': { body: () => ({ email: `banned${++seq}@x.test` }) },
  'DELETE /api/v1/blacklist/:entryId': {},
  // organization settings: 404 (not 403) to the organization's own administrators too
  'GET /api/v1/organizations/:organizationId': {},
  'PATCH /api/v1/organizations/:organizationId': { body: { supportEmail: 'help@x.test' } },
  'POST /api/v1/organizations/:organizationId/logo': { body: UPLOAD },
  'DELETE /api/v1/organizations/:organizationId/logo': {},
};

let seq = 0;
const template = { subject: 'Hi {{ first_name }}', body: 'Welcome to {{ location_name }}' };

/** Location routes: the permission each needs (null: any administrator of the location) and a valid body. */
const LOCATION: Record<string, { permission: Permission | null; body?: Body; query?: Query }> = {
  'GET /api/v1/locations/:locationId': { permission: null },
  'PATCH /api/v1/locations/:locationId': { permission: 'settings', body: { address: '2 Main Street' } },
  'POST /api/v1/locations/:locationId/logo': { permission: 'settings', body: UPLOAD },
  'DELETE /api/v1/locations/:locationId/logo': { permission: 'settings' },
  'GET /api/v1/locations/:locationId/customers': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers' },
  'PATCH /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers', body: { contractStart: '2026-12-01' } },
  'DELETE /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/restore': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/resend-invitation': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/invitations': { permission: 'customers', body: () => ({ firstName: 'New', email: `new${++seq}@x.test` }) },
  'POST /api/v1/locations/:locationId/invitations/bulk/preview': { permission: 'customers', body: () => ({ text: `Bea\tBulk\tbulk${++seq}@x.test` }) },
  'POST /api/v1/locations/:locationId/invitations/bulk': { permission: 'customers', body: () => ({ text: `Bea\tBulk\tbulk${++seq}@x.test` }) },
  'GET /api/v1/locations/:locationId/invitations/bulk/:jobId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/join-requests': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/join-requests/:requestId/approve': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/join-requests/:requestId/decline': { permission: 'customers', body: { reason: 'Full' } },
  'GET /api/v1/locations/:locationId/invitation-template': { permission: 'settings' },
  'PUT /api/v1/locations/:locationId/invitation-template': { permission: 'settings', body: template },
  'DELETE /api/v1/locations/:locationId/invitation-template': { permission: 'settings' },
  'POST /api/v1/locations/:locationId/invitation-template/preview': { permission: 'settings', body: template },
  'POST /api/v1/locations/:locationId/invitation-template/test': { permission: 'settings', body: template },
  // the customers page and companies
  'GET /api/v1/locations/:locationId/customers/export.csv': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/counts': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/nonmembers': { permission: 'customers', body: () => ({ firstName: 'Non', email: `nonmember${++seq}@x.test` }) },
  'GET /api/v1/locations/:locationId/customers/:customerId/notes': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/notes': { permission: 'customers', body: { body: 'Prefers the quiet room' } },
  'PATCH /api/v1/locations/:locationId/customers/:customerId/notes/:noteId': { permission: 'customers', body: { body: 'Prefers the window desk' } },
  'DELETE /api/v1/locations/:locationId/customers/:customerId/notes/:noteId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/:customerId/attachments': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/attachments': { permission: 'customers', body: UPLOAD },
  'GET /api/v1/locations/:locationId/customers/:customerId/attachments/:attachmentId/download': { permission: 'customers' },
  'DELETE /api/v1/locations/:locationId/customers/:customerId/attachments/:attachmentId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/companies': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/companies': { permission: 'customers', body: () => ({ name: `Company ${++seq}` }) },
  'GET /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers' },
  'PATCH /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers', body: { taxId: 'FR123' } },
  'DELETE /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/companies/:companyId/people': { permission: 'customers', body: (ids) => ({ customerId: ids.customerId }) },
  'PATCH /api/v1/locations/:locationId/companies/:companyId/people/:customerId': { permission: 'customers', body: { manager: true } },
  'DELETE /api/v1/locations/:locationId/companies/:companyId/people/:customerId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/plans': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/plans': { permission: 'billing', body: () => ({ name: `Plan ${++seq}`, price: 1000, cycle: 'month' }) },
  'PATCH /api/v1/locations/:locationId/plans/:planId': { permission: 'billing', body: { description: 'Desks by the window' } },
  'DELETE /api/v1/locations/:locationId/plans/:planId': { permission: 'billing' },
  'GET /api/v1/locations/:locationId/subscriptions': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/subscriptions': {
    permission: 'billing',
    body: (ids) => ({ customerId: ids.customerId, planId: ids.planId, startDate: '2030-01-01' }),
  },
  'PATCH /api/v1/locations/:locationId/subscriptions/:subscriptionId': { permission: 'billing', body: { quantity: 2 } },
  'POST /api/v1/locations/:locationId/subscriptions/:subscriptionId/cancel': { permission: 'billing' },
  'GET /api/v1/locations/:locationId/subscriptions/:subscriptionId/offboarding': { permission: 'billing' },
  'GET /api/v1/locations/:locationId/balances': { permission: 'billing', query: (ids) => `?customerId=${ids.customerId}` },
  'GET /api/v1/locations/:locationId/ledger': { permission: 'billing', query: (ids) => `?companyId=${ids.companyId}` },
  'POST /api/v1/locations/:locationId/ledger/adjustments': {
    permission: 'billing',
    body: (ids) => ({ customerId: ids.customerId, unit: 'credit', amount: 1, memo: 'Goodwill' }),
  },
  'GET /api/v1/locations/:locationId/resources': { permission: 'resources' },
  'POST /api/v1/locations/:locationId/resources': { permission: 'resources', body: () => ({ type: 'meeting_room', name: `Room ${++seq}` }) },
  'GET /api/v1/locations/:locationId/resources/:resourceId': { permission: 'resources' },
  'PATCH /api/v1/locations/:locationId/resources/:resourceId': { permission: 'resources', body: { description: 'By the window' } },
  'DELETE /api/v1/locations/:locationId/resources/:resourceId': { permission: 'resources' },
  'GET /api/v1/locations/:locationId/bookings': { permission: 'resources', query: '?from=2030-01-01&to=2030-01-31' },
  'POST /api/v1/locations/:locationId/bookings': {
    permission: 'resources',
    body: (ids) => ({
      customerId: ids.customerId,
      resourceId: ids.resourceId,
      startsAt: `2030-01-${String((++seq % 27) + 1).padStart(2, '0')}T09:00:00Z`,
      endsAt: `2030-01-${String((seq % 27) + 1).padStart(2, '0')}T10:00:00Z`,
      paymentMethod: 'free',
    }),
  },
  'POST /api/v1/locations/:locationId/bookings/:bookingId/cancel': { permission: 'resources' },
  'GET /api/v1/locations/:locationId/assignments': { permission: 'resources' },
  'POST /api/v1/locations/:locationId/assignments': {
    permission: 'resources',
    body: (ids) => ({ resourceId: ids.resourceId, customerId: ids.customerId, startDate: `2031-0${(++seq % 9) + 1}-01`, endDate: `2031-0${(seq % 9) + 1}-02` }),
  },
  'PATCH /api/v1/locations/:locationId/assignments/:assignmentId': { permission: 'resources', body: { endDate: '2030-06-30' } },
  // any administrator of the location (its members too, for "Pay now")
  'GET /api/v1/locations/:locationId/payment-providers': { permission: null },
  'GET /api/v1/locations/:locationId/invoices': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/invoices': {
    permission: 'billing',
    body: (ids) => ({ customerId: ids.customerId, lines: [{ description: 'Desk', quantity: 1, unitPrice: 1000 }] }),
  },
  'GET /api/v1/locations/:locationId/invoices/:invoiceId': { permission: 'billing' },
  'PATCH /api/v1/locations/:locationId/invoices/:invoiceId': {
    permission: 'billing',
    body: { lines: [{ description: 'Desk', quantity: 2, unitPrice: 1000 }] },
  },
  'DELETE /api/v1/locations/:locationId/invoices/:invoiceId': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/invoices/:invoiceId/issue': { permission: 'billing' },
  // reading events and tickets and the check-in: events or reception (reception is tried in events.test.ts)
  'GET /api/v1/locations/:locationId/events': { permission: 'events' },
  'POST /api/v1/locations/:locationId/events': {
    permission: 'events',
    body: () => ({ title: `Event ${++seq}`, startsAt: '2030-06-01T17:00:00Z', endsAt: '2030-06-01T19:00:00Z' }),
  },
  'GET /api/v1/locations/:locationId/events/:eventId': { permission: 'events' },
  'PATCH /api/v1/locations/:locationId/events/:eventId': { permission: 'events', body: { description: 'Bring a friend' } },
  'GET /api/v1/locations/:locationId/events/:eventId/tickets': { permission: 'events' },
  'POST /api/v1/locations/:locationId/events/:eventId/check-in': { permission: 'events', body: (ids) => ({ code: ids.ticketCode.toLowerCase() }) },
  'POST /api/v1/locations/:locationId/events/:eventId/cancel': { permission: 'events' },
  'POST /api/v1/locations/:locationId/invoices/:invoiceId/void': { permission: 'billing' },
  'GET /api/v1/locations/:locationId/invoices/:invoiceId/pdf': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/invoices/:invoiceId/payments': { permission: 'billing', body: { amount: 1, method: 'cash' } },
  'DELETE /api/v1/locations/:locationId/invoices/:invoiceId/payments/:paymentId': { permission: 'billing' },
  'POST /api/v1/locations/:locationId/invoices/:invoiceId/credit-notes': { permission: 'billing', body: { amount: 1, reason: 'Goodwill' } },
  'GET /api/v1/locations/:locationId/posts': { permission: 'content' },
  'POST /api/v1/locations/:locationId/posts': { permission: 'content', body: () => ({ kind: 'post', title: `News ${++seq}`, visibility: 'public' }) },
  'POST /api/v1/locations/:locationId/posts/preview': { permission: 'content', body: { body: '**Hello**' } },
  'GET /api/v1/locations/:locationId/posts/:postId': { permission: 'content' },
  'PATCH /api/v1/locations/:locationId/posts/:postId': { permission: 'content', body: { title: 'Edited news' } },
  'DELETE /api/v1/locations/:locationId/posts/:postId': { permission: 'content' },
  'GET /api/v1/locations/:locationId/products': { permission: 'shop' },
  'POST /api/v1/locations/:locationId/products': { permission: 'shop', body: () => ({ name: `Product ${++seq}`, price: 500 }) },
  'GET /api/v1/locations/:locationId/products/:productId': { permission: 'shop' },
  'PATCH /api/v1/locations/:locationId/products/:productId': { permission: 'shop', body: { description: 'Sticky' } },
  'GET /api/v1/locations/:locationId/orders': { permission: 'shop', query: '?status=new' },
  'PATCH /api/v1/locations/:locationId/orders/:orderId': { permission: 'shop', body: { status: 'in_progress' } },
  'GET /api/v1/locations/:locationId/benefits': { permission: 'benefits' },
  'POST /api/v1/locations/:locationId/benefits': { permission: 'benefits', body: () => ({ title: `Perk ${++seq}` }) },
  'PATCH /api/v1/locations/:locationId/benefits/:benefitId': { permission: 'benefits', body: { description: 'Ten percent off' } },
  'GET /api/v1/locations/:locationId/benefit-applications': { permission: 'benefits' },
  'PATCH /api/v1/locations/:locationId/benefit-applications/:applicationId': { permission: 'benefits', body: { status: 'approved', note: 'Enjoy' } },
  // the purchase history of a profile or a company page
  'GET /api/v1/locations/:locationId/customers/:customerId/purchases': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/companies/:companyId/purchases': { permission: 'customers' },
  // transfer: customers at both locations; to the same location it answers 409 already_customer
  'POST /api/v1/locations/:locationId/customers/:customerId/transfer': {
    permission: 'customers',
    body: (ids) => ({ toLocationId: ids.locationId, type: 'member' }),
  },
  'GET /api/v1/locations/:locationId/customers/:customerId/transfer/preview': { permission: 'customers', query: '?endSubscriptions=now' },
  // the reception kiosk's pairing and devices
  'POST /api/v1/locations/:locationId/reception/pairing-codes': { permission: 'reception' },
  'GET /api/v1/locations/:locationId/reception/devices': { permission: 'reception' },
  'DELETE /api/v1/locations/:locationId/reception/devices/:deviceId': { permission: 'reception' },
  // analytics: the figures and the reports need `analytics` alone (design 6: "analytics (dashboard, reports)"), money
  // figures and the invoices and ledger reports included: an operator may give a bookkeeper or a manager the numbers
  // without the right to change billing
  'GET /api/v1/locations/:locationId/analytics': { permission: 'analytics', query: '?from=2026-01&to=2026-12' },
  'GET /api/v1/locations/:locationId/reports/:report.csv': { permission: 'analytics', query: '?from=2026-01-01&to=2026-12-31' },
};

/** Every method and path the app serves, read from Fastify's route tree (HEAD twins left out). */
function routesOf(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    if (!line.trim()) continue;
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) throw new Error(`cannot read this line of printRoutes(): ${line}`);
    stack.length = m[1].length / 4;
    stack.push(m[2]);
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') out.push(`${method} ${stack.join('')}`);
  }
  return out;
}

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('the route map', () => {
  it('knows every route of the app, and only those', () => {
    const routes = routesOf(ctx.app);
    expect(routes.length).toBeGreaterThan(30);
    const known = (r: string) =>
      PUBLIC.has(r) || KIOSK.has(r) || SIGNED_IN.has(r) || r in MEMBER || r in OWNER || r in LOCATION || r.split(' ')[1].startsWith(PUBLIC_PREFIX);
    expect(
      routes.filter((r) => !known(r)),
      'routes missing from the permission map of this test',
    ).toEqual([]);
    const listed = [...PUBLIC, ...KIOSK, ...SIGNED_IN, ...Object.keys(MEMBER), ...Object.keys(OWNER), ...Object.keys(LOCATION)];
    expect(
      listed.filter((r) => !routes.includes(r)),
      'routes in the map that the app no longer serves',
    ).toEqual([]);
    expect(routes.filter((r) => r.includes('/api/v1/locations/:locationId') && !PUBLIC.has(r)).every((r) => r in LOCATION)).toBe(true);
  });
});

/** What one location holds of each kind of nested id (seedLocation builds it). */
interface Seeded {
  customerId: string;
  entryId: string;
  memberCookie: string;
  requestId: string;
  eventId: string;
  ticketId: string;
  ticketCode: string;
  companyId: string;
  noteId: string;
  attachmentId: string;
  jobId: string;
  planId: string;
  subscriptionId: string;
  invoiceId: string;
  paymentId: string;
  resourceId: string;
  bookingId: string;
  assignmentId: string;
  postId: string;
  productId: string;
  orderId: string;
  benefitId: string;
  applicationId: string;
  deviceId: string;
  keyId: string;
  webhookId: string;
  deliveryId: string;
}

interface Fixture extends Seeded {
  administratorId: string;
  noPermissions: string;
  holders: Record<string, string>;
  otherLocationAdmin: string;
  rival: Org;
}
let fx: Fixture;

/** The ids a route takes beside the location of its path: in the path, the body or the query. */
const ID_NAMES = [
  'customerId',
  'eventId',
  'ticketId',
  'ticketCode',
  'requestId',
  'companyId',
  'noteId',
  'attachmentId',
  'jobId',
  'planId',
  'subscriptionId',
  'invoiceId',
  'paymentId',
  'resourceId',
  'bookingId',
  'assignmentId',
  'postId',
  'productId',
  'orderId',
  'benefitId',
  'applicationId',
  'deviceId',
  'administratorId',
  'keyId',
  'webhookId',
  'deliveryId',
  'entryId',
  'organizationId',
  'locationId',
] as const;
type IdName = (typeof ID_NAMES)[number];
/** `locationId` here is a location named in a body; the path's location is `call`'s own option. */
type Ids = Record<IdName, string>;

/** Our organization's ids of every kind. */
function ourIds(): Ids {
  const {
    customerId,
    requestId,
    companyId,
    noteId,
    attachmentId,
    jobId,
    planId,
    subscriptionId,
    invoiceId,
    paymentId,
    resourceId,
    bookingId,
    assignmentId,
    postId,
    eventId,
    ticketId,
    ticketCode,
    productId,
    orderId,
    benefitId,
    applicationId,
    deviceId,
    administratorId,
    keyId,
    webhookId,
    deliveryId,
    entryId,
  } = fx;
  return {
    productId,
    orderId,
    resourceId,
    bookingId,
    assignmentId,
    postId,
    eventId,
    ticketId,
    ticketCode,
    benefitId,
    applicationId,
    invoiceId,
    paymentId,
    customerId,
    requestId,
    companyId,
    noteId,
    attachmentId,
    jobId,
    planId,
    subscriptionId,
    deviceId,
    administratorId,
    keyId,
    webhookId,
    deliveryId,
    entryId,
    organizationId: org.organizationId,
    locationId: org.locationId,
  };
}

async function grantAndSignIn(email: string, locationId: string | null, permissions: Permission[]) {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/administrators',
    cookie: org.ownerCookie,
    payload: { email, firstName: 'Admin', locationId, permissions },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().administrator.id as string, cookie: await signIn(ctx, email) };
}

/**
 * One of each kind of nested id at an organization's first location: an activated member who
 * manages a company, a visitor's pending join request, a note, an attachment, a finished mass invitation.
 */
async function seedLocation(o: Org, domain: string, companyName: string, noteBody: string): Promise<Seeded> {
  const at = `/api/v1/locations/${o.locationId}`;
  const owner = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    ctx.request({ method, url: `${at}${url}`, cookie: o.ownerCookie, payload });
  expect((await owner('PATCH', '', { joinRequests: 'approval' })).statusCode).toBe(200);
  const key = await ctx.request({
    method: 'POST',
    url: `/api/v1/api-keys?organizationId=${o.organizationId}`,
    cookie: o.ownerCookie,
    payload: { name: 'Sync', permissions: ['customers'] },
  });
  expect(key.statusCode, key.body).toBe(201);
  const hook = await ctx.request({
    method: 'POST',
    url: `/api/v1/webhooks?organizationId=${o.organizationId}`,
    cookie: o.ownerCookie,
    payload: { url: `https://hooks.${domain}/in`, events: ['customer.created'] },
  });
  expect(hook.statusCode, hook.body).toBe(201);
  const customer = await owner('POST', '/invitations', { firstName: 'Cus', email: `cust@${domain}` });
  expect(customer.statusCode, customer.body).toBe(201);
  const token = linkFrom((await ctx.mailTo(`cust@${domain}`))[0].text).split('/activate/')[1];
  const memberCookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  const customerId = customer.json().customer.id as string;
  expect((await ctx.request({ method: 'POST', url: `${at}/join-requests`, payload: { firstName: 'Vic', email: `vic@${domain}` } })).statusCode).toBe(202);
  const code = codeFrom((await ctx.mailTo(`vic@${domain}`))[0].text);
  expect((await ctx.request({ method: 'POST', url: `${at}/join-requests`, payload: { email: `vic@${domain}`, code } })).statusCode).toBe(201);
  const requests = (await owner('GET', '/join-requests')).json().items;
  const company = await owner('POST', '/companies', { name: companyName });
  expect(company.statusCode).toBe(201);
  const companyId = company.json().company.id as string;
  expect((await owner('POST', `/companies/${companyId}/people`, { customerId, manager: true })).statusCode).toBeLessThan(300);
  const note = await owner('POST', `/customers/${customerId}/notes`, { body: noteBody });
  expect(note.statusCode).toBe(201);
  const upload = await ctx.request({
    method: 'POST',
    url: `${at}/customers/${customerId}/attachments`,
    cookie: o.ownerCookie,
    payload: uploadBody,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const plan = await owner('POST', '/plans', { name: 'Resident desk', price: 25000, cycle: 'month', credits: 5 });
  expect(plan.statusCode, plan.body).toBe(201);
  const subscription = await owner('POST', '/subscriptions', { customerId, planId: plan.json().plan.id, startDate: '2026-11-28' });
  expect(subscription.statusCode, subscription.body).toBe(201);
  // an issued company invoice (its managers see it in the portal), with a payment
  const drafted = await owner('POST', '/invoices', { companyId, lines: [{ description: 'Team room', quantity: 1, unitPrice: 5000 }] });
  expect(drafted.statusCode, drafted.body).toBe(201);
  const invoice = (await owner('POST', `/invoices/${drafted.json().invoice.id}/issue`)).json().invoice;
  expect(invoice?.status).toBe('issued');
  const payment = await owner('POST', `/invoices/${invoice.id}/payments`, { amount: 100, method: 'cash' });
  expect(payment.statusCode, payment.body).toBe(201);
  const room = await owner('POST', '/resources', { type: 'meeting_room', name: 'Board room', pricePerHour: 2000 });
  expect(room.statusCode, room.body).toBe(201);
  const booking = await owner('POST', '/bookings', {
    customerId,
    resourceId: room.json().resource.id,
    startsAt: '2030-03-01T09:00:00Z',
    endsAt: '2030-03-01T10:00:00Z',
    paymentMethod: 'free',
  });
  expect(booking.statusCode, booking.body).toBe(201);
  const assignment = await owner('POST', '/assignments', { resourceId: room.json().resource.id, customerId, startDate: '2030-05-01', endDate: '2030-05-31' });
  expect(assignment.statusCode, assignment.body).toBe(201);
  const post = await owner('POST', '/posts', { kind: 'post', title: 'Members evening', body: 'Drinks at six', visibility: 'location_members' });
  expect(post.statusCode, post.body).toBe(201);
  const event = await owner('POST', '/events', { title: 'Open day', startsAt: '2030-04-01T17:00:00Z', endsAt: '2030-04-01T19:00:00Z' });
  expect(event.statusCode, event.body).toBe(201);
  const ticket = await ctx.request({
    method: 'POST',
    url: `/api/v1/portal/locations/${o.locationId}/events/${event.json().event.id}/tickets`,
    cookie: memberCookie,
    payload: { paymentMethod: 'free' },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  const product = await owner('POST', '/products', { name: 'Sticker' });
  expect(product.statusCode, product.body).toBe(201);
  const order = await ctx.request({
    method: 'POST',
    url: `/api/v1/portal/locations/${o.locationId}/orders`,
    cookie: memberCookie,
    payload: { lines: [{ productId: product.json().product.id, quantity: 1 }], paymentMethod: 'free' },
  });
  expect(order.statusCode, order.body).toBe(201);
  const perk = await owner('POST', '/benefits', { title: 'Gym pass', provider: 'City Gym' });
  expect(perk.statusCode, perk.body).toBe(201);
  const application = await ctx.request({
    method: 'POST',
    url: `/api/v1/portal/locations/${o.locationId}/benefits/${perk.json().benefit.id}/applications`,
    cookie: memberCookie,
    payload: { message: 'Monday mornings' },
  });
  expect(application.statusCode, application.body).toBe(201);
  const pairing = await owner('POST', '/reception/pairing-codes');
  expect(pairing.statusCode, pairing.body).toBe(201);
  const paired = await ctx.request({ method: 'POST', url: '/api/v1/reception/pair', payload: { code: pairing.json().code } });
  expect(paired.statusCode, paired.body).toBe(200);
  const entry = await ctx.request({ method: 'POST', url: '/api/v1/blacklist', cookie: o.ownerCookie, payload: { email: `banned@${domain}` } });
  expect(entry.statusCode, entry.body).toBe(201);
  const job = await owner('POST', '/invitations/bulk', { text: `Bea\tBulk\tbulk@${domain}` });
  expect(job.statusCode).toBe(202);
  await settleJobs();
  return {
    customerId,
    memberCookie,
    requestId: requests[0].id,
    companyId,
    noteId: note.json().note.id,
    attachmentId: upload.json().attachment.id,
    jobId: job.json().jobId,
    planId: plan.json().plan.id,
    subscriptionId: subscription.json().subscription.id,
    invoiceId: invoice.id,
    paymentId: payment.json().payment.id,
    resourceId: room.json().resource.id,
    bookingId: booking.json().booking.id,
    assignmentId: assignment.json().assignment.id,
    postId: post.json().post.id,
    eventId: event.json().event.id,
    ticketId: ticket.json().ticket.id,
    ticketCode: ticket.json().ticket.code,
    productId: product.json().product.id,
    orderId: order.json().order.id,
    benefitId: perk.json().benefit.id,
    applicationId: application.json().application.id,
    deviceId: paired.json().device.id,
    keyId: key.json().apiKey.id,
    webhookId: hook.json().webhook.id,
    deliveryId: (
      await ctx.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('endpoint_id', '=', hook.json().webhook.id)
        .orderBy('created_at')
        .executeTakeFirstOrThrow()
    ).id,
    entryId: entry.json().entry.id,
  };
}

/** Real ids for every kind of nested id, so that the permission check is what answers. */
async function buildFixture(): Promise<Fixture> {
  const seeded = await seedLocation(org, 'x.test', 'Widgets Ltd', 'Met at the open day');
  const south = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  const none = await grantAndSignIn('none@x.test', org.locationId, []);
  const customersOnly = await grantAndSignIn('customers@x.test', org.locationId, ['customers']);
  const settingsOnly = await grantAndSignIn('settings@x.test', org.locationId, ['settings']);
  const billingOnly = await grantAndSignIn('billing@x.test', org.locationId, ['billing']);
  const resourcesOnly = await grantAndSignIn('resources@x.test', org.locationId, ['resources']);
  const contentOnly = await grantAndSignIn('content@x.test', org.locationId, ['content']);
  const eventsOnly = await grantAndSignIn('events@x.test', org.locationId, ['events']);
  const shopOnly = await grantAndSignIn('shop@x.test', org.locationId, ['shop']);
  const benefitsOnly = await grantAndSignIn('benefits@x.test', org.locationId, ['benefits']);
  const receptionOnly = await grantAndSignIn('reception@x.test', org.locationId, ['reception']);
  const analyticsOnly = await grantAndSignIn('analytics@x.test', org.locationId, ['analytics']);
  const elsewhere = await grantAndSignIn('elsewhere@x.test', south.json().location.id, ['customers', 'settings']);
  return {
    ...seeded,
    administratorId: none.id,
    noPermissions: none.cookie,
    holders: {
      customers: customersOnly.cookie,
      settings: settingsOnly.cookie,
      billing: billingOnly.cookie,
      resources: resourcesOnly.cookie,
      content: contentOnly.cookie,
      events: eventsOnly.cookie,
      shop: shopOnly.cookie,
      benefits: benefitsOnly.cookie,
      reception: receptionOnly.cookie,
      analytics: analyticsOnly.cookie,
      any: none.cookie,
    },
    otherLocationAdmin: elsewhere.cookie,
    rival: await setupOrganization(ctx, 'Rival Works', 'boss@rival.test'),
  };
}

/** A query string, or one made from the ids of the call. */
type Query = string | ((ids: Ids) => string);

interface CallOptions {
  /** the location of the path (ours unless told) */
  locationId?: string;
  /** the other ids of the path, and those a body function reads (ours unless told) */
  ids?: Ids;
  body?: Body;
  query?: Query;
}

/** Calls a route with real ids; answers with what was sent too (a refusal may echo it, which reveals nothing). */
async function send(route: string, cookie: string | undefined, o: CallOptions = {}) {
  const [method, path] = route.split(' ');
  const ids = o.ids ?? ourIds();
  const query = typeof o.query === 'function' ? o.query(ids) : (o.query ?? '');
  const url =
    path.replace(/:(\w+)/g, (_, name: string) =>
      name === 'locationId' ? (o.locationId ?? org.locationId) : name === 'report' ? 'ledger' : ids[name as IdName],
    ) + query;
  if (o.body === UPLOAD) {
    const res = await ctx.request({
      method: 'POST',
      url,
      cookie,
      payload: uploadBody,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    return { res, sent: url };
  }
  const payload = typeof o.body === 'function' ? o.body(ids) : o.body;
  const res = await ctx.request({ method: method as 'GET', url, cookie, ...(payload ? { payload } : {}) });
  return { res, sent: `${url} ${JSON.stringify(payload ?? {})}` };
}

async function call(route: string, cookie: string | undefined, o: CallOptions = {}) {
  return (await send(route, cookie, o)).res;
}

const nestedIds =
  /:(customerId|requestId|companyId|noteId|attachmentId|jobId|planId|subscriptionId|invoiceId|paymentId|resourceId|bookingId|assignmentId|postId|eventId|ticketId|productId|orderId|benefitId|applicationId|deviceId)/;

/** Deletions last, the most nested first, so that every call finds its ids. */
function deletionsLast<T>(entries: [string, T][]): [string, T][] {
  return [...entries].sort(([a], [b]) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')) || (a.startsWith('DELETE') ? b.length - a.length : 0));
}

/** Mass invitations run in the background: let them finish before the database goes away. */
async function settleJobs() {
  for (let i = 0; i < 200; i++) {
    const busy = await ctx.db.selectFrom('bulk_jobs').select('id').where('status', 'in', ['queued', 'running']).execute();
    if (busy.length === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('mass invitations did not finish');
}

describe('every location route', () => {
  beforeEach(async () => {
    fx = await buildFixture();
  });

  it('answers 403 to an administrator of the location who lacks the permission', async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      const res = await call(route, fx.noPermissions, rule);
      if (rule.permission) {
        expect(res.statusCode, route).toBe(403);
        expect(res.json().error.message, route).toContain(`"${rule.permission}" permission`);
      } else {
        expect(res.statusCode, route).toBe(200);
      }
    }
    // the other permission does not stand in for the one needed
    for (const [route, rule] of Object.entries(LOCATION)) {
      if (!rule.permission) continue;
      const other = rule.permission === 'customers' ? fx.holders.settings : fx.holders.customers;
      expect((await call(route, other, rule)).statusCode, route).toBe(403);
    }
  });

  it('lets an administrator holding only that permission through the check', async () => {
    for (const [route, rule] of deletionsLast(Object.entries(LOCATION))) {
      const res = await call(route, fx.holders[rule.permission ?? 'any'], rule);
      expect([401, 403, 404], `${route}: ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
    }
    await settleJobs();
  });

  it("answers 404 to another organization's owner and another location's administrator, revealing nothing", async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      for (const cookie of [fx.rival.ownerCookie, fx.otherLocationAdmin]) {
        const res = await call(route, cookie, rule);
        expect(res.statusCode, route).toBe(404);
        for (const secret of ['Acme', 'cust@x.test', 'vic@x.test', 'Widgets', fx.customerId]) expect(res.body, route).not.toContain(secret);
      }
      // their own location with our customer, request, company, note or attachment id
      if (nestedIds.test(route)) {
        const res = await call(route, fx.rival.ownerCookie, { ...rule, locationId: fx.rival.locationId });
        expect(res.statusCode, `${route} at the rival's location`).toBe(404);
        expect(res.body).not.toContain('cust@x.test');
      }
    }
    const ours = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers/${fx.customerId}`, cookie: org.ownerCookie });
    expect(ours.json().customer).toMatchObject({ status: 'active', contractStart: null });
  });

  it('answers 401 (or 404) when signed out', async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      expect([401, 404], route).toContain((await call(route, undefined, rule)).statusCode);
    }
    for (const route of SIGNED_IN)
      expect((await call(route, undefined, { body: route.startsWith('PATCH') ? { firstName: 'X' } : undefined })).statusCode, route).toBe(401);
    for (const [route, rule] of [...Object.entries(OWNER), ...Object.entries(MEMBER)]) expect((await call(route, undefined, rule)).statusCode, route).toBe(401);
    // the kiosk's routes: neither signed out nor with the owner's session, only with a device cookie
    const kioskBodies: Record<string, Body> = {
      'POST /api/v1/reception/leads': { firstName: 'Lea', email: 'lea@x.test', consent: true },
      'POST /api/v1/reception/visits': (ids) => ({ firstName: 'Vic', hostCustomerId: ids.customerId }),
      'POST /api/v1/reception/check-in': (ids) => ({ code: ids.ticketCode }),
    };
    for (const route of KIOSK) {
      for (const cookie of [undefined, org.ownerCookie])
        expect((await call(route, cookie, { query: route.includes('hosts') ? '?q=cu' : '', body: kioskBodies[route] })).statusCode, route).toBe(401);
    }
  });

  it('keeps the portal routes to members of the location: 404 for anyone else', async () => {
    for (const [route, rule] of Object.entries(MEMBER)) {
      for (const cookie of [fx.noPermissions, fx.rival.ownerCookie, fx.otherLocationAdmin]) {
        const res = await call(route, cookie, rule);
        expect(res.statusCode, route).toBe(404);
        expect(res.body, route).not.toContain('Widgets');
      }
    }
    const mine = await call('GET /api/v1/portal/locations/:locationId/company', fx.memberCookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().company.name).toBe('Widgets Ltd');
  });

  it('keeps the owner routes to owners: 403 to administrators, 404 for another organization', async () => {
    for (const [route, rule] of Object.entries(OWNER)) {
      const res = await call(route, fx.noPermissions, rule);
      expect([403, 404], route).toContain(res.statusCode);
      const rival = await call(route, fx.rival.ownerCookie, {
        ...rule,
        query: `?organizationId=${org.organizationId}`,
        body: route === 'POST /api/v1/locations' ? { ...(rule.body as object), organizationId: org.organizationId } : rule.body,
      });
      expect(rival.statusCode, route).toBe(404);
      expect(rival.body, route).not.toContain('none@x.test');
    }
    // the rival's own organization does not hold our administrator either
    expect(
      (await call('PATCH /api/v1/administrators/:administratorId', fx.rival.ownerCookie, OWNER['PATCH /api/v1/administrators/:administratorId'])).statusCode,
    ).toBe(404);
    expect(
      (await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: fx.rival.ownerCookie })).json().items.map((a: { email: string }) => a.email),
    ).toEqual([]);
  });

  it('serves the public routes signed out', async () => {
    for (const route of PUBLIC) {
      if (!route.startsWith('GET') || route.endsWith('/logo')) continue;
      const res = await call(route, undefined);
      expect(res.statusCode, route).toBe(200);
    }
  });
});

/** Ids that routes also take in a body or a query: the hostile walk puts ours there too. */
interface IdInput {
  slots: IdName[];
  body?: (ids: Ids) => Record<string, unknown>;
  query?: (ids: Ids) => string;
  /** a filter: an empty answer refuses as well as a 400 or a 404 does */
  filter?: boolean;
}
const byCompany: IdInput = { slots: ['companyId'], query: (ids) => `?companyId=${ids.companyId}`, filter: true };
const byOrganization: IdInput = { slots: ['organizationId'], query: (ids) => `?organizationId=${ids.organizationId}` };
const pasteInto: IdInput = { slots: ['companyId'], body: (ids) => ({ text: `Eve\tHostile\teve${++seq}@rival.test`, companyId: ids.companyId }) };
const byOwner: IdInput[] = [
  { slots: ['customerId'], query: (ids) => `?customerId=${ids.customerId}` },
  { slots: ['companyId'], query: (ids) => `?companyId=${ids.companyId}` },
];
const ID_INPUTS: Record<string, IdInput[]> = {
  'GET /api/v1/locations/:locationId/balances': byOwner,
  'GET /api/v1/locations/:locationId/subscriptions': [
    { slots: ['customerId'], query: (ids) => `?customerId=${ids.customerId}`, filter: true },
    { slots: ['companyId'], query: (ids) => `?companyId=${ids.companyId}`, filter: true },
    { slots: ['planId'], query: (ids) => `?planId=${ids.planId}`, filter: true },
  ],
  'POST /api/v1/locations/:locationId/subscriptions': [
    { slots: ['customerId', 'planId'], body: (ids) => ({ customerId: ids.customerId, planId: ids.planId, startDate: '2030-01-01' }) },
    { slots: ['companyId', 'planId'], body: (ids) => ({ companyId: ids.companyId, planId: ids.planId, startDate: '2030-01-01' }) },
  ],
  'GET /api/v1/locations/:locationId/ledger': byOwner,
  'GET /api/v1/locations/:locationId/bookings': [
    { slots: ['customerId'], query: (ids) => `?from=2030-01-01&to=2030-01-31&customerId=${ids.customerId}`, filter: true },
    { slots: ['companyId'], query: (ids) => `?from=2030-01-01&to=2030-01-31&companyId=${ids.companyId}`, filter: true },
    { slots: ['resourceId'], query: (ids) => `?from=2030-01-01&to=2030-01-31&resourceId=${ids.resourceId}`, filter: true },
  ],
  'POST /api/v1/locations/:locationId/bookings': [
    {
      slots: ['customerId', 'resourceId'],
      body: (ids) => ({
        customerId: ids.customerId,
        resourceId: ids.resourceId,
        startsAt: '2030-02-01T09:00:00Z',
        endsAt: '2030-02-01T10:00:00Z',
        paymentMethod: 'free',
      }),
    },
  ],
  'GET /api/v1/locations/:locationId/assignments': [
    { slots: ['customerId'], query: (ids) => `?customerId=${ids.customerId}`, filter: true },
    { slots: ['companyId'], query: (ids) => `?companyId=${ids.companyId}`, filter: true },
    { slots: ['resourceId'], query: (ids) => `?resourceId=${ids.resourceId}`, filter: true },
  ],
  'POST /api/v1/locations/:locationId/assignments': [
    {
      slots: ['customerId', 'resourceId'],
      body: (ids) => ({ resourceId: ids.resourceId, customerId: ids.customerId, startDate: '2032-01-01', endDate: '2032-01-02' }),
    },
    {
      slots: ['companyId', 'resourceId'],
      body: (ids) => ({ resourceId: ids.resourceId, companyId: ids.companyId, startDate: '2032-02-01', endDate: '2032-02-02' }),
    },
  ],
  'GET /api/v1/locations/:locationId/invoices': [
    { slots: ['customerId'], query: (ids) => `?customerId=${ids.customerId}`, filter: true },
    { slots: ['companyId'], query: (ids) => `?companyId=${ids.companyId}`, filter: true },
  ],
  'POST /api/v1/locations/:locationId/invoices': [
    { slots: ['customerId'], body: (ids) => ({ customerId: ids.customerId, lines: [{ description: 'Hostile', quantity: 1, unitPrice: 1 }] }) },
    { slots: ['companyId'], body: (ids) => ({ companyId: ids.companyId, lines: [{ description: 'Hostile', quantity: 1, unitPrice: 1 }] }) },
  ],
  'POST /api/v1/locations/:locationId/ledger/adjustments': [
    { slots: ['customerId'], body: (ids) => ({ customerId: ids.customerId, unit: 'credit', amount: 1, memo: 'Hostile' }) },
    { slots: ['companyId'], body: (ids) => ({ companyId: ids.companyId, unit: 'credit', amount: 1, memo: 'Hostile' }) },
  ],
  'POST /api/v1/locations/:locationId/events/:eventId/check-in': [{ slots: ['ticketCode'], body: (ids) => ({ code: ids.ticketCode }) }],
  'GET /api/v1/locations/:locationId/customers': [byCompany],
  'GET /api/v1/locations/:locationId/benefit-applications': [{ slots: ['benefitId'], query: (ids) => `?benefitId=${ids.benefitId}`, filter: true }],
  'GET /api/v1/locations/:locationId/customers/export.csv': [byCompany],
  'POST /api/v1/locations/:locationId/invitations': [
    { slots: ['companyId'], body: (ids) => ({ firstName: 'Eve', email: `eve${++seq}@rival.test`, companyId: ids.companyId, companyManager: true }) },
  ],
  'POST /api/v1/locations/:locationId/invitations/bulk/preview': [pasteInto],
  'POST /api/v1/locations/:locationId/invitations/bulk': [pasteInto],
  'POST /api/v1/locations/:locationId/companies/:companyId/people': [{ slots: ['customerId'], body: (ids) => ({ customerId: ids.customerId, manager: true }) }],
  'POST /api/v1/locations/:locationId/customers/:customerId/transfer': [
    { slots: ['locationId'], body: (ids) => ({ toLocationId: ids.locationId, type: 'nonmember' }) },
    { slots: ['companyId'], body: (ids) => ({ toLocationId: ids.locationId, type: 'member', companyId: ids.companyId }) },
  ],
  'GET /api/v1/administrators': [byOrganization],
  'POST /api/v1/administrators': [
    {
      slots: ['organizationId', 'locationId'],
      query: byOrganization.query,
      body: (ids) => ({ email: `eve${++seq}@rival.test`, firstName: 'Eve', locationId: ids.locationId, permissions: [...PERMISSIONS] }),
    },
  ],
  'PATCH /api/v1/administrators/:administratorId': [byOrganization],
  'DELETE /api/v1/administrators/:administratorId': [byOrganization],
  'GET /api/v1/api-keys': [byOrganization],
  'POST /api/v1/api-keys': [
    {
      slots: ['organizationId', 'locationId'],
      query: byOrganization.query,
      body: (ids) => ({ name: 'Hostile', permissions: [...PERMISSIONS], locationId: ids.locationId }),
    },
  ],
  'DELETE /api/v1/api-keys/:keyId': [byOrganization],
  'GET /api/v1/webhooks': [byOrganization],
  'POST /api/v1/webhooks': [byOrganization],
  'PATCH /api/v1/webhooks/:webhookId': [byOrganization],
  'DELETE /api/v1/webhooks/:webhookId': [byOrganization],
  'GET /api/v1/webhooks/:webhookId/deliveries': [byOrganization],
  'POST /api/v1/webhooks/:webhookId/deliveries/:deliveryId/replay': [byOrganization],
  'GET /api/v1/users': [byOrganization],
  'GET /api/v1/usage': [byOrganization],
  'GET /api/v1/usage/users': [byOrganization, { slots: ['locationId'], query: (ids) => `?locationId=${ids.locationId}` }],
  'GET /api/v1/usage/months': [{ slots: ['organizationId'], query: (ids) => `?organizationId=${ids.organizationId}&from=2026-01&to=2026-12` }],
  'GET /api/v1/blacklist': [byOrganization],
  'POST /api/v1/blacklist': [{ slots: ['organizationId'], query: byOrganization.query, body: () => ({ email: `eve${++seq}@rival.test` }) }],
  'DELETE /api/v1/blacklist/:entryId': [byOrganization],
  'POST /api/v1/locations': [
    {
      slots: ['organizationId'],
      body: (ids) => ({ name: 'Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR', organizationId: ids.organizationId }),
    },
  ],
};

const pathSlots = (route: string) => [...route.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((n): n is IdName => n !== 'locationId' && n !== 'report');

interface Hostile {
  who: string;
  cookie: string;
  owner: boolean;
}
interface Rival {
  org: Org;
  /** the rival's own real ids of every kind */
  ids: Ids;
  /** an organization-wide administrator of the rival holding every permission, and a company manager at its location */
  admin: Hostile;
  hostiles: Hostile[];
}
let rival: Rival;

/** The rival organization, seeded like ours, with its all-permission administrator signed in. */
async function buildRival(): Promise<Rival> {
  const r = fx.rival;
  const seeded = await seedLocation(r, 'rival.test', 'Rival Gadgets', 'Rival note');
  const grant = async (email: string, firstName: string, locationId: string | null, permissions: readonly Permission[]) => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: r.ownerCookie,
      payload: { email, firstName, locationId, permissions },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().administrator.id as string;
  };
  await grant('hostile@rival.test', 'Hostile', null, PERMISSIONS);
  const deputyId = await grant('deputy@rival.test', 'Rival', r.locationId, ['customers']);
  const admin: Hostile = { who: "the rival's organization-wide administrator", cookie: await signIn(ctx, 'hostile@rival.test'), owner: false };
  const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: admin.cookie })).json();
  expect(me.admin).toEqual([{ locationId: r.locationId, permissions: [...PERMISSIONS] }]);
  // a company manager at their own location too, so that the portal's checks let them through there
  const member = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${r.locationId}/invitations`,
    cookie: r.ownerCookie,
    payload: { firstName: 'Hostile', email: 'hostile@rival.test', companyId: seeded.companyId, companyManager: true },
  });
  expect(member.statusCode, member.body).toBe(201);
  expect((await call('GET /api/v1/portal/locations/:locationId/company', admin.cookie, { locationId: r.locationId })).statusCode).toBe(200);
  const {
    customerId,
    requestId,
    companyId,
    noteId,
    attachmentId,
    jobId,
    planId,
    subscriptionId,
    invoiceId,
    paymentId,
    resourceId,
    bookingId,
    assignmentId,
    postId,
    eventId,
    ticketId,
    ticketCode,
    benefitId,
    applicationId,
    deviceId,
    entryId,
  } = seeded;
  const { productId, orderId, keyId, webhookId, deliveryId } = seeded;
  return {
    org: r,
    ids: {
      productId,
      orderId,
      resourceId,
      bookingId,
      assignmentId,
      postId,
      eventId,
      ticketId,
      ticketCode,
      benefitId,
      applicationId,
      invoiceId,
      paymentId,
      customerId,
      requestId,
      companyId,
      noteId,
      attachmentId,
      jobId,
      planId,
      subscriptionId,
      deviceId,
      administratorId: deputyId,
      keyId,
      webhookId,
      deliveryId,
      entryId,
      organizationId: r.organizationId,
      locationId: r.locationId,
    },
    admin,
    hostiles: [admin, { who: "the rival's owner", cookie: r.ownerCookie, owner: true }],
  };
}

interface NotSignedIn {
  zeldaId: string;
  leadId: string;
  deputyId: string;
}
let pending: NotSignedIn;

/** Our people whose accounts are not activated: an invited member who will administer, a granted administrator, a removed lead. */
async function addPeopleNotSignedIn(): Promise<NotSignedIn> {
  const at = `/api/v1/locations/${org.locationId}`;
  const owner = (method: 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    ctx.request({ method, url, cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
  const zelda = await owner('POST', `${at}/invitations`, {
    firstName: 'Zelda',
    lastName: 'Quartermain',
    email: 'zelda@x.test',
    phone: '+33 6 12 34 56 78',
    administrator: true,
    permissions: ['customers'],
  });
  expect(zelda.statusCode, zelda.body).toBe(201);
  const deputy = await owner('POST', '/api/v1/administrators', {
    email: 'deputy@x.test',
    firstName: 'Dorothea',
    lastName: 'Deputyson',
    locationId: org.locationId,
    permissions: [...PERMISSIONS],
  });
  expect(deputy.statusCode, deputy.body).toBe(201);
  const lead = await owner('POST', `${at}/nonmembers`, { firstName: 'Lena', lastName: 'Leadbetter', email: 'lead@x.test' });
  expect(lead.statusCode, lead.body).toBe(201);
  expect((await owner('DELETE', `${at}/customers/${lead.json().customer.id}`)).statusCode).toBe(204);
  return { zeldaId: zelda.json().customer.id, leadId: lead.json().customer.id, deputyId: deputy.json().administrator.id };
}

/** What nobody outside our organization may read: our names, emails, phone, notes and ids. */
function ourSecrets(): string[] {
  return [
    'Acme',
    'South Loft',
    'Widgets',
    'Met at the open day',
    'Zelda',
    'Quartermain',
    '612345678',
    'Dorothea',
    'Deputyson',
    'Leadbetter',
    ...[
      'owner@acme.test',
      'cust@x.test',
      'vic@x.test',
      'bulk@x.test',
      'none@x.test',
      'customers@x.test',
      'settings@x.test',
      'elsewhere@x.test',
      'zelda@x.test',
      'deputy@x.test',
      'lead@x.test',
    ],
    ...Object.values(ourIds()),
    ...Object.values(pending),
  ];
}

/** An answer reveals none of our secrets, except those the request itself carried (an echo reveals nothing). */
function expectRevealsNothing(res: { body: string }, sent: string, label: string) {
  const revealed = ourSecrets().filter((secret) => !sent.includes(secret) && res.body.includes(secret));
  expect.soft(revealed, `${label} reveals our data: ${res.body.slice(0, 400)}`).toEqual([]);
}

function expectStatus(res: { statusCode: number; body: string }, allowed: number[], label: string) {
  expect.soft(allowed, `${label}: answered ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
}

/** One hostile request: the rival's ids, with ours in some slots. */
interface Attempt {
  ids: Ids;
  /** the slots that carry our ids */
  ours: IdName[];
  input: IdInput;
  body?: Body;
  query?: string;
  oursInPath: boolean;
}
/**
 * Every request that mixes our ids into a request otherwise made with the rival's own: each
 * nonempty subset of the route's id slots (its path's, then those of a body or query) takes ours.
 */
function* withOurIds(route: string, rule: { body?: Body }): Generator<Attempt> {
  const inPath = pathSlots(route);
  for (const input of [{ slots: [] } as IdInput, ...(ID_INPUTS[route] ?? [])]) {
    const slots = [...inPath, ...input.slots];
    for (let mask = 1; mask < 1 << slots.length; mask++) {
      const ours = slots.filter((_, i) => mask & (1 << i));
      const ids = { ...rival.ids };
      for (const slot of ours) ids[slot] = ourIds()[slot];
      yield { ids, ours, input, body: input.body ?? rule.body, query: input.query?.(ids), oursInPath: ours.some((s) => inPath.includes(s)) };
    }
  }
}

/** The rival's own ids at its own location go through, so the refusals came from our ids and not from a broken request. */
async function expectTheirOwnIdsPass(routes: Record<string, { body?: Body }>, cookie: string) {
  for (const [route, rule] of deletionsLast(Object.entries(routes))) {
    for (const input of ID_INPUTS[route] ?? [{ slots: [] } as IdInput]) {
      const res = await call(route, cookie, {
        locationId: rival.org.locationId,
        ids: rival.ids,
        body: input.body ?? rule.body,
        query: input.query?.(rival.ids),
      });
      expect.soft([401, 403, 404], `${route} with the rival's own ids: ${res.statusCode} ${res.body.slice(0, 300)}`).not.toContain(res.statusCode);
    }
  }
}

/** Our organization as our owner reads it: locations, people, companies, notes, files, administrators, settings. */
async function ourData() {
  const at = `/api/v1/locations/${org.locationId}`;
  const read = async (url: string) => {
    const res = await ctx.request({ method: 'GET', url, cookie: org.ownerCookie });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };
  const json = async (url: string) => (await read(url)).json();
  type Person = Record<string, unknown> & { id: string };
  const person = ({ id, type, status, firstName, lastName, email, phone, companyId, companyManager, accountActivated, removedAt }: Person) => ({
    id,
    type,
    status,
    firstName,
    lastName,
    email,
    phone,
    companyId,
    companyManager,
    accountActivated,
    removedAt,
  });
  const people = async (query: string) => ((await json(`${at}/customers?limit=200${query}`)).items as Person[]).map(person);
  const profile = async (id: string) => {
    const p = await json(`${at}/customers/${id}`);
    return {
      ...person(p.customer),
      contractStart: p.customer.contractStart,
      contractEnd: p.customer.contractEnd,
      administrator: p.administrator,
      activities: p.activities.map((a: { kind: string }) => a.kind),
    };
  };
  const download = await read(`${at}/customers/${fx.customerId}/attachments/${fx.attachmentId}/download`);
  return {
    locations: (await json('/api/v1/locations')).items,
    location: (await json(at)).location,
    customers: [...(await people('')), ...(await people('&status=removed'))].sort((a, b) => a.id.localeCompare(b.id)),
    profiles: [await profile(fx.customerId), await profile(pending.zeldaId)],
    companies: (await json(`${at}/companies`)).items,
    notes: (await json(`${at}/customers/${fx.customerId}/notes`)).items,
    attachments: (await json(`${at}/customers/${fx.customerId}/attachments`)).items,
    downloadIntact: Buffer.compare(download.rawPayload, PDF) === 0,
    administrators: (await json('/api/v1/administrators')).items,
    template: await json(`${at}/invitation-template`),
    joinRequests: await Promise.all(['pending', 'approved', 'declined'].map(async (status) => (await json(`${at}/join-requests?status=${status}`)).items)),
    job: await json(`${at}/invitations/bulk/${fx.jobId}`),
  };
}

/** Signs in through the code flow; null when no code arrives (the email has no account). */
async function trySignIn(email: string): Promise<string | null> {
  expect.soft((await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email } })).statusCode).toBe(202);
  const mail = (await ctx.mailTo(email)).find((m) => /code/i.test(m.subject));
  if (!mail) return null;
  const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, code: codeFrom(mail.text) } });
  return res.statusCode === 200 ? sessionCookie(res) : null;
}

/** The walks make hundreds of requests: on PostgreSQL under load they outlast the default 30 s. */
const WALK_TIMEOUT = 120_000;

describe('a hostile administrator of another organization, holding every permission', () => {
  let before: Awaited<ReturnType<typeof ourData>>;
  beforeEach(async () => {
    fx = await buildFixture();
    pending = await addPeopleNotSignedIn();
    rival = await buildRival();
    before = await ourData();
  });
  /** After the walk our owner reads everything back as it was. */
  async function expectOursUnchanged() {
    await settleJobs();
    expect(await ourData(), 'our organization, read back by our owner').toEqual(before);
  }

  it(
    'finds nothing at our location: every location and portal route answers 404, revealing nothing',
    async () => {
      expect(
        Object.keys(ID_INPUTS).filter((r) => !(r in LOCATION || r in OWNER || r in MEMBER)),
        'ID_INPUTS names routes the map does not know',
      ).toEqual([]);
      for (const h of rival.hostiles) {
        for (const [route, rule] of [...Object.entries(LOCATION), ...Object.entries(MEMBER)]) {
          for (const ids of [ourIds(), rival.ids]) {
            const { res, sent } = await send(route, h.cookie, { ...rule, ids });
            const label = `${route} by ${h.who} at our location with ${ids === rival.ids ? 'their' : 'our'} ids`;
            expectStatus(res, [404], label);
            expectRevealsNothing(res, sent, label);
          }
        }
        // what they read about themselves names none of ours
        for (const route of ['GET /api/v1/locations', 'GET /api/v1/me']) {
          const { res, sent } = await send(route, h.cookie);
          expectStatus(res, [200], `${route} for ${h.who}`);
          expectRevealsNothing(res, sent, `${route} for ${h.who}`);
        }
        // the built-in mailbox holds our people's sign-in codes and activation links
        const { res, sent } = await send('GET /api/v1/dev/mailbox', h.cookie);
        expectRevealsNothing(res, sent, `GET /api/v1/dev/mailbox for ${h.who}`);
      }
      await expectOursUnchanged();
    },
    WALK_TIMEOUT,
  );

  it(
    'cannot reach our records from their own location: our ids in the path, the body or the query',
    async () => {
      for (const h of rival.hostiles) {
        for (const [route, rule] of [...Object.entries(LOCATION), ...Object.entries(MEMBER)]) {
          for (const a of withOurIds(route, rule)) {
            const { res, sent } = await send(route, h.cookie, { locationId: rival.org.locationId, ids: a.ids, body: a.body, query: a.query });
            const label = `${route}${a.query ?? ''} by ${h.who} at their location with our ${a.ours.join(' and ')}`;
            expectStatus(res, a.oursInPath ? [404] : a.input.filter ? [200, 400, 404] : [400, 404], label);
            if (a.input.filter && res.statusCode === 200) {
              const found = res.headers['content-type']?.toString().includes('csv') ? res.body.trim().split('\n').length - 1 : res.json().items.length;
              expect.soft(found, `${label} lists customers`).toBe(0);
            }
            expectRevealsNothing(res, sent, label);
          }
        }
      }
      await expectTheirOwnIdsPass(MEMBER, rival.admin.cookie);
      await expectTheirOwnIdsPass(LOCATION, rival.admin.cookie);
      await expectOursUnchanged();
    },
    WALK_TIMEOUT,
  );

  it(
    'cannot use the owner routes on our organization: our administrators, locations and organization id',
    async () => {
      for (const h of rival.hostiles) {
        for (const [route, rule] of Object.entries(OWNER)) {
          for (const a of withOurIds(route, rule)) {
            const { res, sent } = await send(route, h.cookie, { ids: a.ids, body: a.body, query: a.query });
            const label = `${route}${a.query ?? ''} by ${h.who} with our ${a.ours.join(' and ')}`;
            expectStatus(res, h.owner ? [404] : [403, 404], label);
            expectRevealsNothing(res, sent, label);
          }
        }
      }
      await expectTheirOwnIdsPass(OWNER, rival.org.ownerCookie);
      await expectOursUnchanged();
    },
    WALK_TIMEOUT,
  );

  it(
    'cannot read, rewrite, delete or take over our people through the accounts both organizations share',
    async () => {
      // what the rival has entered so far is theirs to read back
      let entered = '';
      const theirs = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, cookie = rival.admin.cookie) => {
        const url = path.startsWith('/api/') ? path : `/api/v1/locations/${rival.org.locationId}${path}`;
        const res = await ctx.request({ method, url, cookie, ...(payload ? { payload } : {}) });
        entered += ` ${url} ${JSON.stringify(payload ?? {})}`;
        expectRevealsNothing(res, entered, `${method} ${url} ${JSON.stringify(payload ?? {})}`);
        return res;
      };
      const eve = { firstName: 'Eve', lastName: 'Intruder', phone: '+33 7 00 00 00 01' };

      // the rival's owner grants rights to our pending administrator's account: the answer and their list carry none of our entries
      await theirs('POST', '/api/v1/administrators', { ...eve, email: 'deputy@x.test', locationId: null, permissions: [] }, rival.org.ownerCookie);
      const theirAdmins = await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: rival.org.ownerCookie });
      expectRevealsNothing(theirAdmins, entered, "the rival's administrators");

      // our pending administrator, then our invited member-and-administrator: added at their location, re-addressed, signed in
      let n = 0;
      for (const [path, email] of [
        ['/nonmembers', 'deputy@x.test'],
        ['/invitations', 'zelda@x.test'],
      ]) {
        const added = await theirs('POST', path, { ...eve, email });
        expectStatus(added, [201], `POST ${path} with ${email}`);
        if (added.statusCode !== 201) continue;
        expect
          .soft(added.json().customer, `POST ${path} with ${email} answers with what the rival entered`)
          .toMatchObject({ firstName: 'Eve', lastName: 'Intruder' });
        const address = `eve-${++n}@rival.test`;
        await theirs('PATCH', `/customers/${added.json().customer.id}`, { email: address });
        const cookie = await trySignIn(address);
        if (!cookie) continue;
        const ours = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}`, cookie });
        expectStatus(ours, [404], `our location, for whoever signs in as ${address} after ${path} with ${email}`);
        expectRevealsNothing(ours, entered, `our location for ${address}`);
        expectRevealsNothing(
          await ctx.request({ method: 'GET', url: '/api/v1/me', cookie }),
          entered,
          `GET /api/v1/me for ${address} after ${path} with ${email}`,
        );
      }

      // our invited member who has not activated: the rival's names and phone stay on the rival's record
      const bulk = await theirs('POST', '/nonmembers', { ...eve, email: 'bulk@x.test' });
      expectStatus(bulk, [201], 'POST /nonmembers with bulk@x.test');
      if (bulk.statusCode === 201)
        await theirs('PATCH', `/customers/${bulk.json().customer.id}`, { firstName: 'Mallory', lastName: 'Mask', phone: '+33 7 00 00 00 02' });

      // our activated member: the rival cannot rename or re-address the account
      const cust = await theirs('POST', '/nonmembers', { ...eve, email: 'cust@x.test' });
      expectStatus(cust, [201], 'POST /nonmembers with cust@x.test');
      if (cust.statusCode === 201) {
        expectStatus(
          await theirs('PATCH', `/customers/${cust.json().customer.id}`, { firstName: 'Mallory' }),
          [422],
          "PATCH the name of our activated member's record at the rival",
        );
        expectStatus(
          await theirs('PATCH', `/customers/${cust.json().customer.id}`, { email: 'eve-cust@rival.test' }),
          [409, 422],
          "PATCH the email of our activated member's record at the rival",
        );
      }

      // our removed, restorable lead: invited then removed at the rival as a wrong email, our record stays
      const lead = await theirs('POST', '/invitations', { ...eve, email: 'lead@x.test' });
      expectStatus(lead, [201], 'POST /invitations with lead@x.test');
      if (lead.statusCode === 201)
        expectStatus(await theirs('DELETE', `/customers/${lead.json().customer.id}`), [204], "DELETE the rival's record of our lead");

      // a company manager's portal invitation at their own location, with the email of one of our administrators
      const portal = await theirs('POST', `/api/v1/portal/locations/${rival.org.locationId}/company/invitations`, {
        firstName: 'Eve',
        email: 'settings@x.test',
      });
      expectStatus(portal, [201], 'portal invitation of settings@x.test at the rival');

      await expectOursUnchanged();
    },
    WALK_TIMEOUT,
  );
});
