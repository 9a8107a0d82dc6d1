// Signed-in frame of the portal: top bar with the operator's logo and name (its accent colour as the primary colour), the current location (a switcher for people of several)
// and the account menu; bottom navigation on phones.
import { AppShell, Box, Container, Group, UnstyledButton } from '@mantine/core';
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
import { PagesMenu } from './modules/content/PagesMenu';
import { companiesOf, useUpdateMe } from './modules/me/api';
import { adoptAccountLanguage } from '../lib/i18n';
import { useEffect } from 'react';
import type { PortalContext } from './portal-context';
import { tPortal } from './messages';

export function PortalShell() {
  return <RequireMe>{(me) => <Frame me={me} />}</RequireMe>;
}

function Frame({ me }: { me: Me }) {
  const phone = useMediaQuery('(max-width: 47.99em)');
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
  const links = [
    { to: '/', label: tPortal('nav.home'), active: pathname === '/' },
    ...(location.current ? [{ to: '/book', label: tPortal('nav.book'), active: pathname === '/book' || pathname === '/bookings' }] : []),
    ...(location.current ? [{ to: '/events', label: tPortal('nav.events'), active: pathname === '/events' || pathname === '/tickets' }] : []),
    ...(company ? [{ to: `/company/${company.locationId}`, label: tPortal('nav.company'), active: pathname.startsWith('/company/') }] : []),
    ...(location.current ? [{ to: '/shop', label: tPortal('nav.shop'), active: pathname === '/shop' }] : []),
    ...(location.current ? [{ to: '/billing', label: tPortal('nav.billing'), active: pathname === '/billing' || pathname.startsWith('/billing/') }] : []),
    ...(location.current ? [{ to: '/perks', label: tPortal('nav.perks'), active: pathname === '/perks' }] : []),
    { to: '/profile', label: tPortal('nav.profile'), active: pathname === '/profile' },
  ];
  // More tabs than a phone's width holds whole: the bar scrolls sideways rather than cutting their names
  const crowded = links.length > 5;
  const navLinks = (big: boolean) =>
    links.map((link) => {
      const active = link.active;
      return (
        <UnstyledButton
          key={link.to}
          component={Link}
          to={link.to}
          aria-current={active ? 'page' : undefined}
          px={big ? (crowded ? 'sm' : 4) : 'md'}
          py={big ? 'md' : 'xs'}
          flex={big ? (crowded ? '0 0 auto' : 1) : undefined}
          miw={big && !crowded ? 0 : undefined}
          fz={big ? (links.length > 4 ? 'xs' : 'sm') : undefined}
          ta="center"
          fw={active ? 700 : 500}
          c={active ? 'var(--mantine-primary-color-filled)' : undefined}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          {link.label}
        </UnstyledButton>
      );
    });

  return (
    <AppShell header={{ height: 56 }} footer={{ height: 64, collapsed: !phone }} padding="md">
      <AppShell.Header>
        <Container size="sm" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0} flex={1}>
              <UnstyledButton component={Link} to="/" aria-label={brand.name} miw={0} style={{ flexShrink: 1 }}>
                <BrandMark brand={brand} />
              </UnstyledButton>
              <LocationSwitcher location={location} />
            </Group>
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              {!phone && (
                <Group component="nav" aria-label={tPortal('nav.label')} gap={4} wrap="nowrap">
                  {navLinks(false)}
                </Group>
              )}
              <PagesMenu locationId={location.current?.locationId} locationName={location.current?.locationName ?? ''} />
              <LanguageMenu onChoose={(language) => updateMe.mutate({ language })} />
              <AccountMenu user={me.user} />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      {phone && (
        <AppShell.Footer>
          <Box component="nav" aria-label={tPortal('nav.label')} h="100%" display="flex" style={crowded ? { overflowX: 'auto' } : undefined}>
            {navLinks(true)}
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
