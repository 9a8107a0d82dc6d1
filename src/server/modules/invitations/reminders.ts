// Reminders (one, 3 days after the invitation, by the sweep) and "Resend invitation".
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { HOUR } from '../../lib/clock.js';
import type { Sweep } from '../../lib/sweeps.js';
import type { ActorScope } from '../../scope.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import type { CustomerRow } from '../customers/service.js';
import { prepareLink, prepareLinks, writeLinksInTx, type PreparedLink } from './grant.js';
import * as q from './queries.js';

import { RESENDS_PER_HOUR, REMINDER_AFTER_MS, REMINDERS_PER_SWEEP, mailContext } from './service.js';

/** "Resend invitation": a new link with its own window; older links keep theirs. */
export async function resend(deps: Deps, scope: ActorScope, customerId: string): Promise<void> {
  const c = await customers.findCustomer(deps.db, scope, customerId);
  if (!c) throw notFound('Customer not found');
  if (c.type !== 'member' || c.status !== 'invited') {
    throw new AppError(
      'conflict',
      c.status === 'active' ? 'This account is already activated: there is nothing to resend.' : 'Only invited members can be sent an invitation again.',
      undefined,
      c.status === 'active' ? 'already_activated' : 'not_invited',
    );
  }
  const since = new Date(deps.clock.now().getTime() - HOUR).toISOString();
  const tooMany = () => new AppError('too_many_requests', 'This invitation was sent several times in the last hour. Please wait before sending it again.');
  if ((await q.countRecentSends(deps.db, scope, customerId, since)) >= RESENDS_PER_HOUR) throw tooMany();
  const link = await prepareLink(deps, scope, await mailContext(deps.db, scope), { email: c.email, firstName: c.first_name, lastName: c.last_name }, 'resend');
  await deps.db.transaction().execute(async (trx) => {
    // counted again under a lock of the record: 20 resends at once still send at most the limit
    await customers.lockCustomer(trx, deps.dbKind, scope, customerId);
    if ((await q.countRecentSends(trx, scope, customerId, since)) >= RESENDS_PER_HOUR) throw tooMany();
    await writeLinksInTx(deps, trx, scope, [{ customerId, userId: c.user_id, link }], 'resend');
    await activities.record(trx, { ...scope, customerId, kind: 'invitation_resent' }, deps.clock.now());
  });
}

/**
 * Sweep: one reminder, 3 days after the invitation, for accounts still not activated. The
 * reminders are rendered before the sweep's transaction (`prepare`); the transaction claims each
 * one with a conditional update, so a reminder goes out once whatever the number of servers.
 */
export function reminderSweep(deps: Deps): Sweep<PreparedReminder[]> {
  return {
    name: 'invitation-reminders',
    async prepare(db: Tx, now: Date): Promise<PreparedReminder[]> {
      const due = await q.dueReminders(db, new Date(now.getTime() - REMINDER_AFTER_MS).toISOString(), REMINDERS_PER_SWEEP);
      // One mail context and one rendering batch per location and inviter: the inviter's name is in the email.
      const groups = new Map<string, { scope: ActorScope; rows: CustomerRow[] }>();
      for (const c of due) {
        const scope = { organizationId: c.organization_id, locationId: c.location_id, actorUserId: c.invited_by_user_id };
        const row = await customers.findCustomer(db, scope, c.id);
        if (!row) continue;
        const key = `${c.location_id} ${c.invited_by_user_id ?? ''}`;
        if (!groups.has(key)) groups.set(key, { scope, rows: [] });
        groups.get(key)!.rows.push(row);
      }
      const out: PreparedReminder[] = [];
      for (const { scope, rows } of groups.values()) {
        const people = rows.map((r) => ({ email: r.email, firstName: r.first_name, lastName: r.last_name }));
        const links = await prepareLinks(deps, scope, await mailContext(db, scope), people, 'reminder');
        for (const r of rows) out.push({ scope, customerId: r.id, userId: r.user_id, link: links.get(r.email)! });
      }
      return out;
    },
    async run(trx: Tx, now: Date, prepared: PreparedReminder[] = []): Promise<number> {
      let sent = 0;
      const invitedBefore = new Date(now.getTime() - REMINDER_AFTER_MS).toISOString();
      for (const r of prepared) {
        // still due, at the same account: otherwise someone was faster, or the record changed
        if (!(await q.claimReminder(trx, r.customerId, r.userId, invitedBefore, now))) continue;
        await writeLinksInTx(deps, trx, r.scope, [{ customerId: r.customerId, userId: r.userId, link: r.link }], 'reminder');
        await activities.record(trx, { ...r.scope, actorUserId: null, customerId: r.customerId, kind: 'reminder_sent' }, now);
        sent++;
      }
      return sent;
    },
  };
}

interface PreparedReminder {
  scope: ActorScope;
  customerId: string;
  userId: string;
  link: PreparedLink;
}
