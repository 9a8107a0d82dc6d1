// The email to the owner when Atrium turns an endpoint off, queued in the transaction that does it.
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';

const m = catalogue('webhooks', messages);

export async function queueDisabledMail(deps: Deps, trx: Tx, organizationId: string, url: string, reason: 'gone' | 'failing'): Promise<void> {
  const org = await organizations.findOrganization(trx, organizationId);
  if (!org) return;
  const owner = await users.findUserById(trx, org.owner_user_id);
  if (!owner) return;
  // an email about the organization, tied to no location: the owner's language, else the organization's default
  const lang = languageFor(owner.language, undefined, org);
  const vars = { url };
  const mail = renderLayout(
    lang,
    {
      greeting: greeting(lang, owner.first_name),
      paragraphs: [m(lang, reason === 'gone' ? 'disabledGone' : 'disabledFailing', vars), m(lang, 'disabledNext')],
      button: { label: m(lang, 'openWebhooks'), url: publicLink(deps, '/admin') },
    },
    organizations.mailBrand(deps, org),
  );
  await queueMail(deps, trx, { organizationId, to: owner.email, subject: m(lang, 'disabledSubject', vars), ...mail });
}
