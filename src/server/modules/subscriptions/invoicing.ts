// Where a subscription meets its invoices. Billing II (invoices, payments) drafts and issues an
// invoice per (subscription, period) here; until then a period is granted but not invoiced, and
// the answers carry `invoice: null` as the API allows for "a sweep drafts it later".
import type { Deps, Tx } from '../../deps.js';
import type { Period, PeriodAmounts } from './periods.js';
import type { SubscriptionRow } from './queries.js';

/** The invoice of one period (the first with the setup fee); null while there is no invoicing. */
export async function invoicePeriodInTx(_deps: Deps, _trx: Tx, _sub: SubscriptionRow, _period: Period, _amounts: PeriodAmounts): Promise<null> {
  return null;
}

/** Draft invoices of periods that will not be served (a cancel, an earlier end date); the count deleted. */
export async function deleteDraftsInTx(_deps: Deps, _trx: Tx, _sub: SubscriptionRow, _afterDate: string | null): Promise<number> {
  return 0;
}

/** How many drafts a cancel or end date would delete (the offboarding preview). */
export async function countDrafts(_deps: Deps, _sub: SubscriptionRow, _afterDate: string | null): Promise<number> {
  return 0;
}
