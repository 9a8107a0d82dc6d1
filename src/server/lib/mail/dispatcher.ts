// Sends due outbox rows: claims them (SKIP LOCKED on PostgreSQL), retries with backoff, and
// marks a message failed after a capped number of attempts, where it stays visible.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { DbKind } from '../../db/database.js';
import type { Database, OutboxTable } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { MailTransport } from './transports.js';

export const MAX_ATTEMPTS = 8;
/** how long a claimed row belongs to one dispatcher before another may take it over */
const CLAIM_MS = 2 * 60_000;
const BATCH = 20;

export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface DispatcherDeps {
  db: Kysely<Database>;
  dbKind: DbKind;
  clock: Clock;
  transport: MailTransport;
  from: string;
  log: Logger;
}

export interface DispatchResult {
  sent: number;
  failed: number;
}

async function claim(d: DispatcherDeps, now: Date): Promise<Selectable<OutboxTable>[]> {
  const t = now.toISOString();
  const until = new Date(now.getTime() + CLAIM_MS).toISOString();
  const lock = d.dbKind === 'postgres' ? sql`for update skip locked` : sql``;
  const res = await sql<Selectable<OutboxTable>>`
    update outbox set status = 'sending', claimed_until = ${until}, attempts = attempts + 1
    where id in (
      select id from outbox
      where (status = 'pending' and next_attempt_at <= ${t}) or (status = 'sending' and claimed_until <= ${t})
      order by priority, next_attempt_at, created_at
      limit ${BATCH}
      ${lock}
    )
    returning *`.execute(d.db);
  // RETURNING gives no order: send in queue order, so a newer code never arrives before an older one
  return res.rows.sort((a, b) => a.priority - b.priority || a.next_attempt_at.localeCompare(b.next_attempt_at) || a.created_at.localeCompare(b.created_at));
}

/**
 * Sends every due message once; returns how many were sent and failed in this pass. `shouldStop`,
 * asked between messages (a graceful stop), ends the pass and hands the claimed rows not yet sent
 * back to the queue, so the next server sends them at once rather than after the claim.
 */
export async function dispatchDue(d: DispatcherDeps, opts: { shouldStop?: () => boolean } = {}): Promise<DispatchResult> {
  const result = { sent: 0, failed: 0 };
  for (;;) {
    if (opts.shouldStop?.()) return result;
    const now = d.clock.now();
    const rows = await claim(d, now);
    if (rows.length === 0) return result;
    for (const [i, row] of rows.entries()) {
      if (opts.shouldStop?.()) {
        const unsent = rows.slice(i).map((r) => r.id);
        await d.db
          .updateTable('outbox')
          .set((eb) => ({ status: 'pending', claimed_until: null, attempts: eb('attempts', '-', 1) }))
          .where('id', 'in', unsent)
          .where('status', '=', 'sending')
          .execute();
        return result;
      }
      try {
        await d.transport.send({
          from: d.from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body ?? '',
          html: row.html_body ?? '',
          messageId: row.message_id,
          calendar: row.calendar,
        });
        await d.db
          .updateTable('outbox')
          .set({
            status: 'sent',
            sent_at: d.clock.now().toISOString(),
            claimed_until: null,
            last_error: null,
            ...(d.transport.keepsBodies ? {} : { text_body: null, html_body: null, calendar: null }),
          })
          .where('id', '=', row.id)
          .execute();
        result.sent++;
      } catch (err) {
        const failed = row.attempts >= MAX_ATTEMPTS;
        const message = err instanceof Error ? err.message : String(err);
        d.log.warn({ messageId: row.message_id, attempts: row.attempts, err: message }, failed ? 'mail failed for good' : 'mail send failed, will retry');
        await d.db
          .updateTable('outbox')
          .set({
            status: failed ? 'failed' : 'pending',
            claimed_until: null,
            last_error: message.slice(0, 500),
            next_attempt_at: new Date(d.clock.now().getTime() + backoffMs(row.attempts)).toISOString(),
            // A message that will never go out keeps its metadata, not its live links.
            ...(failed && !d.transport.keepsBodies ? { text_body: null, html_body: null, calendar: null } : {}),
          })
          .where('id', '=', row.id)
          .execute();
        if (failed) result.failed++;
      }
    }
  }
}

/** Runs dispatchDue about every `intervalMs` until stopped. */
export function startDispatcher(d: DispatcherDeps, intervalMs = 1000): { stop(): Promise<void>; kick(): void } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = dispatchDue(d, { shouldStop: () => stopped })
      .catch((err) => d.log.error({ err }, 'mail dispatcher pass failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    kick() {
      if (timer) clearTimeout(timer);
      tick();
    },
    /** Resolves once the message being sent (if any) is done; the rest of the pass goes back to the queue. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
