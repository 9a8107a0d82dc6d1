// The frame of the Events tab's two pages (/events and /tickets): the heading, the switch between them, and the location
// the portal shows with its time formats, handed to the page.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Location } from '../../../lib/types';
import { QueryView } from '../../../ui/QueryView';
import { usePortalLocation } from '../../portal-context';
import { type ZoneFormats, zoneFormats } from '../bookings/zone-format';
import { useLocations } from '../locations/api';
import type { Membership } from '../me/api';
import { t } from './messages';

export interface EventsPlace {
  location: Location;
  membership: Membership;
  formats: ZoneFormats;
}

export function EventsFrame({ title, children }: { title: string; children: (place: EventsPlace) => ReactNode }) {
  const { current } = usePortalLocation();
  const locations = useLocations();
  const { pathname } = useLocation();
  const tabs = [
    { to: '/events', label: t('tabs.upcoming') },
    { to: '/tickets', label: t('tabs.mine') },
  ];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Group gap="xs" grow role="group" aria-label={t('tabs.label')}>
        {tabs.map((tab) => (
          <Button
            key={tab.to}
            component={Link}
            to={tab.to}
            size="md"
            px="xs"
            fz="sm"
            variant={pathname === tab.to ? 'filled' : 'default'}
            aria-current={pathname === tab.to ? 'page' : undefined}
          >
            {tab.label}
          </Button>
        ))}
      </Group>
      {!current ? (
        <Text>{t('noLocation')}</Text>
      ) : (
        <QueryView query={locations} rows={4}>
          {({ items }) => {
            const location = items.find((item) => item.id === current.locationId);
            if (!location) return <Text>{t('locationMissing')}</Text>;
            return (
              <Stack gap="md" key={location.id}>
                {children({ location, membership: current, formats: zoneFormats(location.timeZone, location.country) })}
              </Stack>
            );
          }}
        </QueryView>
      )}
    </Stack>
  );
}
