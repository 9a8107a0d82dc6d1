// SQL for online payment: the checkouts made with providers and the provider events already applied.
import type { Insertable, Selectable } from 'kysely';
import type { CheckoutTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';

export type CheckoutRow = Selectable<CheckoutTable>;

export async function insertCheckout(db: Tx, row: Insertable<CheckoutTable>): Promise<void> {
  await db.insertInto('checkouts').values(row).execute();
}

export async function updateCheckout(db: Tx, id: string, set: Partial<CheckoutRow>): Promise<void> {
  await db.updateTable('checkouts').set(set).where('id', '=', id).execute();
}

export function findCheckout(db: Tx, id: string): Promise<CheckoutRow | undefined> {
  return db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records that a provider event was applied; false when it already was (each event applies once). */
export async function claimEvent(db: Tx, provider: string, eventId: string, type: string, invoiceId: string | null, now: string): Promise<boolean> {
  const r = await db
    .insertInto('payment_events')
    .values({ provider, event_id: eventId, type, invoice_id: invoiceId, received_at: now })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
