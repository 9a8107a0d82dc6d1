// What every service receives: the database, the clock, the configuration, mail and a logger.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DbKind } from './db/database.js';
import type { Database } from './db/schema.js';
import type { Clock } from './lib/clock.js';
import type { RenderedMail } from './lib/mail/layout.js';
import { enqueueMail } from './lib/mail/outbox.js';
import type { MailTransport } from './lib/mail/transports.js';

export interface Deps {
  db: Kysely<Database>;
  dbKind: DbKind;
  clock: Clock;
  config: Config;
  mail: MailTransport;
  log: Logger;
}

export type Tx = Kysely<Database>;

/** Queues one email inside `trx`, the transaction of the change that causes it. */
export function queueMail(
  deps: Deps,
  trx: Tx,
  m: RenderedMail & { to: string; subject: string; organizationId: string | null; calendar?: string },
): Promise<string> {
  return enqueueMail(trx, deps.clock.now(), deps.config.publicUrl, m);
}

/** A link into the product, built only from the configured public URL. */
export function publicLink(deps: Deps, pathname: string): string {
  return `${deps.config.publicUrl}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
}
