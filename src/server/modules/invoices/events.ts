// What the invoices module announces, for the modules whose purchases an invoice pays (bookings,
// tickets, orders): they confirm or release their purchase without this module knowing them.
import type { Deps } from '../../deps.js';
import { channel } from '../../lib/events.js';
import type { InvoiceRow } from './queries.js';

/** An invoice became paid (by a payment or a credit note), in the transaction that paid it. */
export const invoicePaid = channel<{ invoice: InvoiceRow; deps: Deps }>();
