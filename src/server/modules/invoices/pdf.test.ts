// The invoice PDF read back as text: what it prints, in which language, over how many pages.
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, t } from '../../lib/i18n.js';
import { formatLocalDate } from '../../lib/local-date.js';
import { formatMoney } from '../../lib/money.js';
import { amountDue, invoiceTotals, lineValues } from './amounts.js';
import { type PdfContext, renderInvoicePdf } from './pdf.js';
import { messages } from './pdf-messages.js';
import type { InvoiceDto, InvoiceLine } from './schema.js';

type LineSpec = { description: string; quantity?: number; unitPrice: number; taxRateBps?: number };

function makeInvoice(specs: LineSpec[], over: Partial<InvoiceDto> = {}): InvoiceDto {
  const pricesIncludeTax = over.pricesIncludeTax ?? false;
  const lines: InvoiceLine[] = specs.map((s, i) => {
    const l = { quantity: s.quantity ?? 1, unitPrice: s.unitPrice, taxRateBps: s.taxRateBps ?? 2000 };
    return {
      id: `line-${i}`,
      description: s.description,
      ...l,
      ...lineValues(l, pricesIncludeTax),
      subscriptionId: null,
      periodStart: null,
      periodEnd: null,
      source: 'manual',
    };
  });
  const totals = invoiceTotals(lines);
  const amountPaid = over.amountPaid ?? 0;
  const amountCredited = over.amountCredited ?? 0;
  return {
    id: '0b6f3c1e-2f1a-4c55-9d0e-6a1f4b2c8d90',
    locationId: '5d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
    number: 'INV-2026-0042',
    status: 'issued',
    customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    companyId: null,
    billTo: {
      name: 'Zoë Lefèvre',
      companyName: 'Société Générale',
      address: '12 rue de l’Église\n75004 Paris',
      taxId: 'FR40303265045',
      email: 'zoe@example.com',
    },
    currency: 'EUR',
    pricesIncludeTax,
    issueDate: '2026-03-10',
    dueDate: '2026-03-24',
    lines,
    ...totals,
    amountPaid,
    amountCredited,
    amountDue: amountDue({ total: totals.total, amount_paid: amountPaid, amount_credited: amountCredited }),
    overdue: false,
    payments: [],
    creditNotes: [],
    issuedAt: '2026-03-10T09:30:00.000Z',
    paidAt: null,
    voidedAt: null,
    createdAt: '2026-03-09T16:00:00.000Z',
    ...over,
  };
}

const ctx = (over: Partial<PdfContext> = {}): PdfContext => ({
  language: 'en',
  locationName: 'North Hall',
  organizationName: 'Atrium Coworking',
  billingDetails: {
    legalName: 'Atrium Coworking SAS',
    address: '1 place du Marché\n69002 Lyon',
    taxId: 'FR12345678901',
    footer: 'IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP',
  },
  draft: false,
  ...over,
});

const fiveLines: LineSpec[] = [
  { description: 'Hot desk, March 2026', unitPrice: 25000 },
  { description: 'Meeting room “Orangerie”, 4 hours', quantity: 4, unitPrice: 3500 },
  { description: 'Café et thé à volonté', unitPrice: 1500, taxRateBps: 550 },
  { description: 'Printing (black and white)', quantity: 120, unitPrice: 10 },
  { description: 'Loyalty discount', unitPrice: -2000 },
];

/** Text with every run of white space (no-break ones too) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function read(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text: pages } = await extractText(doc, { mergePages: false });
  const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
  return { totalPages, pages, text: pages.join('\n'), title: info.Title };
}

describe('invoice PDF', () => {
  it('prints the number, the payer with accents, the total in euros, in embedded DejaVu Sans', async () => {
    const inv = makeInvoice(fiveLines);
    const pdf = await renderInvoicePdf(inv, ctx());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, title, totalPages } = await read(pdf);
    expect(totalPages).toBe(1);
    expect(title).toBe('INV-2026-0042');
    expect(text).toContain('INV-2026-0042');
    expect(text).toContain('Zoë Lefèvre');
    expect(text).toContain('Société Générale');
    expect(text).toContain('Atrium Coworking SAS');
    expect(text).toContain('FR12345678901');
    expect(text).toContain('IBAN FR76');
    expect(text).toContain('Café et thé à volonté');
    expect(text).toContain(formatMoney(inv.total, 'EUR', 'en'));
    expect(text).toContain(formatMoney(inv.amountDue, 'EUR', 'en'));
    expect(text).toContain('€');
    expect(text).toContain(formatLocalDate('2026-03-10', 'en'));
    expect(text).toContain(formatLocalDate('2026-03-24', 'en'));
    expect(text).not.toContain('DRAFT');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it('keeps text searchable when documents share the parsed fonts: a letter first drawn inside an accented one', async () => {
    // in DejaVu Sans Bold, Ŵ is drawn from W and a circumflex; the payer's name is in bold
    const first = makeInvoice(fiveLines, { billTo: { name: 'ŴŶ Ŵ', companyName: null, address: null, taxId: null, email: null } });
    expect((await read(await renderInvoicePdf(first, ctx()))).text).toContain('ŴŶ Ŵ');
    const second = makeInvoice(fiveLines, { billTo: { name: 'WYW YWY', companyName: null, address: null, taxId: null, email: null } });
    expect((await read(await renderInvoicePdf(second, ctx()))).text).toContain('WYW YWY');
  });

  it('is the same bytes for the same invoice', async () => {
    const inv = makeInvoice(fiveLines);
    const [a, b] = await Promise.all([renderInvoicePdf(inv, ctx()), renderInvoicePdf(inv, ctx())]);
    expect(a.equals(b)).toBe(true);
  });

  it('prints pounds for a GBP invoice, and Cyrillic', async () => {
    const inv = makeInvoice([{ description: 'Desk, April', unitPrice: 19999 }], {
      currency: 'GBP',
      billTo: { name: 'Анна Смирнова', companyName: null, address: null, taxId: null, email: null },
    });
    const { text } = await read(await renderInvoicePdf(inv, ctx()));
    expect(text).toContain('£');
    expect(text).toContain(formatMoney(inv.total, 'GBP', 'en'));
    expect(text).toContain('Анна Смирнова');
    expect(text).not.toContain('€');
  });

  it('writes a French invoice in French', async () => {
    const inv = makeInvoice([...fiveLines, { description: 'Bureau privé, mars', unitPrice: 150000 }]);
    const { text } = await read(await renderInvoicePdf(inv, ctx({ language: 'fr' })));
    expect(text).toContain('Facture');
    expect(text).toContain('FACTURÉ À');
    expect(text).toContain('Reste à payer');
    expect(text).toContain('10 mars 2026');
    expect(formatLocalDate('2026-03-10', 'fr')).toBe('10 mars 2026');
    // "2 274,23 €": narrow no-break space between thousands, no-break space before the sign (read back as spaces)
    const total = formatMoney(inv.total, 'EUR', 'fr');
    expect(total).toBe('2\u202f274,23\u00a0€');
    expect(flat(text)).toContain(flat(total));
    expect(flat(text)).toContain('Taux Base HT Taxe 5,5 % 15,00 € 0,83 € 20 % 1 882,00 € 376,40 €');
    expect(text).not.toContain('Amount due');
  });

  it('marks a draft DRAFT (BROUILLON in French), without a number', async () => {
    const inv = makeInvoice(fiveLines, { number: null, status: 'draft', issueDate: null, dueDate: null, issuedAt: null });
    const en = await read(await renderInvoicePdf(inv, ctx({ draft: true })));
    expect(en.text).toContain('DRAFT');
    expect(en.title).toBe('Draft');
    const fr = await read(await renderInvoicePdf(inv, ctx({ draft: true, language: 'fr' })));
    expect(fr.text).toContain('BROUILLON');
    expect(fr.title).toBe('Brouillon');
  });

  it('says VOID on a void invoice', async () => {
    const inv = makeInvoice(fiveLines, { status: 'void', voidedAt: '2026-03-12T10:00:00.000Z' });
    expect((await read(await renderInvoicePdf(inv, ctx()))).text).toContain('VOID');
    expect((await read(await renderInvoicePdf(inv, ctx({ language: 'fr' })))).text).toContain('ANNULÉE');
  });

  it('flows 120 lines onto further pages with the header repeated, every line printed, DRAFT on every page', async () => {
    const specs = Array.from({ length: 120 }, (_, i) => ({ description: `Day pass ${String(i + 1).padStart(3, '0')}`, unitPrice: 1500 + i }));
    const inv = makeInvoice(specs, { number: null, status: 'draft', issueDate: null, dueDate: null, issuedAt: null });
    const { totalPages, pages, text } = await read(await renderInvoicePdf(inv, ctx({ draft: true })));
    expect(totalPages).toBeGreaterThan(1);
    for (const s of specs) expect(text).toContain(s.description);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Unit price');
      expect(page).toContain('DRAFT');
      expect(page).toContain(`Page ${i + 1} of ${totalPages}`);
      expect(page).toContain('IBAN FR76');
    }
    expect(pages[1]).toContain('Invoice Draft (continued)');
    expect(pages.at(-1)).toContain(formatMoney(inv.total, 'EUR', 'en'));
  });

  it('wraps a long description', async () => {
    const long = `${'Coworking membership with access to every floor, the library and the roof terrace, '.repeat(3)}end.`.slice(0, 300);
    const { text, totalPages } = await read(await renderInvoicePdf(makeInvoice([{ description: long, unitPrice: 30000 }]), ctx()));
    expect(totalPages).toBe(1);
    expect(flat(text)).toContain(flat(long).slice(0, 60));
    expect(flat(text)).toContain('end.');
  });

  it('sums the tax per rate from the lines, never recomputing it', async () => {
    // three lines of 3.33 at 20 %: 0.67 tax each, 2.01 in all (2.00 if computed on the 9.99 sum)
    const inv = makeInvoice([
      { description: 'Locker A', unitPrice: 333, taxRateBps: 2000 },
      { description: 'Locker B', unitPrice: 333, taxRateBps: 2000 },
      { description: 'Locker C', unitPrice: 333, taxRateBps: 2000 },
      { description: 'Snacks', unitPrice: 1999, taxRateBps: 550 },
      { description: 'Drinks', unitPrice: 1001, taxRateBps: 550 },
    ]);
    expect(inv.lines.map((l) => l.tax)).toEqual([67, 67, 67, 110, 55]);
    const { text } = await read(await renderInvoicePdf(inv, ctx()));
    expect(flat(text)).toContain('Tax by rate');
    expect(flat(text)).toMatch(/5\.5% €30\.00 €1\.65/);
    expect(flat(text)).toMatch(/20% €9\.99 €2\.01/);
    expect(flat(text)).not.toContain('€2.00');
    expect(flat(text)).toContain(formatMoney(inv.taxTotal, 'EUR', 'en'));
    expect(inv.taxTotal).toBe(366);
  });

  it('lists payments and credit notes under the totals', async () => {
    const base = makeInvoice(fiveLines);
    const inv = makeInvoice(fiveLines, {
      amountPaid: 10000,
      amountCredited: 2500,
      payments: [{ id: 'p1', amount: 10000, method: 'bank_transfer', receivedOn: '2026-03-15', reference: 'VIR-8841', createdAt: '2026-03-15T10:00:00.000Z' }],
      creditNotes: [
        {
          id: 'c1',
          number: 'CN-2026-0003',
          invoiceId: base.id,
          amount: 2500,
          taxAmount: 417,
          reason: 'Room unavailable',
          refund: null,
          createdAt: '2026-03-16T10:00:00.000Z',
        },
      ],
    });
    const { text } = await read(await renderInvoicePdf(inv, ctx()));
    expect(flat(text)).toContain('Payments');
    expect(flat(text)).toContain(`${formatLocalDate('2026-03-15', 'en')} · Bank transfer · ref. VIR-8841`);
    expect(flat(text)).toContain('CN-2026-0003 · Room unavailable');
    expect(flat(text)).toContain(formatMoney(inv.amountDue, 'EUR', 'en'));
    expect(inv.amountDue).toBe(base.total - 12500);
  });

  it('has every message in every language, and each one renders', () => {
    const vars = { number: 'INV-1', tax_id: 'FR1', amount: '€1.00', due_date: '1 May', method: 'cash', reference: 'R1', page: 1, count: 2 };
    expect(Object.keys(messages.fr).sort()).toEqual(Object.keys(messages.en).sort());
    for (const lang of LANGUAGES) {
      for (const key of Object.keys(messages.en)) {
        const text = t(lang, `invoicePdf:${key}`, vars);
        expect(text, `${lang} ${key}`).not.toMatch(/[{}]|invoicePdf/);
        expect(text.length).toBeGreaterThan(0);
      }
    }
  });
});
