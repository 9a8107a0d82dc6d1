// TEMPORARY placeholder until the PDF branch is merged (not committed).
import PDFDocument from 'pdfkit';
import type { InvoiceDto } from './schema.js';
export interface PdfContext {
  language: 'en' | 'fr';
  locationName: string;
  organizationName: string;
  billingDetails: { legalName?: string; address?: string; taxId?: string; footer?: string };
  draft: boolean;
}
export async function renderInvoicePdf(invoice: InvoiceDto, _ctx: PdfContext): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.text(invoice.number ?? 'DRAFT');
  doc.end();
  await new Promise((r) => doc.on('end', r));
  return Buffer.concat(chunks);
}
