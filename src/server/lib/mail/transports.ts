// Mail transports: the built-in mailbox (messages stay in the outbox table) and SMTP through a nodemailer pool.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** an iCalendar file (a booking, a ticket) attached as invite.ics */
  calendar?: string | null;
}

export interface MailTransport {
  readonly name: 'mailbox' | 'smtp';
  /** the mailbox keeps bodies so that links can be clicked; SMTP drops them once delivered */
  readonly keepsBodies: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export const mailboxTransport = (): MailTransport => ({
  name: 'mailbox',
  keepsBodies: true,
  async send() {
    // Delivery is the outbox row itself turning "sent": the mailbox page lists those rows.
  },
  async close() {},
});

export function smtpTransport(url: string): MailTransport {
  const u = new URL(url);
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
    secure: u.protocol === 'smtps:',
    ignoreTLS: u.searchParams.get('tls') === 'off',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'smtp',
    keepsBodies: false,
    async send(m) {
      await transporter.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        ...(m.calendar ? { attachments: [{ filename: 'invite.ics', content: m.calendar, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] } : {}),
      });
    },
    async close() {
      transporter.close();
    },
  };
}

export function transportFor(smtpUrl: string | undefined): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : mailboxTransport();
}
