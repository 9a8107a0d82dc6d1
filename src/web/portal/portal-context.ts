// What the portal's frame hands to its pages: the signed-in person.
import { useOutletContext } from 'react-router';
import type { Me } from '../lib/types';

export interface PortalContext {
  me: Me;
}

export function usePortalMe(): Me {
  return useOutletContext<PortalContext>().me;
}
