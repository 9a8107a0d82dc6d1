// The frame of the Events tab's two pages (/events and /tickets).
import type { ReactNode } from 'react';
import { LocationFrame, type LocationPlace } from '../locations/LocationFrame';
import { t } from './messages';

export type EventsPlace = LocationPlace;

export function EventsFrame({ title, children }: { title: string; children: (place: EventsPlace) => ReactNode }) {
  return (
    <LocationFrame
      title={title}
      tabs={[
        { to: '/events', label: t('tabs.upcoming') },
        { to: '/tickets', label: t('tabs.mine') },
      ]}
      tabsLabel={t('tabs.label')}
      noLocation={t('noLocation')}
      locationMissing={t('locationMissing')}
    >
      {children}
    </LocationFrame>
  );
}
