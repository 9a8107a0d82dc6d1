// The frame of a portal tab with two pages (Book and My bookings, Upcoming and My tickets): the heading, the switch
// between the pages, and the location the portal shows, with its time formats, handed to the page.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Location } from '../../../lib/types';
import { QueryView } from '../../../ui/QueryView';
import { usePortalLocation } from '../../portal-context';
import { type ZoneFormats, zoneFormats } from '../bookings/zone-format';
import type { Membership } from '../me/api';
import { useLocations } from './api';

export interface LocationPlace {
  location: Location;
  membership: Membership;
  formats: ZoneFormats;
}

interface Props {
  title: string;
  /** the tab's pages, as large buttons; the current one filled */
  tabs: { to: string; label: string }[];
  tabsLabel: string;
  /** said when the person has no location to show, or when it is missing from their locations */
  noLocation: string;
  locationMissing: string;
  /** skeleton rows while the locations load */
  rows?: number;
  children: (place: LocationPlace) => ReactNode;
}

export function LocationFrame({ title, tabs, tabsLabel, noLocation, locationMissing, rows = 4, children }: Props) {
  const { current } = usePortalLocation();
  const locations = useLocations();
  const { pathname } = useLocation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Group gap="xs" grow role="group" aria-label={tabsLabel}>
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
        <Text>{noLocation}</Text>
      ) : (
        <QueryView query={locations} rows={rows}>
          {({ items }) => {
            const location = items.find((item) => item.id === current.locationId);
            if (!location) return <Text>{locationMissing}</Text>;
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
