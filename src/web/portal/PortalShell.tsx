// Signed-in frame of the portal: top bar with the app name and account menu; bottom navigation on phones.
import { AppShell, Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../lib/types';
import { AccountMenu } from '../ui/AccountMenu';
import { RequireMe } from '../ui/RequireMe';
import { companiesOf } from './modules/me/api';
import type { PortalContext } from './portal-context';
import { text } from './text';

export function PortalShell() {
  return <RequireMe>{(me) => <Frame me={me} />}</RequireMe>;
}

function Frame({ me }: { me: Me }) {
  const phone = useMediaQuery('(max-width: 47.99em)');
  const { pathname } = useLocation();
  // A Company entry when the person is in a company somewhere: the one of the page open, else the first.
  const companies = companiesOf(me);
  const company = companies.find((entry) => pathname === `/company/${entry.locationId}`) ?? companies[0];
  const links = [
    { to: '/', label: text.nav.home, active: pathname === '/' },
    ...(company ? [{ to: `/company/${company.locationId}`, label: text.nav.company, active: pathname.startsWith('/company/') }] : []),
    { to: '/profile', label: text.nav.profile, active: pathname === '/profile' },
  ];
  const navLinks = (big: boolean) =>
    links.map((link) => {
      const active = link.active;
      return (
        <UnstyledButton
          key={link.to}
          component={Link}
          to={link.to}
          aria-current={active ? 'page' : undefined}
          px="md"
          py={big ? 'md' : 'xs'}
          flex={big ? 1 : undefined}
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
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Text fw={700} size="lg" component={Link} to="/" c="inherit" td="none">
              {text.appName}
            </Text>
            <Group gap="xs" wrap="nowrap">
              {!phone && (
                <Group component="nav" aria-label={text.nav.label} gap={4}>
                  {navLinks(false)}
                </Group>
              )}
              <AccountMenu user={me.user} />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      {phone && (
        <AppShell.Footer>
          <Box component="nav" aria-label={text.nav.label} h="100%" display="flex">
            {navLinks(true)}
          </Box>
        </AppShell.Footer>
      )}
      <AppShell.Main>
        <Container size="sm" px={0}>
          <Outlet context={{ me } satisfies PortalContext} />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
