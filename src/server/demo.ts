// `atrium demo`: believable demo data in an empty database (two locations, ~50 members,
// companies, nonmembers, an administrator), and a sign-in link for its owner.
import type { Deps, Tx } from './deps.js';
import { HOUR } from './lib/clock.js';
import { PERMISSIONS } from './lib/schema.js';
import * as auth from './modules/auth/service.js';
import * as webhooks from './modules/webhooks/service.js';
import * as benefits from './modules/benefits/service.js';
import * as companies from './modules/companies/service.js';
import * as customers from './modules/customers/service.js';
import * as invoicePayments from './modules/invoices/payments.js';
import * as invoices from './modules/invoices/service.js';
import * as locations from './modules/locations/service.js';
import * as ledger from './modules/ledger/service.js';
import * as organizations from './modules/organizations/service.js';
import { markPng } from './lib/png.js';
import * as plans from './modules/plans/service.js';
import * as subscriptions from './modules/subscriptions/service.js';
import * as transfers from './modules/transfers/service.js';
import * as usage from './modules/usage/service.js';
import * as users from './modules/users/service.js';
import * as access from './modules/access/service.js';
import * as activities from './modules/activities/service.js';
import * as assignments from './modules/assignments/service.js';
import * as bookings from './modules/bookings/service.js';
import * as events from './modules/events/service.js';
import { buyTicket } from './modules/events/tickets.js';
import * as content from './modules/content/service.js';
import * as resources from './modules/resources/service.js';
import * as shop from './modules/shop/service.js';
import { DateTime } from 'luxon';

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
];
const COMPANIES = ['Blue Fern Studio', 'Northwind Labs', 'Paper Crane Design', 'Kestrel Analytics'];

/** The demo organization's accent colour (teal). */
const DEMO_ACCENT = '#0b7285';

export async function loadDemo(deps: Deps): Promise<string> {
  if ((await organizations.countOrganizations(deps.db)) > 0) {
    throw new Error('The database is not empty: `atrium demo` only loads into an empty database.');
  }
  const base = deps.clock.now().getTime();
  const at = (hoursAgo: number) => new Date(base - hoursAgo * HOUR);
  // the organization began a year ago and its people came over the year, so that Analytics has months to show
  const founded = { ...deps, clock: { now: () => at(24 * 400) } };
  const { ownerId, organizationId, siteIds, soloMembers, siteCompanies } = await deps.db.transaction().execute(async (trx) => {
    const { organizationId, location, owner } = await organizations.createOrganizationInTx(founded, trx, {
      organizationName: 'Demo Coworking',
      locationName: 'North Hall',
      address: '12 Rue des Lilas, 75011 Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      ownerEmail: 'owner@demo.atrium.test',
      ownerFirstName: 'Olivia',
      ownerLastName: 'Owner',
    });
    await users.activateUser(deps, trx, owner.id);
    const second = await locations.createLocationInTx(founded, trx, organizationId, {
      name: 'Riverside',
      address: '4 Quai de Valmy, 75010 Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      // invitations to new people here go out in French (the other location's are in English)
      language: 'fr',
    });
    const sites = [location, second];
    const companyIds: string[][] = [[], []];
    const companyName = new Map<string, string>();
    /** Active members without a company, per location: the demo sells them personal plans. */
    const soloMembers: string[][] = [[], []];
    /** Activated members' accounts, per location: the usage report's past months count some of them. */
    const memberAccounts: string[][] = [[], []];
    for (const [i, name] of COMPANIES.entries()) {
      const site = i % 2;
      companyIds[site].push(
        await companies.createCompanyInTx(
          trx,
          { organizationId, locationId: sites[site].id },
          { name, email: `hello@${name.toLowerCase().replace(/[^a-z]+/g, '')}.test` },
          at(24 * 370),
        ),
      );
      companyName.set(companyIds[site][companyIds[site].length - 1], name);
    }
    for (let i = 0; i < 60; i++) {
      const site = i < 38 ? 0 : 1;
      const first = FIRST[i % FIRST.length];
      const last = LAST[(i * 7) % LAST.length];
      const email = `${`${first}.${last}.${i}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9.]/g, '')}@demo.atrium.test`;
      // North Hall's people joined over the year, Riverside's over the last four months
      const created = at(24 * (site === 0 ? Math.round(9.5 * (38 - i)) : 6 * (60 - i)));
      const entered = { firstName: first, lastName: last, phone: i % 3 === 0 ? `+3361234${String(5000 + i)}` : null };
      let user = await users.findOrCreateAccount(trx, created, { email, ...entered });
      const nonmember = i % 10 === 9;
      const invited = !nonmember && i % 6 === 5;
      if (!invited) {
        await users.activateUser({ ...deps, clock: { now: () => created } }, trx, user.id, entered);
        user = (await users.findUserById(trx, user.id))!;
      }
      const company = !nonmember && i % 4 === 0 ? companyIds[site][i % companyIds[site].length] : null;
      const customerId = await customers.addCustomerInTx(
        trx,
        { organizationId, locationId: sites[site].id },
        {
          userId: user.id,
          type: nonmember ? 'nonmember' : 'member',
          status: invited ? 'invited' : 'active',
          source: nonmember ? 'reception' : 'invitation',
          companyId: company,
          companyManager: company !== null && i % 8 === 0,
          invitedByUserId: owner.id,
          invited: !nonmember,
          entered,
          account: user,
          companyName: company ? companyName.get(company)! : null,
        },
        created,
        owner.id,
      );
      if (!nonmember && !invited && company === null) soloMembers[site].push(customerId);
      if (!nonmember && !invited) memberAccounts[site].push(user.id);
      if (!nonmember)
        await activities.record(
          trx,
          { organizationId, locationId: sites[site].id, customerId, actorUserId: owner.id, kind: 'invited', data: { source: 'invitation', email } },
          created,
        );
    }
    const adminNames = { firstName: 'Adam', lastName: 'Admin' };
    const admin = await users.findOrCreateAccount(trx, at(24 * 30), { email: 'admin@demo.atrium.test', ...adminNames });
    await users.activateUser(deps, trx, admin.id);
    await access.grantInTx(
      deps,
      trx,
      { organizationId, actorUserId: owner.id },
      admin.id,
      location.id,
      ['customers', 'billing', 'resources', 'content', 'events', 'shop', 'benefits', 'analytics', 'reception', 'settings'],
      adminNames,
    );
    await loadDemoUsage(
      deps,
      trx,
      organizationId,
      sites.map((site) => site.id),
      memberAccounts,
    );
    return { ownerId: owner.id, organizationId, siteIds: sites.map((site) => site.id), soloMembers, siteCompanies: companyIds };
  });
  // the operator's brand (before any email is written, so the demo's mail carries it): a teal accent, a support
  // address and a logo drawn here (a PNG, no image package needed)
  const ownerScope = { organizationId, actorUserId: ownerId };
  await organizations.updateOrganization(deps, ownerScope, { accentColor: DEMO_ACCENT, supportEmail: 'help@demo-coworking.example' });
  await organizations.uploadOrganizationLogo(deps, ownerScope, markPng(DEMO_ACCENT, 96));
  await loadDemoMoneyHistory(deps, { organizationId, ownerId, locationId: siteIds[0], members: soloMembers[0] });
  const sold = await loadDemoBilling(deps, { organizationId, ownerId, siteIds, soloMembers, siteCompanies });
  await loadDemoSpaces(deps, { organizationId, ownerId, locationId: siteIds[0], members: soloMembers[0], company: siteCompanies[0][0], sold });
  await loadDemoContent(deps, { organizationId, ownerId, locationId: siteIds[0] });
  await loadDemoEvents(deps, { organizationId, ownerId, locationId: siteIds[0], members: soloMembers[0] });
  await loadDemoShop(deps, { organizationId, ownerId, locationId: siteIds[0], members: soloMembers[0] });
  await loadDemoBenefits(deps, { organizationId, ownerId, locationId: siteIds[0], members: soloMembers[0] });
  // one member of North Hall moved to Riverside too (design 11.1): both records show the transfer
  const admin = (locationId: string) => ({ organizationId, locationId, actorUserId: ownerId, permissions: [...PERMISSIONS] });
  await transfers.transfer(deps, admin(siteIds[0]), admin(siteIds[1]), soloMembers[0][soloMembers[0].length - 1], {
    toLocationId: siteIds[1],
    type: 'member',
    endSubscriptions: 'keep',
    oldCustomer: 'keep',
  });
  // an example webhook, off: it would go nowhere (example.com), and its secret is never shown
  const example = await webhooks.createWebhook(
    deps,
    { organizationId, actorUserId: ownerId },
    {
      url: 'https://hooks.example.com/atrium',
      events: ['customer.created', 'invoice.paid'],
      description: 'Example: point it at your receiver, then turn it on',
    },
  );
  await webhooks.updateWebhook(deps, { organizationId, actorUserId: ownerId }, example.webhook.id, { enabled: false });
  const link = await auth.createSignInLink(deps, ownerId);
  const loaded = [
    `organization "Demo Coworking" with its brand (logo, accent colour ${DEMO_ACCENT}, support email), locations North Hall and Riverside, 60 customers, ${COMPANIES.length} companies, plans with a few subscriptions`,
    'invoices (a draft, issued, partly paid, paid and overdue ones)',
    'meeting rooms, a hot-desk zone and an office at North Hall with bookings this week',
    `news posts and pages at North Hall (public news: /l/${siteIds[0]}/news)`,
    'two upcoming events with tickets',
    'a shop with a coffee-card credit package, lockers and a T-shirt, and three orders on the board',
    'three perks with applications',
    'a member of North Hall transferred to Riverside',
    'five past months of active users on the Usage page',
    'a year of history for Analytics (members joining, monthly invoices and meeting-room bookings)',
  ];
  return `Demo data loaded: ${loaded.join(';\n')}.
Owner: owner@demo.atrium.test; administrator of North Hall: admin@demo.atrium.test.
Sign in as the owner with this one-time link (valid 24 hours):

  ${link}
`;
}

/**
 * A year of paid invoices at North Hall, one a month until two months ago (before the invoices of
 * loadDemoBilling, so that numbers follow issue dates): revenue and invoiced for Analytics.
 */
async function loadDemoMoneyHistory(deps: Deps, demo: { organizationId: string; ownerId: string; locationId: string; members: string[] }): Promise<void> {
  if (demo.members.length === 0) return;
  const admin = { organizationId: demo.organizationId, locationId: demo.locationId, actorUserId: demo.ownerId, permissions: ['billing' as const] };
  const month = DateTime.fromJSDate(deps.clock.now(), { zone: 'Europe/Paris' }).startOf('month');
  for (let back = 11; back >= 2; back--) {
    const when = { ...deps, clock: { now: () => month.minus({ months: back }).plus({ days: 9, hours: 10 }).toJSDate() } };
    const customerId = demo.members[back % demo.members.length];
    const invoice = await invoices.createInvoice(when, admin, {
      customerId,
      lines: [{ description: 'Meeting room hours', quantity: 4 + ((back * 5) % 9), unitPrice: 3_000 }],
    });
    const issued = await invoices.issueInvoice(when, admin, invoice.id);
    // one a quarter is paid only in part
    const amount = back % 3 === 0 ? Math.round(issued.amountDue / 2) : issued.amountDue;
    await invoicePayments.addPayment(when, admin, invoice.id, { amount, method: 'bank_transfer', reference: `Transfer ${1000 + back}` });
  }
}

/**
 * Billing at each location: its tax and invoice settings; a monthly hot-desk plan open for self sign-up, a
 * dedicated-desk plan, and a company team plan; the first two members without a company and the first company
 * subscribe (their first invoices are issued at once); one welcome adjustment. At North Hall the invoices are alive:
 * the hot desk's is paid, the company's partly paid, a meeting-room invoice is overdue and another waits as a draft.
 */
async function loadDemoBilling(
  deps: Deps,
  demo: { organizationId: string; ownerId: string; siteIds: string[]; soloMembers: string[][]; siteCompanies: string[][] },
): Promise<DemoSubscriptions> {
  const sold: DemoSubscriptions = {};
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(deps.clock.now());
  for (const [site, locationId] of demo.siteIds.entries()) {
    const scope = { organizationId: demo.organizationId, locationId, actorUserId: demo.ownerId };
    const admin = { ...scope, permissions: ['billing' as const] };
    await locations.updateLocation(deps, scope, {
      taxRateBps: 2000,
      paymentTermsDays: 14,
      billingDetails: {
        legalName: 'Demo Coworking SAS',
        address: site === 0 ? '12 Rue des Lilas\n75011 Paris, France' : '4 Quai de Valmy\n75010 Paris, France',
        taxId: 'FR 12 345678901',
        footer: 'Bank transfer to IBAN FR76 3000 6000 0112 3456 7890 189 (BIC AGRIFRPP). Late payments bear interest at three times the legal rate.',
      },
      // the reception kiosk (pair a tablet from Reception in the admin app): both screens on, the operator's own consent sentence
      receptionLeaveContacts: true,
      receptionVisitors: true,
      receptionConsentText:
        'I agree that Demo Coworking keeps my name and contact details to tell me about its spaces and events. I can ask for them to be deleted at any time.',
    });
    const hotDesk = await plans.createPlan(deps, scope, {
      name: 'Hot desk',
      description: 'Any free desk, weekdays 8:00–20:00, with 10 meeting-room credits a month.',
      price: 19_000,
      cycle: 'month',
      setupFee: 0,
      credits: 10,
      dayPasses: 0,
      taxRateBps: null,
      visibility: 'location_members',
      selfSignUp: true,
    });
    const dedicated = await plans.createPlan(deps, scope, {
      name: 'Dedicated desk',
      description: 'Your own desk and locker, around the clock.',
      price: 32_000,
      cycle: 'month',
      setupFee: 5_000,
      credits: 20,
      dayPasses: 4,
      taxRateBps: null,
      visibility: 'administrators',
      selfSignUp: false,
    });
    const team = await plans.createPlan(deps, scope, {
      name: 'Team office',
      description: 'A private office for a company, per seat.',
      price: 28_000,
      cycle: 'month',
      setupFee: 0,
      credits: 15,
      dayPasses: 2,
      taxRateBps: null,
      visibility: 'administrators',
      selfSignUp: false,
    });
    const [first, second, third, fourth] = demo.soloMembers[site];
    if (third && site === 0) {
      // issued five weeks ago with 14 days to pay, and still unpaid: overdue (first, so that numbers follow issue dates)
      const past = { ...deps, clock: { now: () => new Date(deps.clock.now().getTime() - 35 * 24 * HOUR) } };
      const overdue = await invoices.createInvoice(past, scope, {
        customerId: third,
        lines: [
          { description: 'Meeting room “Atelier”, half day', quantity: 2, unitPrice: 9_000 },
          { description: 'Coffee and pastries for 8', quantity: 1, unitPrice: 6_400, taxRateBps: 1000 },
        ],
      });
      await invoices.issueInvoice(past, scope, overdue.id);
    }
    const hotDeskSold = first
      ? await subscriptions.createSubscription(deps, scope, { customerId: first, planId: hotDesk.id, startDate: today, quantity: 1 })
      : null;
    if (second) {
      const { subscription } = await subscriptions.createSubscription(deps, scope, { customerId: second, planId: dedicated.id, startDate: today, quantity: 1 });
      if (site === 0) sold.dedicated = subscription.id;
    }
    const company = demo.siteCompanies[site][0];
    const teamSold = company
      ? await subscriptions.createSubscription(deps, scope, { companyId: company, planId: team.id, startDate: today, quantity: 3 })
      : null;
    if (site === 0 && teamSold) sold.team = teamSold.subscription.id;
    if (first && site === 0) {
      await ledger.adjust(deps, admin, { customerId: first, unit: 'day_pass', amount: 2, memo: 'Welcome gift' });
      await ledger.adjust(deps, admin, { customerId: first, unit: 'credit', amount: 6, memo: 'Meeting-room credits' });
    }
    if (site !== 0) continue;
    // the hot desk is paid by card at the desk; the company paid for one seat so far
    const hotDeskInvoice = hotDeskSold?.invoice;
    if (hotDeskInvoice?.status === 'issued') {
      await invoicePayments.addPayment(deps, admin, hotDeskInvoice.id, {
        amount: hotDeskInvoice.amountDue,
        method: 'card_terminal',
        reference: 'Terminal receipt 0042',
      });
    }
    const teamInvoice = teamSold?.invoice;
    if (teamInvoice?.status === 'issued') {
      await invoicePayments.addPayment(deps, admin, teamInvoice.id, {
        amount: Math.round(teamInvoice.amountDue / 3),
        method: 'bank_transfer',
        reference: 'First seat, transfer 2291',
      });
    }
    if (fourth) {
      await invoices.createInvoice(deps, scope, {
        customerId: fourth,
        lines: [
          { description: 'Day passes for visiting colleagues', quantity: 3, unitPrice: 2_500 },
          { description: 'Locker rental, one month', quantity: 1, unitPrice: 1_500 },
          { description: 'Returning-member discount', quantity: 1, unitPrice: -1_000 },
        ],
      });
    }
  }
  return sold;
}

/** The subscriptions at the first location that assignments end with. */
interface DemoSubscriptions {
  /** the second member's dedicated desk */
  dedicated?: string;
  /** the first company's team office */
  team?: string;
}

/**
 * Spaces at the first location: two meeting rooms priced in money and credits, a hot-desk zone of 12 seats, a
 * dedicated desk and an office assigned with their subscriptions, and bookings across this week and the next, made as
 * an administrator does. Times already past this week are booked as if a few days earlier, so the week looks lived in.
 */
async function loadDemoSpaces(
  deps: Deps,
  demo: { organizationId: string; ownerId: string; locationId: string; members: string[]; company: string | undefined; sold: DemoSubscriptions },
): Promise<void> {
  const zone = 'Europe/Paris';
  const scope = { organizationId: demo.organizationId, locationId: demo.locationId, actorUserId: demo.ownerId };
  const common = {
    description: '',
    capacity: null,
    dayPassAccepted: undefined,
    bookable: undefined,
    visibility: 'location_members',
    bookingLevel: 'location_members',
  } as const;
  // the meeting rooms are as old as the location: a year of bookings below
  const since = { ...deps, clock: { now: () => new Date(deps.clock.now().getTime() - 370 * 24 * HOUR) } };
  const atlas = await resources.createResource(since, scope, {
    ...common,
    type: 'meeting_room',
    name: 'Atlas',
    description: 'Eight seats, a screen and a whiteboard wall.',
    seats: 1,
    capacity: 8,
    pricePerHour: 3_000,
    creditsPerHour: 3,
    minMinutes: 30,
    maxMinutes: 480,
    incrementMinutes: 30,
  });
  const bay = await resources.createResource(since, scope, {
    ...common,
    type: 'meeting_room',
    name: 'Bay',
    description: 'A quiet room for four, good for calls.',
    seats: 1,
    capacity: 4,
    pricePerHour: 1_500,
    creditsPerHour: 1,
    minMinutes: 30,
    maxMinutes: 240,
    incrementMinutes: 30,
  });
  const open = await resources.createResource(deps, scope, {
    ...common,
    type: 'hot_desk',
    name: 'Open space',
    description: 'Twelve desks by the windows; any free one is yours.',
    seats: 12,
    pricePerHour: 400,
    creditsPerHour: null,
    minMinutes: 60,
    maxMinutes: 600,
    incrementMinutes: 60,
  });
  const desk = await resources.createResource(deps, scope, {
    ...common,
    type: 'dedicated_desk',
    name: 'Desk 7',
    seats: 1,
    pricePerHour: null,
    creditsPerHour: null,
    minMinutes: 30,
    maxMinutes: 480,
    incrementMinutes: 30,
    visibility: 'administrators',
    bookingLevel: 'administrators',
  });
  const office = await resources.createResource(deps, scope, {
    ...common,
    type: 'private_office',
    name: 'Office 3',
    description: 'A lockable office for a team of four.',
    seats: 4,
    capacity: 4,
    pricePerHour: null,
    creditsPerHour: null,
    minMinutes: 30,
    maxMinutes: 480,
    incrementMinutes: 30,
    visibility: 'administrators',
    bookingLevel: 'administrators',
  });

  const now = deps.clock.now();
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const [first, second, third, fourth, fifth] = demo.members;
  // a year of meeting-room bookings, a few more each month: booked as if three days before, free
  const thisMonth = DateTime.fromJSDate(now, { zone }).startOf('month');
  for (let back = 11; back >= 1; back--) {
    const month = thisMonth.minus({ months: back });
    for (let j = 0; j < 4 + ((11 - back) % 6) && demo.members.length > 0; j++) {
      let day = month.plus({ days: 1 + j * 3 });
      while (day.weekday > 5) day = day.plus({ days: 1 });
      const startsAt = day.set({ hour: j % 2 ? 14 : 10 }).toJSDate();
      const endsAt = new Date(startsAt.getTime() + (j % 3 === 0 ? 2 : 1) * HOUR);
      await bookings.book(
        { ...deps, clock: { now: () => new Date(startsAt.getTime() - 3 * 24 * HOUR) } },
        scope,
        { userId: demo.ownerId, customerId: demo.members[j % demo.members.length], asAdmin: true },
        { resourceId: j % 2 ? bay.id : atlas.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), paymentMethod: 'free' },
      );
    }
  }
  if (demo.company)
    await assignments.createAssignment(deps, scope, { companyId: demo.company, resourceId: office.id, startDate: today, subscriptionId: demo.sold.team });
  if (second)
    await assignments.createAssignment(deps, scope, { customerId: second, resourceId: desk.id, startDate: today, subscriptionId: demo.sold.dedicated });

  const monday = DateTime.fromJSDate(now, { zone }).startOf('week');
  type Payment = 'free' | 'credits' | 'day_pass' | 'invoice';
  // [days after this Monday, resource, from, to (local wall times), who, how they pay when it is still to come]
  const plan: [number, string, string, string, string | undefined, Payment][] = [
    [0, atlas.id, '09:30', '11:00', third, 'invoice'],
    [0, bay.id, '14:00', '15:00', fourth, 'free'],
    [1, atlas.id, '10:00', '12:00', fifth, 'invoice'],
    [1, open.id, '09:00', '17:00', third, 'free'],
    [2, open.id, '09:00', '17:00', first, 'day_pass'],
    [2, open.id, '10:00', '13:00', fourth, 'free'],
    [2, bay.id, '11:00', '12:00', first, 'credits'],
    [2, atlas.id, '15:00', '16:30', third, 'free'],
    [3, atlas.id, '09:00', '10:00', first, 'credits'],
    [3, bay.id, '13:30', '15:30', fifth, 'invoice'],
    [4, atlas.id, '14:00', '17:00', fourth, 'free'],
    [4, open.id, '08:00', '12:00', fifth, 'free'],
    [7, atlas.id, '10:00', '11:30', third, 'invoice'],
    [8, bay.id, '09:00', '10:00', fourth, 'free'],
    [9, open.id, '09:00', '17:00', first, 'day_pass'],
  ];
  for (const [offset, resourceId, from, to, customerId, payment] of plan) {
    if (!customerId) continue;
    const day = monday.plus({ days: offset }).toISODate()!;
    const startsAt = DateTime.fromISO(`${day}T${from}`, { zone }).toJSDate();
    const endsAt = DateTime.fromISO(`${day}T${to}`, { zone }).toJSDate();
    // A time already past is booked as if three days before it, and free: balances and invoices stay as they are today.
    const past = startsAt.getTime() < now.getTime() + 5 * 60_000;
    const when = past ? { ...deps, clock: { now: () => new Date(startsAt.getTime() - 3 * 24 * HOUR) } } : deps;
    await bookings.book(
      when,
      scope,
      { userId: demo.ownerId, customerId, asAdmin: true },
      { resourceId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), paymentMethod: past ? 'free' : payment },
    );
  }
}

/**
 * Content at North Hall: a pinned members' post, a public one, one for the whole network, a scheduled one and a
 * draft; two pages for the portal menu (house rules for members, the wifi guide for everyone).
 */
async function loadDemoContent(deps: Deps, demo: { organizationId: string; ownerId: string; locationId: string }): Promise<void> {
  const scope = { organizationId: demo.organizationId, locationId: demo.locationId, actorUserId: demo.ownerId, permissions: [] };
  const ago = (hours: number) => new Date(deps.clock.now().getTime() - hours * HOUR).toISOString();
  const posts = [
    {
      title: 'Welcome to North Hall',
      body:
        'Good to have you here! Your badge opens the front door from **7:00 to 22:00**.\n\nRead the [house rules](/l/' +
        demo.locationId +
        '/pages/house-rules) and say hi at the front desk.',
      visibility: 'location_members',
      pinned: true,
      publishedAt: ago(24 * 20),
    },
    {
      title: 'Open day on Saturday',
      body: 'Bring a friend: tours every hour from 10:00 to 16:00, coffee on us.\n\n- Meet the community\n- Try a desk for the day\n- Book a room for your next workshop',
      visibility: 'public',
      pinned: false,
      publishedAt: ago(26),
    },
    {
      title: 'Breakfast across the network',
      body: 'Members of every location are welcome at Riverside on Friday at 9:00 for croissants and introductions.',
      visibility: 'network_members',
      pinned: false,
      publishedAt: ago(3),
    },
    {
      title: 'New coffee machine',
      body: 'The kitchen gets a new espresso machine next week. A tasting is planned: watch this space.',
      visibility: 'location_members',
      pinned: false,
      publishedAt: new Date(deps.clock.now().getTime() + 48 * HOUR).toISOString(),
    },
    { title: 'Summer party (draft)', body: 'Date and place to confirm.', visibility: 'location_members', pinned: false, publishedAt: null },
  ] as const;
  for (const post of posts) await content.createPost(deps, scope, { kind: 'post', slug: null, ...post });
  await content.createPost(deps, scope, {
    kind: 'page',
    slug: 'house-rules',
    title: 'House rules',
    body: '1. Phone calls in the booths, not at the desks.\n2. Clean desk at the end of the day.\n3. The last one out turns off the lights.',
    visibility: 'location_members',
    pinned: false,
    publishedAt: ago(24 * 30),
  });
  await content.createPost(deps, scope, {
    kind: 'page',
    slug: 'wifi',
    title: 'Wifi and printing',
    body: 'Network **NorthHall-Guest**; the password is at the front desk.\n\nThe printer by the kitchen prints from any laptop on the network.',
    visibility: 'public',
    pinned: false,
    publishedAt: ago(24 * 30),
  });
}

/**
 * Events at the first location: a free members' breakfast in a few days with a few tickets taken, and a public talk
 * next week sold in money or credits, with one ticket on an invoice.
 */
async function loadDemoEvents(deps: Deps, demo: { organizationId: string; ownerId: string; locationId: string; members: string[] }): Promise<void> {
  const zone = 'Europe/Paris';
  const s = { organizationId: demo.organizationId, locationId: demo.locationId };
  const scope = { ...s, actorUserId: demo.ownerId, permissions: [] };
  const today = DateTime.fromJSDate(deps.clock.now(), { zone }).startOf('day');
  const at = (days: number, time: string) =>
    DateTime.fromISO(`${today.plus({ days }).toISODate()}T${time}`, { zone })
      .toUTC()
      .toISO()!;
  const common = { taxRateBps: null, ticketsOpen: true, refundNoticeHours: 24 };
  const breakfast = await events.createEvent(deps, scope, {
    ...common,
    title: 'Founders breakfast',
    description: 'Croissants, coffee and a round of introductions. Bring a friend who is thinking of joining.',
    startsAt: at(3, '09:00'),
    endsAt: at(3, '10:30'),
    place: 'Kitchen, ground floor',
    capacity: 30,
    visibility: 'location_members',
    price: null,
    creditPrice: null,
  });
  const talk = await events.createEvent(deps, scope, {
    ...common,
    title: 'Design talk: small spaces, big ideas',
    description: 'An evening talk by a local architect on making small rooms work, with questions and drinks after.',
    startsAt: at(8, '18:30'),
    endsAt: at(8, '20:00'),
    place: 'Atlas room',
    capacity: 40,
    visibility: 'public',
    price: 1500,
    creditPrice: 2,
  });
  const people = (await Promise.all(demo.members.slice(0, 4).map((id) => customers.findCustomer(deps.db, s, id)))).flatMap((c) => (c ? [c] : []));
  for (const person of people.slice(0, 3)) await buyTicket(deps, s, person.user_id, breakfast.id, { paymentMethod: 'free' });
  if (people[3]) await buyTicket(deps, s, people[3].user_id, talk.id, { paymentMethod: 'invoice' });
}

/**
 * The shop at the first location: a coffee card that adds credits (a credit package), lockers in limited stock sold in
 * money or credits, a T-shirt anyone may see; and a few orders on the board, as members place them from the portal.
 */
async function loadDemoShop(deps: Deps, demo: { organizationId: string; ownerId: string; locationId: string; members: string[] }): Promise<void> {
  const s = { organizationId: demo.organizationId, locationId: demo.locationId };
  const base = { description: '', creditPrice: null, taxRateBps: null, stock: null, visibility: 'location_members', active: true, grants: null } as const;
  const card = await shop.createProduct(deps, s, {
    ...base,
    name: 'Coffee card',
    description: 'Ten coffees at the bar: adds 10 credits to your balance, valid 90 days.',
    price: 2500,
    grants: { credits: 10, dayPasses: 0, validDays: 90 },
  });
  const locker = await shop.createProduct(deps, s, {
    ...base,
    name: 'Locker for a month',
    description: 'A locker by the kitchen, with its key, for 30 days.',
    price: 1500,
    creditPrice: 4,
    stock: 8,
  });
  const shirt = await shop.createProduct(deps, s, {
    ...base,
    name: 'Demo Coworking T-shirt',
    description: 'Organic cotton, sizes S to XL: tell us yours at the desk.',
    price: 2000,
    stock: 25,
    visibility: 'public',
  });
  const buyers = await Promise.all(demo.members.slice(1, 4).map((id) => customers.findCustomer(deps.db, s, id)));
  const orders: [number, { productId: string; quantity: number }[], 'invoice' | 'credits'][] = [
    [0, [{ productId: card.id, quantity: 1 }], 'invoice'],
    [1, [{ productId: shirt.id, quantity: 2 }], 'invoice'],
    [2, [{ productId: locker.id, quantity: 1 }], 'invoice'],
  ];
  const placed = [];
  for (const [i, lines, paymentMethod] of orders) {
    const buyer = buyers[i];
    if (!buyer) continue;
    placed.push((await shop.placeOrder(deps, s, { userId: buyer.user_id }, { lines, paymentMethod })).order);
  }
  // one being prepared, one already handed over
  const admin = { ...s, actorUserId: demo.ownerId, permissions: [] };
  if (placed[1]) await shop.updateOrder(deps, admin, placed[1].id, { status: 'in_progress' });
  if (placed[2]) {
    await shop.updateOrder(deps, admin, placed[2].id, { status: 'in_progress' });
    await shop.updateOrder(deps, admin, placed[2].id, { status: 'completed' });
  }
}

/**
 * Perks at the first location: a café discount allowed once with a code in its confirmation, a gym pass for members of
 * every location, and a bike repair whose applications are closed; two members applied, one of them approved.
 */
async function loadDemoBenefits(deps: Deps, demo: { organizationId: string; ownerId: string; locationId: string; members: string[] }): Promise<void> {
  const scope = { organizationId: demo.organizationId, locationId: demo.locationId, actorUserId: demo.ownerId };
  const coffee = await benefits.createBenefit(deps, scope, {
    title: 'Ten percent off at Bean There',
    description: 'A coffee or a pastry, ten percent off, any day of the week, at the café on the ground floor.',
    provider: 'Bean There',
    visibility: 'location_members',
    applications: true,
    allowance: 'once',
    ctaUrl: 'https://example.com/bean-there',
    confirmationText: 'Show this code at the till: ATRIUM10.',
  });
  await benefits.createBenefit(deps, scope, {
    title: 'Free week at City Gym',
    description: 'A week of classes and the weights room, then 20 % off the first month.',
    provider: 'City Gym',
    visibility: 'network_members',
    applications: true,
    allowance: 'unlimited',
    ctaUrl: null,
    confirmationText: 'City Gym will call you within two working days to book your first visit.',
  });
  await benefits.createBenefit(deps, scope, {
    title: 'Bike service day',
    description: 'Bring your bike on the first Friday of the month: a free check-up in the courtyard.',
    provider: 'Pedal Pushers',
    visibility: 'location_members',
    applications: false,
    allowance: 'unlimited',
    ctaUrl: null,
    confirmationText: '',
  });
  const location = await benefits.portalLocation(deps, demo.locationId);
  const applied: string[] = [];
  for (const [i, customerId] of demo.members.slice(0, 2).entries()) {
    const record = await customers.findCustomer(deps.db, scope, customerId);
    if (!record) continue;
    const message = i === 0 ? 'I am in every morning before nine.' : '';
    applied.push((await benefits.apply(deps, record.user_id, location, coffee.id, message)).id);
  }
  if (applied[0]) await benefits.decide(deps, scope, applied[0], { status: 'approved', note: 'Enjoy your coffee!' });
}

/**
 * The usage report's past months: each of the five months before this one counts a share of the members of each
 * location (a different share each month), for one of the four reasons, as the billing work would have marked them.
 */
async function loadDemoUsage(deps: Deps, trx: Tx, organizationId: string, siteIds: string[], memberAccounts: string[][]): Promise<void> {
  const REASONS = ['subscription', 'booking', 'payment', 'credits'] as const;
  const thisMonth = DateTime.fromJSDate(deps.clock.now(), { zone: 'Europe/Paris' }).startOf('month');
  for (let back = 1; back <= 5; back++) {
    const start = thisMonth.minus({ months: back });
    for (const [site, accounts] of memberAccounts.entries()) {
      for (const [i, userId] of accounts.entries()) {
        if ((i + back) % 4 === 0) continue;
        const at = start.plus({ days: (i * 3) % 25, hours: 9 }).toJSDate();
        const reason = REASONS[(i + back + site) % REASONS.length];
        await usage.markActiveInTx(trx, { organizationId, locationId: siteIds[site] }, [userId], start.toFormat('yyyy-MM'), reason, at);
      }
    }
  }
}
