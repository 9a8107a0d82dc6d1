// Portal home: the locations the person belongs to, with their status; a link to the admin app for administrators.
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '../../../ui/StatusBadge';
import { usePortalMe } from '../../PortalShell';
import { text } from '../../text';

export function HomePage() {
  const me = usePortalMe();
  const administers = me.admin.length > 0 || me.organizations.some((organization) => organization.role === 'owner');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {text.home.title}
      </Title>
      {me.memberships.length === 0 ? (
        <Stack gap={4}>
          <Text fw={600}>{text.home.empty}</Text>
          <Text c="dimmed">{text.home.emptyHelp}</Text>
        </Stack>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {me.memberships.map((membership) => (
            <Card component="li" key={membership.locationId} withBorder padding="md" radius="md">
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
            </Card>
          ))}
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
