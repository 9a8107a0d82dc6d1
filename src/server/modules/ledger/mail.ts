// Who reads billing mail for an owner (the person; a company's email, else its managers), and the
// "credits adjusted" email, each in the reader's language.
import type { Location, Organization } from '../../db/schema.js';
import { type Deps, type Tx, queueMail } from '../../deps.js';
import { catalogue, languageFor, type Language } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import type { LocationKey } from '../../scope.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import type { Owner } from './queries.js';

const m = catalogue('ledger', messages);

export interface Recipient {
  email: string;
  firstName: string;
  language: Language;
}

export interface OwnerMail {
  recipients: Recipient[];
  /** the company's name when the owner is a company */
  company: string | null;
  locationName: string;
  brand: string;
  /** the rows the email's brand comes from: organizations.mailBrand(deps, organization, location) */
  organization: Organization | undefined;
  location: Location | undefined;
}

/** The people billing mail about an owner goes to, with the location's names for the words around it. */
export async function ownerMail(db: Tx, s: LocationKey, owner: Owner): Promise<OwnerMail> {
  const [location, org] = await Promise.all([locations.findLocation(db, s.organizationId, s.locationId), organizations.findOrganization(db, s.organizationId)]);
  const people: { email: string; firstName: string }[] = [];
  let company: string | null = null;
  if (owner.customerId !== undefined) {
    const c = await customers.findCustomer(db, s, owner.customerId);
    if (c) people.push({ email: c.email, firstName: c.first_name });
  } else {
    const co = await companies.findCompany(db, s, owner.companyId);
    company = co?.name ?? null;
    if (co?.email) people.push({ email: co.email, firstName: co.name });
    else
      for (const u of await customers.companyUsers(db, s, owner.companyId)) {
        if (u.company_manager !== 1) continue;
        const c = await customers.findCustomer(db, s, u.id);
        if (c) people.push({ email: c.email, firstName: c.first_name });
      }
  }
  const languages = await users.languagesByEmail(
    db,
    people.map((p) => p.email),
  );
  return {
    recipients: people.map((p) => ({ ...p, language: languageFor(languages.get(p.email), undefined, location ?? undefined) })),
    company,
    locationName: location?.name ?? '',
    brand: org?.name ?? 'Atrium',
    organization: org,
    location,
  };
}

/** An owner as a map key: `p:` and a customer id, or `c:` and a company id. */
export const ownerKey = (o: Owner) => (o.customerId !== undefined ? `p:${o.customerId}` : `c:${o.companyId}`);

/** `ownerMail` for many owners at one location in a few statements, by `ownerKey`. */
export async function ownerMails(db: Tx, s: LocationKey, owners: Owner[]): Promise<Map<string, OwnerMail>> {
  const [location, org] = await Promise.all([locations.findLocation(db, s.organizationId, s.locationId), organizations.findOrganization(db, s.organizationId)]);
  const personIds = owners.flatMap((o) => (o.customerId !== undefined ? [o.customerId] : []));
  const companyIds = owners.flatMap((o) => (o.companyId !== undefined ? [o.companyId] : []));
  const found = await companies.findCompanies(db, s, companyIds);
  const byCompany = new Map(found.map((c) => [c.id, c]));
  // companies without an email write to their managers
  const managers = (
    await customers.usersOfCompanies(
      db,
      s,
      companyIds.filter((id) => !byCompany.get(id)?.email),
    )
  ).filter((u) => u.company_manager === 1);
  const people = new Map((await customers.findCustomers(db, s, [...personIds, ...managers.map((u) => u.id)])).map((c) => [c.id, c]));
  const lists = new Map<string, { people: { email: string; firstName: string }[]; company: string | null }>();
  for (const o of owners) {
    const key = ownerKey(o);
    if (lists.has(key)) continue;
    if (o.customerId !== undefined) {
      const c = people.get(o.customerId);
      lists.set(key, { people: c ? [{ email: c.email, firstName: c.first_name }] : [], company: null });
    } else {
      const co = byCompany.get(o.companyId);
      const list: { email: string; firstName: string }[] = [];
      if (co?.email) list.push({ email: co.email, firstName: co.name });
      else
        for (const u of managers) {
          const c = u.company_id === o.companyId ? people.get(u.id) : undefined;
          if (c) list.push({ email: c.email, firstName: c.first_name });
        }
      lists.set(key, { people: list, company: co?.name ?? null });
    }
  }
  const languages = await users.languagesByEmail(db, [...new Set([...lists.values()].flatMap((l) => l.people.map((p) => p.email)))]);
  const out = new Map<string, OwnerMail>();
  for (const [key, l] of lists)
    out.set(key, {
      recipients: l.people.map((p) => ({ ...p, language: languageFor(languages.get(p.email), undefined, location ?? undefined) })),
      company: l.company,
      locationName: location?.name ?? '',
      brand: org?.name ?? 'Atrium',
      organization: org,
      location,
    });
  return out;
}

/** "3 credits were added to your balance", with the memo and the new balance. */
export async function queueAdjustedMail(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  owner: Owner,
  a: { unit: 'credit' | 'day_pass'; amount: number; memo: string; balance: number },
): Promise<void> {
  const to = await ownerMail(trx, s, owner);
  for (const r of to.recipients) {
    const vars = {
      unit: a.unit,
      amount: Math.abs(a.amount),
      direction: a.amount > 0 ? 'added' : 'taken',
      owner: to.company ? 'company' : 'person',
      company: to.company ?? '',
      location_name: to.locationName,
      balance: a.balance,
    };
    const mail = renderLayout(
      r.language,
      {
        greeting: greeting(r.language, r.firstName),
        paragraphs: [m(r.language, 'adjustedBody', vars), m(r.language, 'adjustedReason', { memo: a.memo }), m(r.language, 'adjustedBalance', vars)],
      },
      organizations.mailBrand(deps, to.organization, to.location),
    );
    await queueMail(deps, trx, { organizationId: s.organizationId, to: r.email, subject: m(r.language, 'adjustedSubject', vars), ...mail });
  }
}
