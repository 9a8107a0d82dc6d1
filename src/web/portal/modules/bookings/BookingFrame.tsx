// The frame of the Book tab's two pages (/book and /bookings): the heading, the switch between booking and My bookings,
// and the location the portal shows, with its time zone, country and booking settings, handed to the page.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Location } from '../../../lib/types';
import { QueryView } from '../../../ui/QueryView';
import { usePortalLocation } from '../../portal-context';
import { useLocations } from '../locations/api';
import type { Membership } from '../me/api';
import { t } from './messages';
import { browserTimeZone, type ZoneFormats, zoneCity, zoneFormats } from './zone-format';

export interface BookingPlace {
  location: Location;
  membership: Membership;
  formats: ZoneFormats;
}

export function BookingFrame({ title, children }: { title: string; children: (place: BookingPlace) => ReactNode }) {
  const { current } = usePortalLocation();
  const locations = useLocations();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <BookTabs />
      {!current ? (
        <Text>{t('noLocation')}</Text>
      ) : (
        <QueryView query={locations} rows={6}>
          {({ items }) => {
            const location = items.find((item) => item.id === current.locationId);
            if (!location) return <Text>{t('locationMissing')}</Text>;
            // keyed by location: switching location starts the page afresh
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

/** Two large buttons, one per page; the current one filled. */
function BookTabs() {
  const { pathname } = useLocation();
  const tabs = [
    { to: '/book', label: t('tabs.book') },
    { to: '/bookings', label: t('tabs.mine') },
  ];
  return (
    <Group gap="xs" grow role="group" aria-label={t('tabs.label')}>
      {tabs.map((tab) => {
        const active = pathname === tab.to;
        return (
          <Button
            key={tab.to}
            component={Link}
            to={tab.to}
            size="md"
            px="xs"
            fz="sm"
            variant={active ? 'filled' : 'default'}
            aria-current={active ? 'page' : undefined}
          >
            {tab.label}
          </Button>
        );
      })}
    </Group>
  );
}

/** Says the location's time zone when the browser is in another one. */
export function ZoneNote({ timeZone }: { timeZone: string }) {
  if (timeZone === browserTimeZone()) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="time-zone-note">
      {t('timeZone', { city: zoneCity(timeZone), zone: timeZone })}
    </Text>
  );
}

/** The title of the Book tab's dialogs: as large as a section heading, since they fill a phone's screen. */
export const dialogTitleStyles = { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-xl)' } };
