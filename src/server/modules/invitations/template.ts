// The location's invitation template: read, check (parse, no file tags, a bounded trial render),
// save, preview and send a test.
import { type Deps, publicLink, queueMail } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { checkTemplate } from '../../lib/mail/liquid.js';
import type { MailBrand } from '../../lib/mail/layout.js';
import * as organizations from '../organizations/service.js';
import type { ActorScope } from '../../scope.js';
import * as locations from '../locations/service.js';
import * as users from '../users/service.js';
import { languageFor, type Language } from '../../lib/i18n.js';
import { TEMPLATE_VARIABLES, defaultTemplate, inviterName, m, renderInvitation, type InvitationVars } from './mail.js';

import { mailContext } from './service.js';

export async function getTemplate(deps: Deps, scope: ActorScope) {
  const l = await locations.findLocation(deps.db, scope.organizationId, scope.locationId);
  if (!l) throw notFound('Location not found');
  // the default in the location's language: what a new person is sent
  const fallback = defaultTemplate(l.language);
  return {
    custom: l.invitation_subject !== null,
    subject: l.invitation_subject ?? fallback.subject,
    body: l.invitation_body ?? fallback.body,
    variables: [...TEMPLATE_VARIABLES],
  };
}

// There are no template files: include/render/layout parse but fail at every send, so refuse them
// (also inside a {% liquid %} tag, where a condition could hide them from a trial render).
const FILE_TAG = /\{%-?\s*(include|render|layout)\b/;
const LIQUID_TAG = /\{%-?\s*liquid\b([\s\S]*?)-?%\}/g;

function fileTagLine(src: string): number | null {
  const direct = FILE_TAG.exec(src);
  if (direct) return src.slice(0, direct.index).split('\n').length;
  for (const m of src.matchAll(LIQUID_TAG)) {
    const inner = /^[ \t]*(include|render|layout)\b/m.exec(m[1]);
    if (inner) return src.slice(0, m.index + m[0].indexOf(m[1]) + inner.index).split('\n').length;
  }
  return null;
}

/**
 * A saved template must render for every invitation and reminder (a failing one would stop the
 * reminder sweep): it must parse, use no file tags, and render with sample values (returned).
 */
async function checkInvitationTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }) {
  checkTemplate(t.subject, t.body);
  for (const [path, src] of [
    ['subject', t.subject],
    ['body', t.body],
  ] as const) {
    const line = fileTagLine(src);
    if (line !== null) {
      const message = `Line ${line}: include, render and layout are not available in email templates`;
      throw new AppError('bad_request', `The template cannot be used. ${path}: ${message}`, [{ path, message }]);
    }
  }
  const { lang, vars, brand } = await sample(deps, scope);
  return renderInvitation(lang, { invitation_subject: t.subject, invitation_body: t.body }, vars, 'invitation', { strict: true, brand });
}

/** Sample values from the administrator, and their language for Atrium's words around the template. */
async function sample(deps: Deps, scope: ActorScope): Promise<{ lang: Language; vars: InvitationVars; brand: MailBrand }> {
  const ctx = await mailContext(deps.db, scope);
  const me = scope.actorUserId ? await users.findUserById(deps.db, scope.actorUserId) : undefined;
  const lang = languageFor(me?.language);
  return {
    lang,
    brand: organizations.mailBrand(deps, ctx.organization, ctx.location),
    vars: {
      first_name: me?.first_name ?? 'Alex',
      last_name: me?.last_name ?? 'Doe',
      location_name: ctx.location.name,
      organization_name: ctx.organizationName,
      inviter_name: inviterName(lang, ctx),
      activation_url: publicLink(deps, '/activate/example-token'),
    },
  };
}

/** Saves the location's template after checking it; null resets to the default. */
export async function saveTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string } | null) {
  if (t) await checkInvitationTemplate(deps, scope, t);
  await locations.setInvitationTemplate(deps, scope, t);
  return getTemplate(deps, scope);
}

/** The template rendered with sample values of the actor, without saving it. */
export async function previewTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }) {
  return checkInvitationTemplate(deps, scope, t);
}

/** "Send me a test": the rendered template to the administrator's own address. */
export async function sendTestTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }): Promise<string> {
  const mail = await previewTemplate(deps, scope, t);
  const me = await users.findUserById(deps.db, scope.actorUserId!);
  const subject = m(languageFor(me!.language), 'testSubject', { subject: mail.subject });
  await queueMail(deps, deps.db, { organizationId: scope.organizationId, to: me!.email, ...mail, subject });
  return me!.email;
}
