// Signed-in frame of the portal: top bar with the operator's logo and name (its accent colour as the primary colour), the current location (a switcher for people of several)
// and the account menu; the navigation (Home, Book, Events, Billing, Profile and "More" with Company, Shop, Perks and
// the location's pages) in the top bar from 1024 px and at the bottom below.
import { AppShell, Box, Container, Group, type MantineStyleProps, Menu, Stack, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../lib/types';
import { AccountMenu } from '../ui/AccountMenu';
import { LanguageMenu } from '../ui/LanguageMenu';
import { useTitlePlace } from '../ui/document-title';
import { RequireMe } from '../ui/RequireMe';
import { BrandMark, useBrandAccent } from '../ui/brand';
import { useCurrentLocation } from './modules/locations/current-location';
import { LocationSwitcher } from './modules/locations/LocationSwitcher';
import { PagesMenuItems, useLocationPages } from './modules/content/PagesMenu';
import { companiesOf, useUpdateMe } from './modules/me/api';
import { adoptAccountLanguage, type Language } from '../lib/i18n';
import { type CSSProperties, useEffect } from 'react';
import type { PortalContext } from './portal-context';
import { tPortal } from './messages';

export function PortalShell() {
  return <RequireMe>{(me) => <Frame me={me} />}</RequireMe>;
}

function Frame({ me }: { me: Me }) {
  const phone = useMediaQuery('(max-width: 63.99em)');
  const { pathname } = useLocation();
  const location = useCurrentLocation(me);
  const updateMe = useUpdateMe();
  useTitlePlace(location.current?.locationName);
  // emails follow the account's language; this browser follows it too unless it has a choice of its own
  useEffect(() => adoptAccountLanguage(me.user.language), [me.user.language]);
  // A Company entry when the person is in a company at the location shown.
  const company = companiesOf(me).find((entry) => entry.locationId === location.current?.locationId);
  // the operator of the location shown (its logo, else the organization's), else of the person's first location
  const membership = me.memberships.find((m) => m.locationId === location.current?.locationId) ?? me.memberships[0];
  const brand = membership?.brand ?? { name: tPortal('appName'), logoUrl: null, accentColor: null };
  useBrandAccent(brand.accentColor);
  // Five entries a person uses every week, then "More" with the rest (UX.md): the same on a phone's bottom bar and in
  // the desktop header, so that the bar never scrolls sideways and the header never overflows.
  const here = location.current;
  const links: NavEntry[] = [
    { to: '/', label: tPortal('nav.home'), active: pathname === '/' },
    ...(here ? [{ to: '/book', label: tPortal('nav.book'), active: pathname === '/book' || pathname === '/bookings' }] : []),
    ...(here ? [{ to: '/events', label: tPortal('nav.events'), active: pathname === '/events' || pathname === '/tickets' }] : []),
    ...(here ? [{ to: '/billing', label: tPortal('nav.billing'), active: pathname === '/billing' || pathname.startsWith('/billing/') }] : []),
    { to: '/profile', label: tPortal('nav.profile'), active: pathname === '/profile' },
  ];
  const more: NavEntry[] = [
    ...(company ? [{ to: `/company/${company.locationId}`, label: tPortal('nav.company'), active: pathname.startsWith('/company/') }] : []),
    ...(here ? [{ to: '/shop', label: tPortal('nav.shop'), active: pathname === '/shop' }] : []),
    ...(here ? [{ to: '/perks', label: tPortal('nav.perks'), active: pathname === '/perks' }] : []),
  ];
  const pages = useLocationPages(here?.locationId);
  const moreActive = more.some((entry) => entry.active) || (here != null && pathname.startsWith(`/l/${here.locationId}/pages/`));
  const navigation = (big: boolean) => (
    <>
      {links.map((link) => (
        <UnstyledButton key={link.to} component={Link} to={link.to} aria-current={link.active ? 'page' : undefined} {...entryStyle(big, link.active)}>
          {link.label}
        </UnstyledButton>
      ))}
      {(more.length > 0 || pages.length > 0) && (
        // the menu stays inside the navigation landmark (not in a portal at the end of the page)
        <Menu position={big ? 'top-end' : 'bottom-end'} width={240} shadow="md" withinPortal={false}>
          <Menu.Target>
            {/* aria-current "true": the page shown is one of the menu's entries (its item says which, with "page") */}
            <UnstyledButton aria-current={moreActive ? 'true' : undefined} data-testid="nav-more" {...entryStyle(big, moreActive)}>
              {tPortal('nav.more')}
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            {more.map((entry) => (
              <Menu.Item
                key={entry.to}
                component={Link}
                to={entry.to}
                py="sm"
                fw={entry.active ? 700 : undefined}
                aria-current={entry.active ? 'page' : undefined}
              >
                {entry.label}
              </Menu.Item>
            ))}
            <PagesMenuItems locationId={here?.locationId} locationName={here?.locationName ?? ''} pathname={pathname} />
          </Menu.Dropdown>
        </Menu>
      )}
    </>
  );

  const setLanguage = (language: Language) => updateMe.mutate({ language });
  // the brand on a first line, the location (or its switcher) on a second, each cut at the end when long, with the
  // whole name in its title and accessible name: both stay readable beside the navigation and on a 320 px phone
  const identity = (
    <Stack gap={2} miw={0} flex={1} align="flex-start">
      <UnstyledButton component={Link} to="/" aria-label={brand.name} miw={0} maw="100%">
        <BrandMark brand={brand} size="md" logoHeight={22} />
      </UnstyledButton>
      <LocationSwitcher location={location} compact />
    </Stack>
  );
  return (
    // below 1024 px (phones, and tablets held upright) the navigation is the bottom bar; above, it sits in the top bar
    <AppShell header={{ height: 64 }} footer={{ height: 64, collapsed: !phone }} padding="md">
      <AppShell.Header>
        <Container size={phone ? 'sm' : 'lg'} h="100%" px={phone ? 'md' : undefined}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            {identity}
            <Group gap={phone ? 4 : 'xs'} wrap="nowrap" style={{ flexShrink: 0 }}>
              {!phone && (
                <Group component="nav" aria-label={tPortal('nav.label')} gap={2} wrap="nowrap">
                  {navigation(false)}
                </Group>
              )}
              <LanguageMenu onChoose={setLanguage} />
              <AccountMenu user={me.user} />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      {phone && (
        <AppShell.Footer>
          <Box component="nav" aria-label={tPortal('nav.label')} h="100%" px={2} display="flex">
            {navigation(true)}
          </Box>
        </AppShell.Footer>
      )}
      <AppShell.Main>
        <Container size="sm" px={0}>
          <Outlet context={{ me, location } satisfies PortalContext} />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

interface NavEntry {
  to: string;
  label: string;
  active: boolean;
}

/**
 * The look of a navigation entry: on the phone's bottom bar each takes its label's width plus a share of the rest
 * (so longer words such as "Événements" get more room than "Plus"), the whole bar's height as its touch target.
 */
function entryStyle(big: boolean, active: boolean): MantineStyleProps & { style: CSSProperties } {
  return {
    px: big ? 2 : 'sm',
    h: big ? '100%' : 40,
    flex: big ? '1 1 auto' : undefined,
    fz: big ? undefined : 'sm',
    ta: 'center',
    fw: active ? 700 : 500,
    c: active ? 'var(--mantine-primary-color-filled)' : undefined,
    style: {
      borderRadius: big ? 0 : 'var(--mantine-radius-md)',
      whiteSpace: 'nowrap',
      // 12 px, down to 11 px on the narrowest phones, where the French labels need it to fit whole at 320 px
      ...(big ? { fontSize: 'clamp(11px, 3.4vw, 12px)' } : {}),
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      ...(active && big ? { boxShadow: 'inset 0 3px 0 var(--mantine-primary-color-filled)' } : {}),
    },
  };
}
