// What the portal's frame hands to its pages: the signed-in person and the location the portal shows.
import { useOutletContext } from 'react-router';
import type { Me } from '../lib/types';
import type { CurrentLocation } from './modules/locations/current-location';

export interface PortalContext {
  me: Me;
  location: CurrentLocation;
}

export function usePortalMe(): Me {
  return useOutletContext<PortalContext>().me;
}

export function usePortalLocation(): CurrentLocation {
  return useOutletContext<PortalContext>().location;
}
