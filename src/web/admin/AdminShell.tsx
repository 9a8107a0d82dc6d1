// Signed-in frame of the admin app: header (organization, location switcher, account menu), navbar, and the page.
import { Alert, Anchor, AppShell, Box, Burger, Container, Group, NavLink, ScrollArea, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link, matchPath, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import type { Me } from '../lib/types';
import { BrandMark, useBrandAccent } from '../ui/brand';
import { AccountMenu } from '../ui/AccountMenu';
import { useTitlePlace } from '../ui/document-title';
import { QueryView } from '../ui/QueryView';
import { RequireMe } from '../ui/RequireMe';
import { adminAccess, locationHome, type AdminAccess } from './admin-access';
import { AdminContext } from './admin-context';
import { useLocations } from './modules/locations/api';
import { useMailbox } from './modules/mailbox/api';
import { mayOpenNetwork } from './modules/people/network-access';
import { NotAdminPage } from './NotAdminPage';
import { tAdmin } from './messages';

/**
 * `publicPaths` also open to visitors who are signed out or administer nothing, shown without the frame:
 * the dev mailbox is where a newcomer reads their first sign-in code.
 */
export function AdminShell({ publicPaths = [] }: { publicPaths?: string[] }) {
  const { pathname } = useLocation();
  const standalone = publicPaths.some((path) => matchPath(path, pathname)) ? <Standalone /> : undefined;
  return <RequireMe signedOut={standalone}>{(me) => <WithLocations me={me} notAdmin={standalone ?? <NotAdminPage />} />}</RequireMe>;
}

function Standalone() {
  return (
    <Container component="main" size="xl" py="md">
      <Group justify="flex-end">
        <Anchor component={Link} to="/sign-in">
          {tAdmin('shell.signIn')}
        </Anchor>
      </Group>
      <Outlet />
    </Container>
  );
}

function WithLocations({ me, notAdmin }: { me: Me; notAdmin: ReactNode }) {
  const locations = useLocations();
  return (
    <QueryView query={locations}>
      {({ items }) => {
        const access = adminAccess(me, items);
        if (access.locations.length === 0) return notAdmin;
        return (
          <AdminContext.Provider value={{ me, access }}>
            <Frame me={me} access={access} />
          </AdminContext.Provider>
        );
      }}
    </QueryView>
  );
}

function Frame({ me, access }: { me: Me; access: AdminAccess }) {
  const [navOpened, nav] = useDisclosure(false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const match = useMatch('/l/:locationId/*');
  const [lastLocationId, setLastLocationId] = useState<string | undefined>();
  const urlLocation = access.locations.find((location) => location.id === match?.params.locationId);
  if (urlLocation && urlLocation.id !== lastLocationId) setLastLocationId(urlLocation.id);
  const current = urlLocation ?? access.locations.find((location) => location.id === lastLocationId) ?? access.locations[0];
  const organization = access.organizationOf(current);
  const mailbox = useMailbox();
  useBrandAccent(organization?.brand.accentColor);
  useTitlePlace(current.name);

  const switchTo = (locationId: string | null) => {
    const next = access.locations.find((location) => location.id === locationId);
    if (!next || next.id === urlLocation?.id) return;
    const section = match?.params['*']?.split('/')[0];
    navigate(section ? `/l/${next.id}/${section}` : locationHome(access, next));
  };

  const links = [
    access.can(current, 'customers') && { to: `/l/${current.id}/customers`, label: tAdmin('shell.customers') },
    access.can(current, 'customers') && { to: `/l/${current.id}/companies`, label: tAdmin('shell.companies') },
    access.can(current, 'customers') && { to: `/l/${current.id}/join-requests`, label: tAdmin('shell.joinRequests') },
    access.can(current, 'billing') && { to: `/l/${current.id}/plans`, label: tAdmin('shell.plans') },
    access.can(current, 'billing') && { to: `/l/${current.id}/invoices`, label: tAdmin('shell.invoices') },
    access.can(current, 'resources') && { to: `/l/${current.id}/resources`, label: tAdmin('shell.resources') },
    access.can(current, 'resources') && { to: `/l/${current.id}/bookings`, label: tAdmin('shell.bookings') },
    (access.can(current, 'events') || access.can(current, 'reception')) && { to: `/l/${current.id}/events`, label: tAdmin('shell.events') },
    access.can(current, 'content') && { to: `/l/${current.id}/content`, label: tAdmin('shell.content') },
    access.can(current, 'shop') && { to: `/l/${current.id}/shop`, label: tAdmin('shell.shop') },
    access.can(current, 'benefits') && { to: `/l/${current.id}/benefits`, label: tAdmin('shell.benefits') },
    mayOpenNetwork(access, current, 'customers') && { to: `/l/${current.id}/users`, label: tAdmin('shell.users') },
    mayOpenNetwork(access, current, 'analytics') && { to: `/l/${current.id}/usage`, label: tAdmin('shell.usage') },
    access.can(current, 'analytics') && { to: `/l/${current.id}/analytics`, label: tAdmin('shell.analytics') },
    (access.can(current, 'settings') || access.isOwner(current)) && { to: `/l/${current.id}/settings`, label: tAdmin('shell.settings') },
    (access.can(current, 'reception') || access.can(current, 'settings')) && { to: `/l/${current.id}/reception`, label: tAdmin('shell.reception') },
    mailbox.isSuccess && { to: '/mailbox', label: tAdmin('shell.mailbox') },
  ].filter((link) => link !== false);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={tAdmin('shell.toggleNavigation')} />
            {organization && (
              <Box visibleFrom="xs" miw={0}>
                <BrandMark brand={{ name: organization.name, logoUrl: current.logoUrl ?? organization.brand.logoUrl }} size="md" logoHeight={28} />
              </Box>
            )}
            <Select
              aria-label={tAdmin('shell.location')}
              data={access.locations.map((location) => ({ value: location.id, label: location.name }))}
              value={current.id}
              onChange={switchTo}
              allowDeselect={false}
              searchable={access.locations.length > 8}
              w={200}
              data-testid="location-switcher"
            />
          </Group>
          <AccountMenu user={me.user} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={tAdmin('shell.navigation')}>
        <ScrollArea>
          {links.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              active={pathname === link.to || pathname.startsWith(`${link.to}/`)}
              aria-current={pathname === link.to ? 'page' : undefined}
              onClick={nav.close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {me.mailTransport === 'mailbox' && (
          // role "note": it stays on every page, so it must not be announced like a fresh alert
          <Alert color="yellow" variant="light" role="note" mb="md" title={tAdmin('shell.mailNotDelivered.title')} data-testid="mail-not-delivered">
            {tAdmin('shell.mailNotDelivered.body')}{' '}
            {mailbox.isSuccess && (
              <Anchor component={Link} to="/mailbox">
                {tAdmin('shell.mailNotDelivered.open')}
              </Anchor>
            )}
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
