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
import { scheduleRetitle, watchDocumentTitle } from './document-title';
import { tUi } from './messages';

// Darker shades than Mantine's defaults so button, error and dimmed text pass WCAG AA contrast.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  cursorType: 'pointer',
  components: {
    // a link inside a sentence must not be told apart by its colour alone (WCAG 1.4.1)
    Anchor: { defaultProps: { underline: 'always' } },
    // an open menu focuses its first item (the ARIA menu pattern) rather than a focusable placeholder without a role,
    // which a menu may not contain
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    // a drawer's or dialog's header (its title and close button) is a <header> that is no page banner: inside the dialog
    // it would be a second banner beside the app's own header (axe: landmark-no-duplicate-banner, landmark-unique)
    Drawer: { defaultProps: { attributes: { header: { role: 'none' } } } },
    Modal: { defaultProps: { attributes: { header: { role: 'none' } } } },
  },
});

/**
 * Text on Mantine's light variants (alerts, badges, the active navigation link, avatars' initials): shade 9 of the
 * palette is below WCAG AA on shade 1 for these colours, so each gets a darker tone of its own shade 9.
 */
const lightVariantText: Record<string, string> = {
  red: '#ab2424',
  violet: '#5a3aba',
  indigo: '#3147b3',
  blue: '#165a9a',
  cyan: '#0a6778',
  teal: '#077252',
  green: '#226e32',
  lime: '#4a760a',
  yellow: '#a15300',
  orange: '#ae3a0c',
};

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...Object.fromEntries(Object.entries(lightVariantText).map(([color, value]) => [`--mantine-color-${color}-light-color`, value])),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // links also sit on tinted alerts (green, yellow), where shade 8 falls just below AA
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
  },
  dark: {},
});

/**
 * Where notifications show on a narrow screen (below `maxWidth`, where the app's layout folds): over whatever the app
 * keeps at the other edge, for a moment.
 */
export interface PhoneNotifications {
  position: 'top-center' | 'bottom-center';
  maxWidth: string;
}

/**
 * Notifications at the bottom right on wide screens (at the top they would cover the header and its account menu); on
 * a phone at `phone`: the portal keeps the top (its bottom navigation is there), the admin app the bottom (its header,
 * with the menu and account buttons, is at the top and nothing is at the bottom).
 */
function PlacedNotifications({ phone: { position, maxWidth } }: { phone: PhoneNotifications }) {
  // known from the first render (not after an effect), so a notification shown at once, like the welcome after
  // activation, is placed right away
  const phone = useMediaQuery(`(max-width: ${maxWidth})`, undefined, { getInitialValueInEffect: false });
  return <Notifications position={phone ? position : 'bottom-right'} />;
}

/**
 * The one node Mantine puts every menu, option list, dialog and notification in (its shared portal node, made here
 * before the first render so Mantine finds it rather than making its own), as a named region: outside the page's
 * landmarks they would be content that no landmark holds (axe: region).
 */
function popupLayer(): HTMLElement {
  const node = document.createElement('div');
  node.setAttribute('data-portal', 'true');
  node.setAttribute('data-mantine-shared-portal-node', 'true');
  node.setAttribute('role', 'region');
  document.body.appendChild(node);
  return node;
}

/** The theme in `language`: its words are read when it is made. */
function localizedTheme(language: string) {
  const close = tUi('close', { lng: language });
  return createTheme({ ...theme, components: { ...theme.components, CloseButton: { defaultProps: { 'aria-label': close } } } });
}

/**
 * The theme with the words it gives Mantine's own controls (the close button of drawers, dialogs and notifications),
 * and the operator's accent colour as the primary colour when the frame on screen has one.
 */
function ThemedMantine({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const accent = useAccent();
  const themed = useMemo(() => {
    const localized = localizedTheme(language);
    return accent ? mergeThemeOverrides(localized, createTheme({ primaryColor: 'brand', colors: { brand: accentShades(accent) } })) : localized;
  }, [language, accent]);
  return (
    <MantineProvider theme={themed} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

/** Renders the app again from its root when the language changes (messages are read at render time), and retitles the page. */
function LanguageRoot({ popups, children }: { popups: HTMLElement; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  useEffect(() => {
    if (language) scheduleRetitle();
    popups.setAttribute('aria-label', tUi('popups'));
  }, [language, popups]);
  return <Fragment key={i18n.language}>{children}</Fragment>;
}

export function mountApp({
  basename,
  title,
  app,
  languages,
  // the portal's bottom navigation shows below 64em (PortalShell: phones and tablets held upright)
  phoneNotifications = { position: 'top-center', maxWidth: '63.99em' },
}: {
  basename: string;
  /** The app's title, read once the language is known: the document title until a page shows its heading. */
  title: () => string;
  app: ReactNode;
  /** The languages this app offers (the admin app is English only for now). */
  languages?: readonly Language[];
  /** Where notifications show on a phone (top by default). */
  phoneNotifications?: PhoneNotifications;
}) {
  startLanguage(languages);
  watchDocumentTitle(title);
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  const popups = popupLayer();
  createRoot(root).render(
    <StrictMode>
      <ThemedMantine>
        <PlacedNotifications phone={phoneNotifications} />
        <QueryClientProvider client={createQueryClient()}>
          <BrowserRouter basename={basename}>
            <LanguageRoot popups={popups}>{app}</LanguageRoot>
          </BrowserRouter>
        </QueryClientProvider>
      </ThemedMantine>
    </StrictMode>,
  );
}
