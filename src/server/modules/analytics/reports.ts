// The CSV reports (design 11.1 Reports): each owning module reads its rows a keyset page at a time, and
// each page becomes CSV lines as the reply takes them, so memory holds a page whatever the size. A BOM
// and the header row go first; times are UTC instants ending in Z; money in major units beside a currency
// column; every cell through lib/csv.ts (formula cells neutralised). Column names and coded values (statuses,
// types...) are the words the admin pages show, in the requester's language (report-labels.ts).
import type { Deps, Tx } from '../../deps.js';
import { notFound } from '../../errors.js';
import { type CsvCell, csvLines, majorUnits, UTF8_BOM } from '../../lib/csv.js';
import { type DateRange, dateRange } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';
import * as bookings from '../bookings/reports.js';
import * as companies from '../companies/reports.js';
import * as companyRecords from '../companies/service.js';
import * as customers from '../customers/reports.js';
import * as customerRecords from '../customers/service.js';
import * as invoices from '../invoices/reports.js';
import * as ledger from '../ledger/reports.js';
import * as subscriptions from '../subscriptions/reports.js';
import type { Language } from '../../lib/i18n.js';
import { type ReportColumn, reportLabels } from './report-labels.js';
import type { ReportName, ReportQuery } from './schema.js';
import { REPORTS } from './schema.js';
import { locationOf } from './service.js';

/** An instant as UTC ISO ending in Z (how both databases hand it back may differ in form). */
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : '');

interface Owned {
  customer_id: string | null;
  company_id: string | null;
}

const OWNER_COLUMNS: ReportColumn[] = ['customerId', 'companyId', 'owner', 'email'];

/** The owner columns of a page's rows: the person's shown name and email, or the company's. */
async function ownersOf(db: Tx, s: LocationKey, rows: Owned[]): Promise<(r: Owned) => CsvCell[]> {
  const customerIds = rows.flatMap((r) => (r.customer_id ? [r.customer_id] : []));
  const companyIds = rows.flatMap((r) => (r.company_id && !r.customer_id ? [r.company_id] : []));
  const [people, firms] = await Promise.all([
    customerIds.length ? customerRecords.findCustomers(db, s, customerIds) : [],
    companyIds.length ? companyRecords.findCompanies(db, s, companyIds) : [],
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const firm = new Map(firms.map((c) => [c.id, c]));
  return (r) => {
    if (r.customer_id) {
      const p = person.get(r.customer_id);
      return [r.customer_id, r.company_id, p ? `${p.first_name} ${p.last_name}`.trim() : '', p?.email];
    }
    const c = r.company_id ? firm.get(r.company_id) : undefined;
    return [null, r.company_id, c?.name, c?.email];
  };
}

type Labels = ReturnType<typeof reportLabels>;

interface Report<T> {
  header: ReportColumn[];
  pages(db: Tx, s: LocationKey, r: DateRange): AsyncGenerator<T[]>;
  rows(db: Tx, s: LocationKey, page: T[], currency: string, label: Labels): Promise<CsvCell[][]>;
}

const report = <T>(r: Report<T>) => r as Report<unknown>;

const DEFINITIONS: Record<ReportName, Report<unknown>> = {
  users: report<customers.CreatedRow>({
    header: [
      'id',
      'firstName',
      'lastName',
      'email',
      'phone',
      'type',
      'status',
      'source',
      'company',
      'companyManager',
      'activated',
      'createdAt',
      'removedAt',
      'lastActiveAt',
    ],
    pages: customers.createdPages,
    rows: async (_db, _s, page, _currency, label) => {
      const { customer } = label;
      return page.map((r) => [
        r.id,
        r.first_name,
        r.last_name,
        r.email,
        r.phone,
        customer.type(r.type),
        customer.status(r.status),
        customer.source(r.source),
        r.company_name,
        customer.yesNo(Boolean(r.company_manager)),
        customer.yesNo(Boolean(r.activated_at)),
        iso(r.created_at),
        iso(r.removed_at),
        iso(r.last_active_at),
      ]);
    },
  }),
  companies: report<companies.CreatedCompanyRow>({
    header: ['id', 'name', 'email', 'phone', 'address', 'taxId', 'people', 'createdAt', 'deletedAt'],
    pages: companies.createdPages,
    rows: async (_db, _s, page) =>
      page.map((r) => [r.id, r.name, r.email, r.phone, r.address, r.tax_id, Number(r.people ?? 0), iso(r.created_at), iso(r.deleted_at)]),
  }),
  subscriptions: report<subscriptions.StartingRow>({
    header: [
      'id',
      'plan',
      ...OWNER_COLUMNS,
      'status',
      'quantity',
      'price',
      'setupFee',
      'currency',
      'cycle',
      'startDate',
      'endDate',
      'canceledAt',
      'source',
      'createdAt',
    ],
    pages: subscriptions.startingPages,
    rows: async (db, s, page, _currency, label) => {
      const owner = await ownersOf(db, s, page);
      return page.map((r) => [
        r.id,
        r.name,
        ...owner(r),
        label.value('subscription', r.status),
        r.quantity,
        majorUnits(r.price, r.currency),
        majorUnits(r.setup_fee, r.currency),
        r.currency,
        label.value('cycle', r.cycle),
        r.start_date,
        r.end_date,
        iso(r.canceled_at),
        label.value('subscriptionSource', r.source),
        iso(r.created_at),
      ]);
    },
  }),
  invoices: report<invoices.IssuedRow>({
    header: [
      'id',
      'number',
      'status',
      ...OWNER_COLUMNS,
      'issueDate',
      'dueDate',
      'subtotal',
      'tax',
      'total',
      'paid',
      'credited',
      'currency',
      'paidAt',
      'voidedAt',
    ],
    pages: invoices.issuedPages,
    rows: async (db, s, page, _currency, label) => {
      const owner = await ownersOf(db, s, page);
      return page.map((r) => [
        r.id,
        r.number,
        label.value('invoice', r.status),
        ...owner(r),
        r.issue_date,
        r.due_date,
        majorUnits(r.subtotal, r.currency),
        majorUnits(r.tax_total, r.currency),
        majorUnits(r.total, r.currency),
        majorUnits(r.amount_paid, r.currency),
        majorUnits(r.amount_credited, r.currency),
        r.currency,
        iso(r.paid_at),
        iso(r.voided_at),
      ]);
    },
  }),
  ledger: report<ledger.LedgerReportRow>({
    header: ['id', 'createdAt', ...OWNER_COLUMNS, 'unit', 'kind', 'amount', 'balanceAfter', 'expiresAt', 'memo', 'source'],
    pages: ledger.transactionPages,
    rows: async (db, s, page, _currency, label) => {
      const owner = await ownersOf(db, s, page);
      return page.map((r) => [
        r.id,
        iso(r.created_at),
        ...owner(r),
        label.value('unit', r.unit),
        label.value('kind', r.kind),
        r.amount,
        r.balance_after,
        iso(r.expires_at),
        r.memo,
        r.source_type,
      ]);
    },
  }),
  bookings: report<bookings.BookingReportRow>({
    header: [
      'id',
      'resource',
      'resourceType',
      ...OWNER_COLUMNS,
      'title',
      'startsAt',
      'endsAt',
      'minutes',
      'seats',
      'status',
      'paymentMethod',
      'price',
      'currency',
      'credits',
      'dayPasses',
      'createdAt',
      'canceledAt',
    ],
    pages: bookings.startingPages,
    rows: async (db, s, page, currency, label) => {
      const owner = await ownersOf(db, s, page);
      return page.map((r) => [
        r.id,
        r.resource_name,
        label.value('resourceType', r.resource_type),
        ...owner(r),
        r.title,
        iso(r.starts_at),
        iso(r.ends_at),
        r.end_minute - r.start_minute,
        r.seats,
        label.value('booking', r.status),
        label.value('method', r.payment_method),
        majorUnits(r.price, currency),
        currency,
        r.credits,
        r.day_passes,
        iso(r.created_at),
        iso(r.canceled_at),
      ]);
    },
  }),
};

export const isReport = (name: string): name is ReportName => (REPORTS as readonly string[]).includes(name);

/**
 * Checks what can fail before the first byte (an unknown report is a 404, the location must be this
 * organization's), then answers the file's lines as the reply asks for them. Stopping the iteration
 * (a client that went away) stops the reading at the next page.
 */
export async function openReport(
  deps: Deps,
  s: LocationKey,
  name: string,
  q: ReportQuery,
  lang: Language = 'en',
): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  if (!isReport(name)) throw notFound('No such report');
  const location = await locationOf(deps, s);
  const range = dateRange(q.from, q.to, location.time_zone);
  const def = DEFINITIONS[name];
  async function* lines(): AsyncGenerator<string> {
    const label = reportLabels(lang);
    yield UTF8_BOM + csvLines([def.header.map(label.column)]);
    for await (const page of def.pages(deps.db, s, range)) yield csvLines(await def.rows(deps.db, s, page, location.currency, label));
  }
  return { fileName: `${name}-${q.from}-to-${q.to}.csv`, lines: lines() };
}
