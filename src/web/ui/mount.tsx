// Starts one web app: Mantine (with its styles), notifications, TanStack Query and React Router under the app's base path.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, MantineProvider, mergeThemeOverrides, type CSSVariablesResolver } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { Fragment, StrictMode, type ReactNode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { type Language, startLanguage } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';
import { accentShades, useAccent } from './brand';

// Darker shades than Mantine's defaults so button, error and dimmed text pass WCAG AA contrast.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  cursorType: 'pointer',
});

/** The theme with the operator's accent colour as the primary colour, when the frame on screen has one. */
function BrandedMantine({ children }: { children: ReactNode }) {
  const accent = useAccent();
  const branded = useMemo(
    () => (accent ? mergeThemeOverrides(theme, createTheme({ primaryColor: 'brand', colors: { brand: accentShades(accent) } })) : theme),
    [accent],
  );
  return (
    <MantineProvider theme={branded} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/**
 * Notifications at the bottom right on wide screens (at the top they would cover the header and its account menu); on
 * a phone at the top, where they cover no button for long, rather than over the portal's bottom navigation.
 */
function PlacedNotifications() {
  // the portal's bottom navigation shows below this width (PortalShell)
  const phone = useMediaQuery('(max-width: 47.99em)');
  return <Notifications position={phone ? 'top-center' : 'bottom-right'} />;
}

/** Renders the app again from its root when the language changes (messages are read at render time), and retitles the page. */
function LanguageRoot({ title, children }: { title: (language: string) => string; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  useEffect(() => {
    document.title = title(language);
  }, [language, title]);
  return <Fragment key={i18n.language}>{children}</Fragment>;
}

export function mountApp({
  basename,
  title,
  app,
  languages,
}: {
  basename: string;
  /** The page title, read once the language is known. */
  title: () => string;
  app: ReactNode;
  /** The languages this app offers (the admin app is English only for now). */
  languages?: readonly Language[];
}) {
  startLanguage(languages);
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <BrandedMantine>
        <PlacedNotifications />
        <QueryClientProvider client={createQueryClient()}>
          <BrowserRouter basename={basename}>
            <LanguageRoot title={title}>{app}</LanguageRoot>
          </BrowserRouter>
        </QueryClientProvider>
      </BrandedMantine>
    </StrictMode>,
  );
}
