// The benefit emails, queued in the transaction of the change: the applicant's confirmation (with the benefit's
// confirmation text), a notice to each administrator of the location holding `benefits`, and the decision with its note.
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import type { LocationKey } from '../../scope.js';
import * as access from '../access/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import type { ApplicationRow, BenefitRow } from './queries.js';

const m = catalogue('benefits', messages);

export interface Applicant {
  email: string;
  first_name: string;
  last_name: string;
}

function brandOf(deps: Deps, trx: Tx, s: LocationKey, location: Location) {
  return organizations.mailBrandFor(deps, trx, s.organizationId, location);
}

/** The applicant's confirmation, holding the benefit's confirmation text. */
export async function queueAppliedMail(deps: Deps, trx: Tx, s: LocationKey, location: Location, b: BenefitRow, a: ApplicationRow, who: Applicant) {
  const saved = (await users.languagesByEmail(trx, [who.email])).get(who.email);
  const lang = languageFor(saved, undefined, location);
  const vars = { benefit: b.title, number: a.number, location_name: location.name };
  const paragraphs = [m(lang, 'appliedBody', vars)];
  if (b.confirmation_text) paragraphs.push(b.confirmation_text);
  paragraphs.push(m(lang, 'appliedNext'));
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, who.first_name), paragraphs, button: { label: m(lang, 'viewPerks'), url: publicLink(deps, '/perks') } },
    await brandOf(deps, trx, s, location),
  );
  await queueMail(deps, trx, { organizationId: s.organizationId, to: who.email, subject: m(lang, 'appliedSubject', vars), ...mail });
}

/** The emails of the location's administrators who hold `benefits` (the owner included), once each. */
export async function benefitAdministrators(trx: Tx, s: LocationKey): Promise<{ email: string; first_name: string }[]> {
  const out = new Map<string, { email: string; first_name: string }>();
  const org = await organizations.findOrganization(trx, s.organizationId);
  const owner = org ? await users.findUserById(trx, org.owner_user_id) : undefined;
  if (owner) out.set(owner.email, { email: owner.email, first_name: owner.first_name });
  for (const g of await access.listGrants(trx, s.organizationId)) {
    if (g.location_id !== null && g.location_id !== s.locationId) continue;
    if (!(JSON.parse(g.permissions) as string[]).includes('benefits')) continue;
    if (!out.has(g.email)) out.set(g.email, { email: g.email, first_name: g.first_name });
  }
  return [...out.values()];
}

/** A notice of a new application to each administrator of the location holding `benefits`. */
export async function queueAdminNotices(deps: Deps, trx: Tx, s: LocationKey, location: Location, b: BenefitRow, a: ApplicationRow, who: Applicant) {
  const admins = await benefitAdministrators(trx, s);
  if (admins.length === 0) return;
  const langs = await users.languagesByEmail(
    trx,
    admins.map((x) => x.email),
  );
  const brand = await brandOf(deps, trx, s, location);
  const name = `${who.first_name} ${who.last_name}`.trim();
  for (const admin of admins) {
    const lang = languageFor(langs.get(admin.email), undefined, location);
    const vars = { benefit: b.title, number: a.number, location_name: location.name, name, email: who.email, message: a.message };
    const paragraphs = [m(lang, 'newBody', vars)];
    if (a.message) paragraphs.push(m(lang, 'newMessage', vars));
    const mail = renderLayout(
      lang,
      {
        greeting: greeting(lang, admin.first_name),
        paragraphs,
        button: { label: m(lang, 'openApplications'), url: publicLink(deps, `/admin/l/${location.id}/benefits?tab=applications`) },
      },
      brand,
    );
    await queueMail(deps, trx, { organizationId: s.organizationId, to: admin.email, subject: m(lang, 'newSubject', vars), ...mail });
  }
}

/** The decision, with the administrator's note when there is one. */
export async function queueDecisionMail(deps: Deps, trx: Tx, s: LocationKey, location: Location, benefitTitle: string, a: ApplicationRow, who: Applicant) {
  const saved = (await users.languagesByEmail(trx, [who.email])).get(who.email);
  const lang = languageFor(saved, undefined, location);
  const vars = { benefit: benefitTitle, number: a.number, location_name: location.name, status: a.status, note: a.note };
  const paragraphs = [m(lang, 'decidedBody', vars)];
  if (a.note) paragraphs.push(m(lang, 'decidedNote', vars));
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, who.first_name), paragraphs, button: { label: m(lang, 'viewPerks'), url: publicLink(deps, '/perks') } },
    await brandOf(deps, trx, s, location),
  );
  await queueMail(deps, trx, { organizationId: s.organizationId, to: who.email, subject: m(lang, 'decidedSubject', vars), ...mail });
}
