// Portal home: the location the portal shows first, then the person's other locations, each with its status and
// company; a notice for the ones that ended; a link to the admin app for administrators.
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../ui/StatusBadge';
import { usePortalLocation, usePortalMe } from '../../portal-context';
import { text } from '../../text';
import { companiesOf, type CompanyEntry, type Membership } from '../me/api';

export function HomePage() {
  const me = usePortalMe();
  const { current, choices } = usePortalLocation();
  const companies = companiesOf(me);
  const administers = me.admin.length > 0 || me.organizations.some((organization) => organization.role === 'owner');
  const others = choices.filter((membership) => membership.locationId !== current?.locationId);
  const removed = me.memberships.filter((membership) => membership.status === 'removed');
  const card = (membership: Membership) => (
    <MembershipCard key={membership.locationId} membership={membership} company={companies.find((entry) => entry.locationId === membership.locationId)} />
  );
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {text.home.title}
      </Title>
      {removed.map((membership) => (
        <Alert key={membership.locationId} color="gray" title={text.home.removed(membership.locationName)} data-testid="removed-notice">
          {text.home.removedHelp}
        </Alert>
      ))}
      {!current && removed.length === 0 && (
        <Stack gap={4}>
          <Text fw={600}>{text.home.empty}</Text>
          <Text c="dimmed">{text.home.emptyHelp}</Text>
        </Stack>
      )}
      {current && <CardList>{card(current)}</CardList>}
      {others.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="other-locations">
          <Title order={2} size="h4" id="other-locations">
            {text.home.others}
          </Title>
          <CardList>{others.map(card)}</CardList>
        </Stack>
      )}
      {administers && (
        <Anchor href="/admin/" size="lg">
          {text.home.adminApp}
        </Anchor>
      )}
    </Stack>
  );
}

function CardList({ children }: { children: ReactNode }) {
  return (
    <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {children}
    </Stack>
  );
}

function MembershipCard({ membership, company }: { membership: Membership; company?: CompanyEntry }) {
  return (
    <Card component="li" withBorder padding="md" radius="md" data-testid="membership">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Text fw={600} size="lg" truncate>
              {membership.locationName}
            </Text>
            <Text size="sm" c="dimmed">
              {text.type[membership.type]}
            </Text>
          </Stack>
          <StatusBadge status={membership.status} label={text.status[membership.status]} />
        </Group>
        {company && (
          <Button component={Link} to={`/company/${membership.locationId}`} variant="light" size="md" fullWidth justify="space-between" rightSection="›">
            {text.home.companyLink(company.company.name)}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
