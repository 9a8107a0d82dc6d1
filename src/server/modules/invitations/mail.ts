// The emails of the invitation flow: the invitation (default or the location's own template),
// its reminder, "you now have access" for accounts that are already activated, and the
// activation code; every word of Atrium's own in the person's language (messages.ts).
import { HOUR } from '../../lib/clock.js';
import { catalogue, type Language } from '../../lib/i18n.js';
import { greeting, type MailBrand, renderLayout, type RenderedMail } from '../../lib/mail/layout.js';
import { renderTemplate } from '../../lib/mail/liquid.js';
import { messages } from './messages.js';

export const m = catalogue('invitations', messages);

/** How long an activation link signs in at once; after it, a code confirms the email. */
export const LINK_WINDOW_MS = 24 * HOUR;

export const TEMPLATE_VARIABLES = ['first_name', 'last_name', 'location_name', 'organization_name', 'inviter_name', 'activation_url'] as const;
export type InvitationVars = Record<(typeof TEMPLATE_VARIABLES)[number], string>;

/** The default template rendered with these values (Liquid placeholders give its editable source). */
function renderDefault(lang: Language, vars: InvitationVars): [subject: string, body: string] {
  return [m(lang, 'defaultSubject', vars), m(lang, 'defaultBody', { ...vars, hours: LINK_WINDOW_MS / HOUR })];
}

/** The default template as Liquid source, for the template editor. */
export function defaultTemplate(lang: Language): { subject: string; body: string } {
  const placeholders = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, `{{ ${v} }}`])) as InvitationVars;
  const [subject, body] = renderDefault(lang, placeholders);
  return { subject, body };
}

export const DEFAULT_SUBJECT = defaultTemplate('en').subject;
export const DEFAULT_BODY = defaultTemplate('en').body;

/** Who invites, for a mail context with no inviting person (a sweep): "The team of North Hall". */
export function inviterName(lang: Language, ctx: { inviterName: string | null; location: { name: string } }): string {
  return ctx.inviterName ?? m(lang, 'teamOf', { location_name: ctx.location.name });
}

export interface TemplateSource {
  invitation_subject: string | null;
  invitation_body: string | null;
}

/**
 * Renders the location's template (or the default, in the person's language) into the base layout
 * with the activation button. An operator's own template is sent as written: it is their text.
 */
export async function renderInvitation(
  lang: Language,
  location: TemplateSource,
  vars: InvitationVars,
  kind: 'invitation' | 'reminder' = 'invitation',
  opts: { strict?: boolean; brand?: MailBrand } = {},
): Promise<RenderedMail & { subject: string }> {
  let subject: string;
  let body: string;
  if (location.invitation_subject === null && location.invitation_body === null && !opts.strict) {
    [subject, body] = renderDefault(lang, vars);
  } else {
    const fallback = defaultTemplate('en');
    try {
      // Strict (the editor's checks) judges the template afresh; at send time a template that went
      // over a limit before fails at once from memory, so each later invitation skips the cost.
      const o = { fresh: opts.strict === true };
      [subject, body] = await Promise.all([
        renderTemplate(location.invitation_subject ?? fallback.subject, vars, { ...o, field: 'subject' }),
        renderTemplate(location.invitation_body ?? fallback.body, vars, { ...o, field: 'body' }),
      ]);
    } catch (err) {
      // A custom template that fails at send time must not stop the invitation (or every
      // reminder of the sweep): the default goes out instead. The editor's preview is strict.
      if (opts.strict) throw err;
      [subject, body] = renderDefault(lang, vars);
    }
  }
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (kind === 'reminder') paragraphs.unshift(m(lang, 'reminderIntro', { location_name: vars.location_name }));
  const rendered = renderLayout(
    lang,
    {
      paragraphs,
      button: { label: m(lang, 'activateButton'), url: vars.activation_url },
      footer: m(lang, 'invitationFooter'),
    },
    opts.brand ?? (vars.organization_name || 'Atrium'),
  );
  if (kind === 'reminder') subject = m(lang, 'reminderSubject', { subject });
  return { subject: subject.replace(/\s+/g, ' ').trim().slice(0, 300), ...rendered };
}

export function accessGrantedMail(
  lang: Language,
  vars: { first_name: string; location_name: string; organization_name: string; inviter_name: string; portal_url: string },
  brand?: MailBrand,
) {
  return {
    subject: m(lang, 'accessGrantedSubject', vars),
    ...renderLayout(
      lang,
      {
        greeting: greeting(lang, vars.first_name),
        paragraphs: [m(lang, 'accessGrantedBody', vars)],
        button: { label: m(lang, 'openLocationButton', vars), url: vars.portal_url },
      },
      brand ?? (vars.organization_name || 'Atrium'),
    ),
  };
}
