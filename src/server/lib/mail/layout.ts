// The one base layout for every email, in HTML and in plain text.
import { catalogue, type Language } from '../i18n.js';
import { DEFAULT_ACCENT, readableAccent } from '../schema.js';
import { messages } from './messages.js';

const m = catalogue('mail', messages);

/** "Hi Ana,": the greeting line, for MailContent.greeting. */
export function greeting(lang: Language, name: string): string {
  return m(lang, 'greeting', { name });
}

export interface MailContent {
  /** first line: "Hi Ana," */
  greeting?: string;
  paragraphs: string[];
  button?: { label: string; url: string };
  /** small print under the button */
  footer?: string;
}

export interface RenderedMail {
  html: string;
  text: string;
}

/** Whose email it is: the operator's name, logo (an absolute URL), accent colour and support address. */
export interface MailBrand {
  name: string;
  logoUrl?: string | null;
  /** #rrggbb; darkened for the button and links when white text on it would not reach 4.5:1 */
  accentColor?: string | null;
  supportEmail?: string | null;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderLayout(lang: Language, c: MailContent, brandOrName: MailBrand | string = 'Atrium'): RenderedMail {
  const brand: MailBrand = typeof brandOrName === 'string' ? { name: brandOrName } : brandOrName;
  const name = brand.name || 'Atrium';
  const accent = readableAccent(brand.accentColor ?? DEFAULT_ACCENT);
  const paras = [c.greeting, ...c.paragraphs].filter((p): p is string => Boolean(p));
  const htmlParas = paras.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`).join('\n');
  const button = c.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.button.url)}" style="background:${accent};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${escapeHtml(c.button.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(m(lang, 'orOpenLink'))} <a href="${escapeHtml(c.button.url)}" style="color:${accent}">${escapeHtml(c.button.url)}</a></p>`
    : '';
  const footer = c.footer ? `<p style="margin:24px 0 0;font-size:12px;color:#666">${escapeHtml(c.footer)}</p>` : '';
  const support = brand.supportEmail
    ? `<p style="margin:24px 0 0;font-size:12px;color:#666">${escapeHtml(m(lang, 'support', { email: '\u0000' })).replace(
        '\u0000',
        `<a href="mailto:${escapeHtml(brand.supportEmail)}" style="color:${accent}">${escapeHtml(brand.supportEmail)}</a>`,
      )}</p>`
    : '';
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(name)}" height="40" style="display:block;height:40px;max-width:240px;width:auto;border:0;margin:0 0 8px">`
    : '';
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1a1b1e">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px;border-top:4px solid ${accent}">
${logo}<p style="margin:0 0 24px;font-weight:700;font-size:18px">${escapeHtml(name)}</p>
${htmlParas}
${button}
${footer}
${support}
</div></body></html>`;
  const textParts = [...paras];
  if (c.button) textParts.push(m(lang, 'buttonInText', { label: c.button.label, url: c.button.url }));
  if (c.footer) textParts.push(c.footer);
  const signature = brand.supportEmail ? `${name}\n${m(lang, 'support', { email: brand.supportEmail })}` : name;
  return { html, text: `${textParts.join('\n\n')}\n\n-- \n${signature}\n` };
}
