// `atrium demo`: believable demo data in an empty database (two locations, ~50 members,
// companies, nonmembers, an administrator), and a sign-in link for its owner.
import type { Deps } from './deps.js';
import { HOUR } from './lib/clock.js';
import * as auth from './modules/auth/service.js';
import * as companies from './modules/companies/service.js';
import * as customers from './modules/customers/service.js';
import * as invoicePayments from './modules/invoices/payments.js';
import * as invoices from './modules/invoices/service.js';
import * as locations from './modules/locations/service.js';
import * as ledger from './modules/ledger/service.js';
import * as organizations from './modules/organizations/service.js';
import * as plans from './modules/plans/service.js';
import * as subscriptions from './modules/subscriptions/service.js';
import * as users from './modules/users/service.js';
import * as access from './modules/access/service.js';

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

export async function loadDemo(deps: Deps): Promise<string> {
  if ((await organizations.countOrganizations(deps.db)) > 0) {
    throw new Error('The database is not empty: `atrium demo` only loads into an empty database.');
  }
  const base = deps.clock.now().getTime();
  const at = (hoursAgo: number) => new Date(base - hoursAgo * HOUR);
  const { ownerId, organizationId, siteIds, soloMembers, siteCompanies } = await deps.db.transaction().execute(async (trx) => {
    const { organizationId, location, owner } = await organizations.createOrganizationInTx(deps, trx, {
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
    const second = await locations.createLocationInTx(deps, trx, organizationId, {
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
    for (const [i, name] of COMPANIES.entries()) {
      const site = i % 2;
      companyIds[site].push(
        await companies.createCompanyInTx(
          trx,
          { organizationId, locationId: sites[site].id },
          { name, email: `hello@${name.toLowerCase().replace(/[^a-z]+/g, '')}.test` },
          at(24 * 40),
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
      const created = at(24 * (60 - i));
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
    }
    const adminNames = { firstName: 'Adam', lastName: 'Admin' };
    const admin = await users.findOrCreateAccount(trx, at(24 * 30), { email: 'admin@demo.atrium.test', ...adminNames });
    await users.activateUser(deps, trx, admin.id);
    await access.grantInTx(deps, trx, { organizationId, actorUserId: owner.id }, admin.id, location.id, ['customers', 'billing', 'settings'], adminNames);
    return { ownerId: owner.id, organizationId, siteIds: sites.map((site) => site.id), soloMembers, siteCompanies: companyIds };
  });
  await loadDemoBilling(deps, { organizationId, ownerId, siteIds, soloMembers, siteCompanies });
  const link = await auth.createSignInLink(deps, ownerId);
  return `Demo data loaded: organization "Demo Coworking", locations North Hall and Riverside, 60 customers, ${COMPANIES.length} companies, plans with a few subscriptions, invoices (a draft, issued, partly paid, paid and overdue ones).
Owner: owner@demo.atrium.test; administrator of North Hall: admin@demo.atrium.test.
Sign in as the owner with this one-time link (valid 24 hours):

  ${link}
`;
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
): Promise<void> {
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
    if (second) await subscriptions.createSubscription(deps, scope, { customerId: second, planId: dedicated.id, startDate: today, quantity: 1 });
    const company = demo.siteCompanies[site][0];
    const teamSold = company
      ? await subscriptions.createSubscription(deps, scope, { companyId: company, planId: team.id, startDate: today, quantity: 3 })
      : null;
    if (first && site === 0) {
      await ledger.adjust(deps, admin, { customerId: first, unit: 'day_pass', amount: 2, memo: 'Welcome gift' });
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
}
