// The one base layout for every email, in HTML and in plain text.
import { catalogue, type Language } from '../i18n.js';
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

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderLayout(lang: Language, c: MailContent, brand = 'Atrium'): RenderedMail {
  const paras = [c.greeting, ...c.paragraphs].filter((p): p is string => Boolean(p));
  const htmlParas = paras.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`).join('\n');
  const button = c.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.button.url)}" style="background:#228be6;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${escapeHtml(c.button.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(m(lang, 'orOpenLink'))} <a href="${escapeHtml(c.button.url)}">${escapeHtml(c.button.url)}</a></p>`
    : '';
  const footer = c.footer ? `<p style="margin:24px 0 0;font-size:12px;color:#777">${escapeHtml(c.footer)}</p>` : '';
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1a1b1e">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<p style="margin:0 0 24px;font-weight:700;font-size:18px">${escapeHtml(brand)}</p>
${htmlParas}
${button}
${footer}
</div></body></html>`;
  const textParts = [...paras];
  if (c.button) textParts.push(m(lang, 'buttonInText', { label: c.button.label, url: c.button.url }));
  if (c.footer) textParts.push(c.footer);
  return { html, text: `${textParts.join('\n\n')}\n\n-- \n${brand}\n` };
}
