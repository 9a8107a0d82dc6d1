// The invoice as a PDF (design 8.1), drawn with pdfkit on A4 in DejaVu Sans, embedded (accents,
// Cyrillic, € and £ print; the 14 standard PDF fonts are never used): the seller, the payer, the
// number and dates, the lines (their header repeated on every page they flow onto), the tax per
// rate (sums of line values), the totals and what is due, payments and credit notes, and the
// operator's footer on every page. A draft carries a DRAFT mark on every page, a void invoice VOID.
// Every word comes from pdf-messages.ts, in the reader's language; money from formatMoney.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { catalogue, type Language } from '../../lib/i18n.js';
import { formatLocalDate } from '../../lib/local-date.js';
import { formatMoney } from '../../lib/money.js';
import { taxByRate } from './amounts.js';
import { messages } from './pdf-messages.js';
import type { InvoiceDto } from './schema.js';

const m = catalogue('invoicePdf', messages);

export interface PdfContext {
  language: Language;
  locationName: string;
  organizationName: string;
  billingDetails: { legalName?: string; address?: string; taxId?: string; footer?: string };
  draft: boolean;
}

// ---------------------------------------------------------------------------------------------
// Fonts: read from the dejavu-fonts-ttf package and parsed once per process; each document embeds
// the subset it uses. Parsing a TrueType font costs more than drawing a whole invoice, so the
// documents share the parsed fonts: pdfkit 0.20 accepts fontkit `Font` objects in `registerFont`,
// and the fontkit that parses them is pdfkit's own (resolved from pdfkit, not a dependency of
// Atrium). Drawing a document is synchronous, so no two documents use a font at the same moment.
//
// One catch: fontkit keeps one glyph object per glyph id for the font's lifetime, with the
// characters it was first met for, and pdfkit writes those characters into the PDF's text map
// (copy, search, extraction). A glyph first met as a part of another (the W of Ŵ, when a
// document's subset is written) would be stored with none, and every later document would print
// that letter unreadable to a machine. So each glyph of the character map is met first through its
// character, once, when the font is loaded.

interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(codePoint: number): unknown;
}

interface Fonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

let parsedFonts: Promise<Fonts> | undefined;

function loadFonts(): Promise<Fonts> {
  parsedFonts ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Buffer): FontkitFont };
    const files = await Promise.all([readFile(join(dir, 'DejaVuSans.ttf')), readFile(join(dir, 'DejaVuSans-Bold.ttf'))]);
    const [regular, bold] = files.map((data) => {
      const font = fontkit.create(data);
      for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
      return font;
    });
    return { regular, bold };
  })().catch((err: unknown) => {
    // a failed read is tried again by the next document
    parsedFonts = undefined;
    throw err;
  });
  return parsedFonts;
}

/** A fontkit font where pdfkit's types expect a file name or bytes (pdfkit 0.20 takes both). */
const fontSource = (font: FontkitFont) => font as unknown as PDFKit.Mixins.PDFFontSource;

// ---------------------------------------------------------------------------------------------
// The page: A4 in points, one margin, the band at the bottom for the footer and page number.

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 50;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const RIGHT = MARGIN + CONTENT_W;
/** the top of the last line of every page: the number and "Page 1 of 2" */
const PAGE_LINE_Y = PAGE_H - 36;
/** a footer taller than this is printed once after the totals instead of on every page */
const MAX_PAGE_FOOTER = 120;

const INK = '#1f2328';
const MUTED = '#646c76';
const RULE = '#d8dde3';
const SHADE = '#f1f3f5';
const DARK = '#1f2937';
const RED = '#c62828';
const GREEN = '#2e7d32';

type FontName = 'regular' | 'bold';

interface Style {
  size: number;
  font?: FontName;
  color?: string;
}

/** The document and where the next block goes, with the page breaks it needs. */
class Writer {
  y = MARGIN;
  /** drawn at the top of every page after the first, and again after it (the table's header) */
  private continuation: Array<() => void> = [];

  constructor(
    readonly doc: PDFKit.PDFDocument,
    /** the lowest point content may reach */
    readonly bottom: number,
    private readonly continuedTitle: string,
  ) {}

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
    this.line(this.continuedTitle, MARGIN, this.y, { size: 8, color: MUTED });
    this.y += 20;
    for (const draw of this.continuation) draw();
  }

  /** While `fn` runs, a page break draws `header` again at the top of the new page. */
  withRepeated(header: () => void, fn: () => void): void {
    this.continuation.push(header);
    try {
      fn();
    } finally {
      this.continuation.pop();
    }
  }

  style(s: Style): this {
    this.doc
      .font(s.font ?? 'regular')
      .fontSize(s.size)
      .fillColor(s.color ?? INK);
    return this;
  }

  width(text: string, s: Style): number {
    return this.style(s).doc.widthOfString(text);
  }

  /** One line, never wrapped, its top-left at (x, y). */
  line(text: string, x: number, y: number, s: Style): void {
    this.style(s).doc.text(text, x, y, { lineBreak: false });
  }

  /** One line whose right edge is at `right`. */
  lineRight(text: string, right: number, y: number, s: Style): void {
    this.line(text, right - this.width(text, s), y, s);
  }

  /** The height a wrapped block takes (at most `maxHeight`). */
  measure(text: string, width: number, s: Style, maxHeight = Number.POSITIVE_INFINITY): number {
    return Math.min(maxHeight, this.style(s).doc.heightOfString(text, { width, lineGap: 1 }));
  }

  /** Wrapped text in a column; cut with an ellipsis past `maxHeight`; answers its height. */
  block(text: string, x: number, y: number, width: number, s: Style, maxHeight?: number, align: 'left' | 'center' = 'left'): number {
    const height = this.measure(text, width, s, maxHeight);
    this.style(s).doc.text(text, x, y, { width, lineGap: 1, align, ...(maxHeight ? { height: maxHeight, ellipsis: true } : {}) });
    return height;
  }

  rule(x1: number, x2: number, y: number, color = RULE, width = 0.6): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  shade(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.save().rect(x, y, w, h).fill(color).restore();
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers in the reader's language.

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, kind: 'quantity' | 'percent'): Intl.NumberFormat {
  const key = `${language}:${kind}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language, kind === 'percent' ? { style: 'percent', maximumFractionDigits: 2 } : {});
    numberFormats.set(key, f);
  }
  return f;
}

const rateText = (bps: number, language: Language) => numberFormat(language, 'percent').format(bps / 10_000);

// ---------------------------------------------------------------------------------------------

/** The invoice as an A4 PDF in the reader's language. */
export async function renderInvoicePdf(invoice: InvoiceDto, ctx: PdfContext): Promise<Buffer> {
  const fonts = await loadFonts();
  const lang = ctx.language;
  const money = (amount: number) => formatMoney(amount, invoice.currency, lang);
  const date = (d: string) => formatLocalDate(d, lang);
  const number = invoice.number ?? m(lang, 'draftNumber');
  const seller = ctx.billingDetails.legalName?.trim() || ctx.organizationName;

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    bufferPages: true,
    lang,
    displayTitle: true,
    info: {
      Title: number,
      Author: seller,
      Subject: `${m(lang, 'title')} ${number}`,
      Creator: 'Atrium',
      // the same invoice gives the same bytes: the document id is derived from this information
      CreationDate: new Date(invoice.issuedAt ?? invoice.createdAt),
    },
  });
  doc.registerFont('regular', fontSource(fonts.regular));
  doc.registerFont('bold', fontSource(fonts.bold));
  doc.font('regular');

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // The footer goes at the bottom of every page when it is short; the content stops above it.
  const footer = ctx.billingDetails.footer?.trim() ?? '';
  const probe = new Writer(doc, PAGE_H, '');
  const footerStyle: Style = { size: 7.5, color: MUTED };
  const footerHeight = footer ? probe.measure(footer, CONTENT_W, footerStyle) : 0;
  const footerOnPages = footer !== '' && footerHeight <= MAX_PAGE_FOOTER;
  const footerTop = PAGE_LINE_Y - 8 - footerHeight;
  const bottom = (footerOnPages ? footerTop - 8 : PAGE_LINE_Y) - 14;

  // pdfkit's own page breaks (none are expected) keep clear of the footer too
  doc.page.margins.bottom = PAGE_H - bottom;
  doc.options.margins = { top: MARGIN, left: MARGIN, right: MARGIN, bottom: PAGE_H - bottom };
  const w = new Writer(doc, bottom, m(lang, 'continued', { number }));
  header(w, invoice, ctx, { number, seller, date });
  lineTable(w, invoice, lang, money);
  totals(w, invoice, lang, money);
  afterTotals(w, invoice, lang, money, date);
  if (footer && !footerOnPages) {
    w.y += 10;
    const s = footerStyle;
    for (const paragraph of footer.split(/\n/)) {
      const h = w.measure(paragraph || ' ', CONTENT_W, s);
      w.ensure(h);
      w.block(paragraph || ' ', MARGIN, w.y, CONTENT_W, s);
      w.y += h;
    }
  }

  // What every page carries, drawn once the number of pages is known.
  const mark = ctx.draft ? m(lang, 'draftMark') : invoice.status === 'void' ? m(lang, 'voidMark') : null;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // the band below the bottom margin is drawn on purpose: no page break there
    doc.page.margins.bottom = 0;
    if (footerOnPages) {
      w.rule(MARGIN, RIGHT, footerTop - 6);
      w.block(footer, MARGIN, footerTop, CONTENT_W, footerStyle, undefined, 'center');
    }
    w.line(number, MARGIN, PAGE_LINE_Y, { size: 7.5, color: MUTED });
    w.lineRight(m(lang, 'page', { page: i + 1, count: range.count }), RIGHT, PAGE_LINE_Y, { size: 7.5, color: MUTED });
    if (mark) watermark(w, mark, ctx.draft ? '#8a94a0' : RED);
  }
  doc.end();
  return done;
}

/** A large diagonal word across the page, light enough to read the invoice through. */
function watermark(w: Writer, text: string, color: string): void {
  const doc = w.doc;
  const size = Math.min(120, (PAGE_W * 0.95) / w.width(text, { size: 1, font: 'bold' }));
  const width = w.width(text, { size, font: 'bold' });
  const cx = PAGE_W / 2;
  const cy = PAGE_H / 2;
  doc.save();
  doc.rotate(-40, { origin: [cx, cy] });
  doc.fillOpacity(0.13);
  w.line(text, cx - width / 2, cy - size * 0.6, { size, font: 'bold', color });
  doc.restore();
}

// ---------------------------------------------------------------------------------------------

/** The seller on the left, the title, number and dates on the right, then the payer. */
function header(w: Writer, invoice: InvoiceDto, ctx: PdfContext, t: { number: string; seller: string; date: (d: string) => string }): void {
  const lang = ctx.language;
  const top = MARGIN;
  const leftW = 270;

  // Seller
  let y = top;
  y += w.block(t.seller, MARGIN, y, leftW, { size: 13, font: 'bold' }, 40) + 2;
  if (ctx.locationName && ctx.locationName !== t.seller) {
    y += w.block(ctx.locationName, MARGIN, y, leftW, { size: 9, color: MUTED }, 24);
  }
  const address = ctx.billingDetails.address?.trim();
  if (address) y += w.block(address, MARGIN, y + 4, leftW, { size: 9 }, 90) + 4;
  const taxId = ctx.billingDetails.taxId?.trim();
  if (taxId) y += w.block(m(lang, 'taxId', { tax_id: taxId }), MARGIN, y + 2, leftW, { size: 9, color: MUTED }, 24) + 2;
  const leftBottom = y;

  // Title, number, dates, status
  const boxX = RIGHT - 200;
  let ry = top - 2;
  w.lineRight(m(lang, 'title'), RIGHT, ry, { size: 22, font: 'bold', color: DARK });
  ry += 30;
  w.lineRight(t.number, RIGHT, ry, { size: 11, font: 'bold' });
  ry += 20;
  const dates: Array<[string, string]> = [];
  if (invoice.issueDate) dates.push([m(lang, 'issueDate'), t.date(invoice.issueDate)]);
  if (invoice.dueDate) dates.push([m(lang, 'dueDate'), t.date(invoice.dueDate)]);
  for (const [label, value] of dates) {
    w.line(label, boxX, ry, { size: 9, color: MUTED });
    w.lineRight(value, RIGHT, ry, { size: 9 });
    ry += 14;
  }
  const status =
    invoice.status === 'void' ? { text: m(lang, 'voidMark'), color: RED } : invoice.status === 'paid' ? { text: m(lang, 'paidMark'), color: GREEN } : null;
  if (status) {
    ry += 4;
    const s: Style = { size: 9, font: 'bold', color: status.color };
    const width = w.width(status.text, s) + 14;
    w.doc
      .save()
      .roundedRect(RIGHT - width, ry - 3, width, 16, 3)
      .lineWidth(1)
      .strokeColor(status.color)
      .stroke()
      .restore();
    w.lineRight(status.text, RIGHT - 7, ry + 0.5, s);
    ry += 18;
  }

  y = Math.max(leftBottom, ry) + 22;

  // Payer
  const b = invoice.billTo;
  w.line(m(lang, 'billTo').toLocaleUpperCase(lang), MARGIN, y, { size: 7.5, font: 'bold', color: MUTED });
  y += 13;
  y += w.block(b.name, MARGIN, y, leftW, { size: 10.5, font: 'bold' }, 30) + 2;
  const payerLines: string[] = [];
  if (b.companyName && b.companyName !== b.name) payerLines.push(b.companyName);
  if (b.address?.trim()) payerLines.push(b.address.trim());
  if (b.taxId?.trim()) payerLines.push(m(lang, 'taxId', { tax_id: b.taxId.trim() }));
  if (b.email) payerLines.push(b.email);
  for (const text of payerLines) y += w.block(text, MARGIN, y, leftW, { size: 9 }, 90) + 1;

  if (invoice.status === 'void') {
    y += 10;
    y += w.block(m(lang, 'voidNotice'), MARGIN, y, CONTENT_W, { size: 9.5, font: 'bold', color: RED }, 30);
  }
  w.y = y + 24;
}

// ---------------------------------------------------------------------------------------------

interface Column {
  header: string;
  width: number;
  /** the left edge */
  x: number;
}

/** The lines: description (wrapped), quantity, unit price, tax rate, net, tax, total. */
function lineTable(w: Writer, invoice: InvoiceDto, lang: Language, money: (n: number) => string): void {
  const pad = 6;
  const gap = 14;
  const inner = CONTENT_W - 2 * pad;
  const headers = ['colDescription', 'colQuantity', 'colUnitPrice', 'colRate', 'colNet', 'colTax', 'colTotal'] as const;
  const rows = invoice.lines.map((l) => [
    l.description,
    numberFormat(lang, 'quantity').format(l.quantity),
    money(l.unitPrice),
    rateText(l.taxRateBps, lang),
    money(l.net),
    money(l.tax),
    money(l.total),
  ]);

  // The numbers take the width they need; the description the rest (smaller type for huge sums).
  let size = 8.5;
  let columns: Column[] = [];
  for (;;) {
    const widths = headers.map((h, i) => (i === 0 ? 0 : Math.max(w.width(m(lang, h), { size, font: 'bold' }), ...rows.map((r) => w.width(r[i], { size })))));
    const descWidth = inner - widths.reduce((a, b) => a + b, 0) - gap * (headers.length - 1);
    let x = MARGIN + pad;
    columns = headers.map((h, i) => {
      const c = { header: m(lang, h), width: i === 0 ? descWidth : widths[i], x };
      x += c.width + gap;
      return c;
    });
    if (descWidth >= 150 || size <= 6) break;
    size -= 0.5;
  }
  const cell: Style = { size };
  const headerHeight = size + 12;
  const lineHeight = w.style(cell).doc.currentLineHeight();

  const drawHeader = () => {
    w.shade(MARGIN, w.y, CONTENT_W, headerHeight, SHADE);
    const s: Style = { size, font: 'bold', color: MUTED };
    for (const [i, c] of columns.entries()) {
      if (i === 0) w.line(c.header, c.x, w.y + 6, s);
      else w.lineRight(c.header, c.x + c.width, w.y + 6, s);
    }
    w.y += headerHeight;
  };

  w.ensure(headerHeight + lineHeight + 10);
  drawHeader();
  w.withRepeated(drawHeader, () => {
    for (const row of rows) {
      const descHeight = Math.max(lineHeight, w.measure(row[0], columns[0].width, cell));
      const height = descHeight + 10;
      w.ensure(height);
      w.block(row[0], columns[0].x, w.y + 5, columns[0].width, cell);
      for (let i = 1; i < columns.length; i++) w.lineRight(row[i], columns[i].x + columns[i].width, w.y + 5, cell);
      w.y += height;
      w.rule(MARGIN, RIGHT, w.y);
    }
  });
  w.y += 16;
}

// ---------------------------------------------------------------------------------------------

/** The tax per rate on the left, the totals and the amount due on the right. */
function totals(w: Writer, invoice: InvoiceDto, lang: Language, money: (n: number) => string): void {
  const rates = taxByRate(invoice.lines);
  const rowH = 15;
  const summaryHeight = rates.length > 0 ? 18 + rowH * (rates.length + 1) : 0;
  const totalsHeight = rowH * 5 + 8 + 26;
  w.ensure(Math.max(summaryHeight, totalsHeight));
  const top = w.y;

  // Tax by rate
  if (rates.length > 0) {
    const x = MARGIN;
    const taxRight = x + 230;
    const taxWidth = Math.max(w.width(m(lang, 'summaryTax'), { size: 8, font: 'bold' }), ...rates.map((r) => w.width(money(r.tax), { size: 8.5 })));
    const netRight = Math.min(x + 150, taxRight - taxWidth - 14);
    let y = top;
    w.line(m(lang, 'taxSummary'), x, y, { size: 9, font: 'bold' });
    y += 18;
    const head: Style = { size: 8, font: 'bold', color: MUTED };
    w.line(m(lang, 'summaryRate'), x, y, head);
    w.lineRight(m(lang, 'summaryNet'), netRight, y, head);
    w.lineRight(m(lang, 'summaryTax'), taxRight, y, head);
    y += rowH - 3;
    w.rule(x, taxRight, y);
    y += 3;
    for (const r of rates) {
      const s: Style = { size: 8.5 };
      w.line(rateText(r.taxRateBps, lang), x, y + 1, s);
      w.lineRight(money(r.net), netRight, y + 1, s);
      w.lineRight(money(r.tax), taxRight, y + 1, s);
      y += rowH;
    }
  }

  // Totals
  const width = 230;
  const x = RIGHT - width;
  let y = top;
  const row = (label: string, value: string, s: Style) => {
    w.line(label, x, y, { ...s, color: s.font === 'bold' ? INK : MUTED });
    w.lineRight(value, RIGHT, y, s);
    y += rowH;
  };
  row(m(lang, 'subtotal'), money(invoice.subtotal), { size: 9 });
  row(m(lang, 'taxTotal'), money(invoice.taxTotal), { size: 9 });
  w.rule(x, RIGHT, y - 2);
  y += 3;
  row(m(lang, 'total'), money(invoice.total), { size: 10, font: 'bold' });
  row(m(lang, 'paid'), money(invoice.amountPaid), { size: 9 });
  row(m(lang, 'credited'), money(invoice.amountCredited), { size: 9 });
  y += 5;
  w.shade(x - 8, y - 6, width + 8, 26, DARK);
  const due: Style = { size: 10.5, font: 'bold', color: '#ffffff' };
  w.line(m(lang, 'amountDue'), x, y, due);
  w.lineRight(money(invoice.amountDue), RIGHT - 6, y, due);
  y += 20;

  w.y = Math.max(top + summaryHeight, y) + 18;
}

/** A note on tax, the request to pay, the payments and the credit notes. */
function afterTotals(w: Writer, invoice: InvoiceDto, lang: Language, money: (n: number) => string, date: (d: string) => string): void {
  const note: Style = { size: 8.5, color: MUTED };
  const notes: string[] = [];
  if (invoice.pricesIncludeTax) notes.push(m(lang, 'pricesIncludeTax'));
  if (invoice.status === 'issued' && invoice.amountDue > 0 && invoice.dueDate) {
    notes.push(m(lang, 'payBy', { amount: money(invoice.amountDue), due_date: date(invoice.dueDate) }));
  }
  for (const text of notes) {
    const h = w.measure(text, CONTENT_W, note);
    w.ensure(h);
    w.block(text, MARGIN, w.y, CONTENT_W, note);
    w.y += h + 3;
  }
  if (notes.length > 0) w.y += 10;

  const list = (title: string, items: Array<{ text: string; amount: string }>) => {
    if (items.length === 0) return;
    const s: Style = { size: 8.5 };
    const textWidth = CONTENT_W - 130;
    const first = w.measure(items[0].text, textWidth, s);
    w.ensure(16 + first);
    w.line(title, MARGIN, w.y, { size: 9, font: 'bold' });
    w.y += 15;
    for (const item of items) {
      const h = w.measure(item.text, textWidth, s, 60);
      w.ensure(h);
      w.block(item.text, MARGIN, w.y, textWidth, s, 60);
      w.lineRight(item.amount, RIGHT, w.y, s);
      w.y += h + 4;
    }
    w.y += 10;
  };
  list(
    m(lang, 'payments'),
    invoice.payments.map((p) => ({
      text: [date(p.receivedOn), m(lang, 'method', { method: p.method }), p.reference ? m(lang, 'paymentReference', { reference: p.reference }) : null]
        .filter((part) => part !== null)
        .join(' · '),
      amount: money(p.amount),
    })),
  );
  list(
    m(lang, 'creditNotes'),
    invoice.creditNotes.map((c) => ({ text: `${c.number} · ${c.reason}`, amount: money(c.amount) })),
  );
}
