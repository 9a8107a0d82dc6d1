// Portal home: the location the portal shows first, then the person's other locations, each with its status and
// company; the news feed of the location shown; a notice for the ones that ended; a link to the admin app for administrators.
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../ui/StatusBadge';
import { usePortalLocation, usePortalMe } from '../../portal-context';
import { tPortal } from '../../messages';
import { t } from './messages';
import { companiesOf, type CompanyEntry, type Membership } from '../me/api';
import { FeedList } from '../content/FeedList';
import { t as tContent } from '../content/messages';

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
        {t('title')}
      </Title>
      {removed.map((membership) => (
        <Alert key={membership.locationId} color="gray" title={t('removed', { location: membership.locationName })} data-testid="removed-notice">
          {t('removedHelp')}
        </Alert>
      ))}
      {!current && removed.length === 0 && (
        <Stack gap={4}>
          <Text fw={600}>{t('empty')}</Text>
          <Text c="dimmed">{t('emptyHelp')}</Text>
        </Stack>
      )}
      {current && <CardList>{card(current)}</CardList>}
      {current && (
        <Stack gap="sm" component="section" aria-labelledby="feed-title">
          <Title order={2} size="h3" id="feed-title">
            {tContent('feedTitle')}
          </Title>
          <FeedList key={current.locationId} locationId={current.locationId} locationName={current.locationName} audience="portal" />
        </Stack>
      )}
      {others.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="other-locations">
          <Title order={2} size="h4" id="other-locations">
            {t('others')}
          </Title>
          <CardList>{others.map(card)}</CardList>
        </Stack>
      )}
      {administers && (
        <Anchor href="/admin/" size="lg">
          {t('adminApp')}
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
              {tPortal(`type.${membership.type}`)}
            </Text>
          </Stack>
          <StatusBadge status={membership.status} label={tPortal(`status.${membership.status}`)} />
        </Group>
        {company && (
          // a long company name wraps between words rather than being cut (the full text also in the title)
          <Button
            component={Link}
            to={`/company/${membership.locationId}`}
            variant="light"
            size="md"
            fullWidth
            justify="space-between"
            rightSection="›"
            title={t('companyLink', { company: company.company.name })}
            h="auto"
            mih={42}
            py={8}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'start', lineHeight: 1.35 } }}
            data-testid="company-link"
          >
            {t('companyLink', { company: company.company.name })}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
