// Message catalogues for the emails: one i18next instance with ICU messages, each module adding
// its own `{ en, fr }` messages under its name; and the one rule for the language a person reads.
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { LANGUAGES, type Language } from './schema.js';

export { LANGUAGES, type Language };

const i18n = i18next.createInstance();
i18n.use(
  new ICU({
    // a broken message must fail loudly (in the tests), never send its raw source
    parseErrorHandler: (err: Error, key: string) => {
      throw new Error(`message ${key}: ${err.message}`);
    },
  }),
);
void i18n.init({
  initAsync: false,
  showSupportNotice: false,
  resources: {},
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

type Vars = Record<string, string | number>;

// Messages without values, once rendered: the same words go into every email of a batch (a
// button, a footer), and i18next's lookup costs more than the rest of such an email's layout.
const fixed = new Map<string, string>();

/** A message of a module's catalogue in a language, with its ICU values. */
export function t(lang: Language, key: string, vars?: Vars): string {
  const [ns, k] = key.split(':', 2);
  if (vars && Object.keys(vars).length > 0) return i18n.t(k, { ...vars, lng: lang, ns });
  const id = `${lang}:${key}`;
  let text = fixed.get(id);
  if (text === undefined) {
    text = i18n.t(k, { lng: lang, ns });
    // a key not registered yet answers itself: ask again next time
    if (text !== k) fixed.set(id, text);
  }
  return text;
}

/**
 * Adds a module's messages (French must have every English key) and returns its `t`, typed by
 * the English keys.
 */
export function catalogue<K extends string>(ns: string, messages: { en: Record<K, string>; fr: Record<K, string> }) {
  for (const lang of LANGUAGES) i18n.addResourceBundle(lang, ns, messages[lang], true, true);
  return (lang: Language, key: K, vars?: Vars): string => t(lang, `${ns}:${key}`, vars);
}

/** The best of Atrium's languages in an Accept-Language header (highest q first), or null. */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  let best: { lang: Language; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(LANGUAGES as readonly string[]).includes(primary) || !(q > 0)) continue;
    if (!best || q > best.q) best = { lang: primary as Language, q };
  }
  return best?.lang ?? null;
}

/**
 * The language of a person's emails: the one they saved, else the browser's of the request that
 * causes the email (when the person made it), else the location's (the email is about it), else English.
 */
export function languageFor(saved: string | null | undefined, acceptLanguage?: string, location?: { language: Language }): Language {
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  return fromAcceptLanguage(acceptLanguage) ?? location?.language ?? 'en';
}
