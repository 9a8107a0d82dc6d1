// i18next with ICU messages for the web apps: which language a person reads, and a typed translator per message catalogue.
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];
/** Each language named in itself, as the language menu shows it. */
export const languageNames: Record<Language, string> = { en: 'English', fr: 'Français' };

/** A module's messages: ICU MessageFormat strings by key, English complete and every other language with the same keys. */
export type Catalogue<Key extends string = string> = Record<Language, Record<Key, string>>;
export type Values = Record<string, string | number>;

const storageKey = 'atrium.language';
let offered: readonly Language[] = languages;

const i18n = i18next.createInstance();
// Synchronous init with no resources: catalogues add themselves when their module loads, and keys may contain dots.
void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    lng: 'en',
    fallbackLng: 'en',
    resources: {},
    initAsync: false,
    showSupportNotice: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });

function isOffered(value: string | null | undefined): value is Language {
  return offered.includes(value as Language);
}

function savedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(storageKey);
    return isOffered(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

function browserLanguage(): Language | undefined {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isOffered(base)) return base;
  }
  return undefined;
}

/** The browser's first language that Atrium has at all (even one this app does not offer), else English: a default for settings. */
export function browserPreferredLanguage(): Language {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if ((languages as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

function apply(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Picks the language once per page: the person's saved choice, else the browser's, else English. An app may offer fewer. */
export function startLanguage(available: readonly Language[] = languages): Language {
  offered = available;
  const language = savedLanguage() ?? browserLanguage() ?? 'en';
  apply(language);
  return language;
}

/** The language saved to the person's account, taken when this browser has no choice of its own. */
export function adoptAccountLanguage(language: string | null | undefined): void {
  if (savedLanguage() === undefined && isOffered(language) && language !== i18n.language) apply(language);
}

/** The person's choice from the language menu, kept in this browser. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private modes may refuse storage: the choice then lasts until the page reloads.
  }
  apply(language);
}

export function currentLanguage(): Language {
  return isOffered(i18n.language) ? i18n.language : 'en';
}

export function offeredLanguages(): readonly Language[] {
  return offered;
}

type Translate = (key: string, options: Record<string, unknown>) => string;

/** A translator of one catalogue: `t('key', { name })`, with the keys checked against its English messages. */
export type Translator<Key extends string> = (key: Key, values?: Values) => string;

function register<Key extends string>(namespace: string, catalogue: Partial<Record<Language, Record<Key, string>>>): Translator<Key> {
  for (const [language, messages] of Object.entries(catalogue)) i18n.addResourceBundle(language, namespace, messages, true, true);
  const translate = i18n.t.bind(i18n) as unknown as Translate;
  return (key, values) => translate(key, { ...values, ns: namespace });
}

/** Registers a catalogue under a namespace and returns its translator; keys are checked against the English messages. */
export function defineMessages<const English extends Record<string, string>>(
  namespace: string,
  catalogue: { en: English } & Omit<Catalogue<keyof English & string>, 'en'>,
): Translator<keyof English & string> {
  return register(namespace, catalogue);
}

/**
 * The same for an app that offers English only (the admin: `mountApp({ languages: ['en'] })`): its catalogues are
 * `{ en }` alone. A separate function rather than an optional `fr` in `defineMessages`, so that a portal or kiosk
 * catalogue missing a language still fails to compile; nothing is lost meanwhile, since i18next falls back to English
 * (`fallbackLng`). Translating the admin later is adding `fr` and switching to `defineMessages`.
 */
export function defineEnglishMessages<const English extends Record<string, string>>(
  namespace: string,
  catalogue: { en: English },
): Translator<keyof English & string> {
  return register(namespace, catalogue);
}

export { i18n };
