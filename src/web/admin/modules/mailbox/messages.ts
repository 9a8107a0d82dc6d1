// Messages of the built-in mailbox page (/admin/mailbox).
import { defineEnglishMessages } from '../../../lib/i18n';

export const mailboxMessages = {
  en: {
    title: 'Mailbox',
    help: 'Email Atrium sent while no SMTP server is configured. Links in these messages work.',
    refresh: 'Refresh',
    messages: 'Messages',
    empty: 'No email sent yet.',
    off: 'The mailbox is off: Atrium sends email through SMTP.',
    signInNeeded: 'On this server the mailbox is open only to owners, since it holds sign-in codes. Sign in as an owner to read it.',
    ownersOnly: 'On this server only an owner of every organization here can read the mailbox, since it holds sign-in codes.',
    to: 'To: {to}',
    sent: 'Sent: {time}',
    /** The delivery state, as the server names it ("sent", "failed"...). */
    status: 'Status: {status}',
    htmlTitle: 'Email: {subject}',
    plainText: 'Plain text',
    noText: 'This message has no plain-text part.',
    select: 'Choose a message to read it.',
  },
};

export const t = defineEnglishMessages('admin.mailbox', mailboxMessages);
