// Every message of the web apps' catalogues is valid ICU MessageFormat in every language it has: a stray brace (Liquid's
// "{{ first_name }}" written unquoted, say) would otherwise show up only when a person opens that screen.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, Record<string, string>>;

const modules = import.meta.glob<Record<string, unknown>>(['./**/messages.ts', './lib/error-messages.ts'], { eager: true });

const isCatalogue = (value: unknown): value is Catalogue =>
  typeof value === 'object' && value !== null && 'en' in value && Object.values(value).every((messages) => typeof messages === 'object' && messages !== null);

const catalogues = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Catalogue] => isCatalogue(entry[1]))
    .map(([name, catalogue]) => ({ where: `${file} ${name}`, catalogue })),
);

describe('message catalogues', () => {
  it('are found: the admin, the portal, the kiosk, the shared widgets and the error messages', () => {
    const files = new Set(catalogues.map(({ where }) => where.split(' ')[0]));
    for (const expected of ['./admin/messages.ts', './portal/messages.ts', './reception/messages.ts', './ui/messages.ts', './lib/error-messages.ts']) {
      expect(files).toContain(expected);
    }
  });

  it('hold valid ICU messages in every language', () => {
    const invalid: string[] = [];
    for (const { where, catalogue } of catalogues) {
      for (const [language, messages] of Object.entries(catalogue)) {
        for (const [key, message] of Object.entries(messages)) {
          try {
            new IntlMessageFormat(message, language);
          } catch (error) {
            invalid.push(`${where} ${language} ${key}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(invalid).toEqual([]);
  });
});
