// Portal home: the locations the person belongs to, with their status and company; a notice for the ones that ended;
// a link to the admin app for administrators.
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../ui/StatusBadge';
import { usePortalMe } from '../../portal-context';
import { text } from '../../text';
import { companiesOf } from '../me/api';

export function HomePage() {
  const me = usePortalMe();
  const companies = companiesOf(me);
  const administers = me.admin.length > 0 || me.organizations.some((organization) => organization.role === 'owner');
  const current = me.memberships.filter((membership) => membership.status !== 'removed');
  const removed = me.memberships.filter((membership) => membership.status === 'removed');
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
      {current.length === 0 && removed.length === 0 && (
        <Stack gap={4}>
          <Text fw={600}>{text.home.empty}</Text>
          <Text c="dimmed">{text.home.emptyHelp}</Text>
        </Stack>
      )}
      {current.length > 0 && (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {current.map((membership) => {
            const company = companies.find((entry) => entry.locationId === membership.locationId)?.company;
            return (
              <Card component="li" key={membership.locationId} withBorder padding="md" radius="md" data-testid="membership">
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
                      {text.home.companyLink(company.name)}
                    </Button>
                  )}
                </Stack>
              </Card>
            );
          })}
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
