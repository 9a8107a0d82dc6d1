// Who reaches the Events pages: administrators with `events` (everything), or with `reception` (the list, an event's
// tickets and the check-in, for the people at the door).
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';

export function useEventsAccess(): { read: boolean; manage: boolean } {
  const { access } = useAdmin();
  const location = useAdminLocation();
  const manage = access.can(location, 'events');
  return { manage, read: manage || access.can(location, 'reception') };
}

export function RequireEventsAccess({ children }: { children: ReactNode }) {
  return useEventsAccess().read ? children : <Text>{tAdmin('noAccess')}</Text>;
}
