// `atrium demo`: believable demo data in an empty database (two locations, ~50 members,
// companies, nonmembers, an administrator), and a sign-in link for its owner.
import type { Deps } from './deps.js';
import { HOUR } from './lib/clock.js';
import * as auth from './modules/auth/service.js';
import * as companies from './modules/companies/service.js';
import * as customers from './modules/customers/service.js';
import * as locations from './modules/locations/service.js';
import * as organizations from './modules/organizations/service.js';
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
  const ownerId = await deps.db.transaction().execute(async (trx) => {
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
      await customers.addCustomerInTx(
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
    }
    const adminNames = { firstName: 'Adam', lastName: 'Admin' };
    const admin = await users.findOrCreateAccount(trx, at(24 * 30), { email: 'admin@demo.atrium.test', ...adminNames });
    await users.activateUser(deps, trx, admin.id);
    await access.grantInTx(deps, trx, { organizationId, actorUserId: owner.id }, admin.id, location.id, ['customers', 'settings'], adminNames);
    return owner.id;
  });
  const link = await auth.createSignInLink(deps, ownerId);
  return `Demo data loaded: organization "Demo Coworking", locations North Hall and Riverside, 60 customers, ${COMPANIES.length} companies.
Owner: owner@demo.atrium.test; administrator of North Hall: admin@demo.atrium.test.
Sign in as the owner with this one-time link (valid 24 hours):

  ${link}
`;
}
