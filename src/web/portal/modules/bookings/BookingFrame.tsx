// The frame of the Book tab's two pages (/book and /bookings), the time-zone note and the dialogs' title style.
import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
import { LocationFrame, type LocationPlace } from '../locations/LocationFrame';
import { t } from './messages';
import { browserTimeZone, zoneCity } from './zone-format';

export type BookingPlace = LocationPlace;

export function BookingFrame({ title, children }: { title: string; children: (place: BookingPlace) => ReactNode }) {
  return (
    <LocationFrame
      title={title}
      tabs={[
        { to: '/book', label: t('tabs.book') },
        { to: '/bookings', label: t('tabs.mine') },
      ]}
      tabsLabel={t('tabs.label')}
      noLocation={t('noLocation')}
      locationMissing={t('locationMissing')}
      rows={6}
    >
      {children}
    </LocationFrame>
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
