// The emails of the invitation flow: the invitation (default or the location's own template),
// its reminder, and "you now have access" for accounts that are already activated.
import { renderLayout, type RenderedMail } from '../../lib/mail/layout.js';
import { renderTemplate, renderTrusted } from '../../lib/mail/liquid.js';

export const TEMPLATE_VARIABLES = ['first_name', 'last_name', 'location_name', 'organization_name', 'inviter_name', 'activation_url'] as const;
export type InvitationVars = Record<(typeof TEMPLATE_VARIABLES)[number], string>;

export const DEFAULT_SUBJECT = 'You are invited to {{ location_name }}';
export const DEFAULT_BODY = `Hi {{ first_name }},

{{ inviter_name }} invited you to become a member of {{ location_name }} ({{ organization_name }}).

Activate your account to book, pay and see what your space offers. The button works for 24 hours; after that we will send you a code to confirm your email.`;

export interface TemplateSource {
  invitation_subject: string | null;
  invitation_body: string | null;
}

/** Renders the location's template (or the default) into the base layout with the activation button. */
export async function renderInvitation(
  location: TemplateSource,
  vars: InvitationVars,
  kind: 'invitation' | 'reminder' = 'invitation',
  opts: { strict?: boolean } = {},
): Promise<RenderedMail & { subject: string }> {
  const subjectSrc = location.invitation_subject ?? DEFAULT_SUBJECT;
  const bodySrc = location.invitation_body ?? DEFAULT_BODY;
  let subject: string;
  let body: string;
  const byDefault = () => [renderTrusted(DEFAULT_SUBJECT, vars), renderTrusted(DEFAULT_BODY, vars)];
  if (location.invitation_subject === null && location.invitation_body === null && !opts.strict) {
    [subject, body] = byDefault();
  } else {
    try {
      // Strict (the editor's checks) judges the template afresh; at send time a template that went
      // over a limit before fails at once from memory, so each later invitation skips the cost.
      const o = { fresh: opts.strict === true };
      [subject, body] = await Promise.all([
        renderTemplate(subjectSrc, vars, { ...o, field: 'subject' }),
        renderTemplate(bodySrc, vars, { ...o, field: 'body' }),
      ]);
    } catch (err) {
      // A custom template that fails at send time must not stop the invitation (or every
      // reminder of the sweep): the default goes out instead. The editor's preview is strict.
      if (opts.strict) throw err;
      [subject, body] = byDefault();
    }
  }
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (kind === 'reminder') paragraphs.unshift(`A reminder: your invitation to ${vars.location_name} is waiting for you.`);
  const rendered = renderLayout(
    {
      paragraphs,
      button: { label: 'Activate my account', url: vars.activation_url },
      footer: 'If you did not expect this invitation, you can ignore this email.',
    },
    vars.organization_name || 'Atrium',
  );
  return { subject: (kind === 'reminder' ? `Reminder: ${subject}` : subject).replace(/\s+/g, ' ').trim().slice(0, 300), ...rendered };
}

export function accessGrantedMail(vars: { first_name: string; location_name: string; organization_name: string; inviter_name: string; portal_url: string }) {
  return {
    subject: `You now have access to ${vars.location_name}`,
    ...renderLayout(
      {
        greeting: `Hi ${vars.first_name},`,
        paragraphs: [
          `${vars.inviter_name} gave you member access to ${vars.location_name}. You now have access to ${vars.location_name} with the account you already use.`,
        ],
        button: { label: `Open ${vars.location_name}`, url: vars.portal_url },
      },
      vars.organization_name || 'Atrium',
    ),
  };
}
