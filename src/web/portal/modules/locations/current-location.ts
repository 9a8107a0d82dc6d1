// Which of the person's locations the portal shows: the one in the URL on a page of one location, else the one they
// picked last in this browser (localStorage, per person), else the first one /me lists.
import { useLocalStorage } from '@mantine/hooks';
import { useEffect } from 'react';
import { useMatch, useNavigate } from 'react-router';
import type { Me } from '../../../lib/types';
import { companiesOf, liveMemberships, type Membership } from '../me/api';

/**
 * The pages of one location, at /<section>/<locationId>, with whether the person has that page at a location.
 * Switching location on one of them opens the same page for the new location, or home when they have none there.
 * Bookings and billing add their sections here.
 */
const PAGES_PER_LOCATION = new Map<string, (me: Me, locationId: string) => boolean>([
  ['company', (me, locationId) => companiesOf(me).some((entry) => entry.locationId === locationId)],
]);

export interface CurrentLocation {
  /** The location the portal shows; null when the person belongs to none now. */
  current: Membership | null;
  /** The locations the person belongs to now, in the order of /me. */
  choices: Membership[];
  /** Shows another of the person's locations, and remembers the choice. */
  switchTo: (locationId: string) => void;
}

/** Per person, so that someone else signing in on the same browser does not inherit the choice. */
const storageKey = (userId: string) => `atrium.portal.location.${userId}`;

export function useCurrentLocation(me: Me): CurrentLocation {
  const navigate = useNavigate();
  const choices = liveMemberships(me);
  const match = useMatch('/:section/:locationId');
  const section = match?.params.section;
  const pageOfLocation = section !== undefined && PAGES_PER_LOCATION.has(section);
  const [picked, setPicked] = useLocalStorage<string | null>({ key: storageKey(me.user.id), defaultValue: null, getInitialValueInEffect: false, sync: false });

  const inUrl = pageOfLocation ? choices.find((membership) => membership.locationId === match?.params.locationId) : undefined;
  const current = inUrl ?? choices.find((membership) => membership.locationId === picked) ?? choices[0] ?? null;

  // Opening a page of another location (a link, back and forward) makes it the one picked.
  const urlLocationId = inUrl?.locationId;
  useEffect(() => {
    if (urlLocationId && urlLocationId !== picked) setPicked(urlLocationId);
  }, [urlLocationId, picked, setPicked]);

  const switchTo = (locationId: string) => {
    if (locationId === current?.locationId || !choices.some((membership) => membership.locationId === locationId)) return;
    setPicked(locationId);
    if (pageOfLocation) navigate(PAGES_PER_LOCATION.get(section)?.(me, locationId) ? `/${section}/${locationId}` : '/');
  };

  return { current, choices, switchTo };
}
