// The language menu (English / Français): the person's choice, kept in this browser (and, signed in, saved to their
// account so that their emails follow it); nothing when the app offers one language.
import { CheckIcon, Group, Menu, UnstyledButton } from '@mantine/core';
import { chooseLanguage, currentLanguage, type Language, languageNames, offeredLanguages } from '../lib/i18n';
import { tUi } from './messages';

export function LanguageMenu({ onChoose }: { onChoose?: (language: Language) => void } = {}) {
  const offered = offeredLanguages();
  if (offered.length < 2) return null;
  const current = currentLanguage();
  return (
    // the list stays inside the header landmark rather than in a portal at the end of the page (axe: region)
    <Menu position="bottom-end" width={180} withinPortal={false}>
      <Menu.Target>
        <UnstyledButton
          aria-label={tUi('language.current', { language: languageNames[current], code: current.toUpperCase() })}
          data-testid="language-menu"
          h={44}
          px="sm"
          fw={600}
          size="sm"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          {current.toUpperCase()}
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {offered.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => {
              chooseLanguage(language);
              onChoose?.(language);
            }}
            aria-current={language === current ? 'true' : undefined}
          >
            <Group justify="space-between" wrap="nowrap">
              {languageNames[language]}
              {language === current && <CheckIcon size={12} />}
            </Group>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
