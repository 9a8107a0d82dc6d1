// The host's email when a visitor checks in at the kiosk, queued in the visit's transaction.
import { type Deps, queueMail, type Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import { formatInstant } from '../../lib/local-date.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import type { LocationKey } from '../../scope.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';

const m = catalogue('reception', messages);

export async function queueVisitorMail(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  location: Location,
  host: { email: string; first_name: string },
  visitor: { firstName: string; lastName: string; email: string | null; at: Date },
) {
  const saved = (await users.languagesByEmail(trx, [host.email])).get(host.email);
  const lang = languageFor(saved, undefined, location);
  const vars = {
    visitor: `${visitor.firstName} ${visitor.lastName}`.trim(),
    location_name: location.name,
    time: formatInstant(visitor.at, location.time_zone, lang, 'time'),
    email: visitor.email ?? '',
  };
  const paragraphs = [m(lang, 'visitorBody', vars)];
  if (visitor.email) paragraphs.push(m(lang, 'visitorEmail', vars));
  const brand = await organizations.mailBrandFor(deps, trx, s.organizationId, location);
  const mail = renderLayout(lang, { greeting: greeting(lang, host.first_name), paragraphs }, brand);
  await queueMail(deps, trx, { organizationId: s.organizationId, to: host.email, subject: m(lang, 'visitorSubject', vars), ...mail });
}
