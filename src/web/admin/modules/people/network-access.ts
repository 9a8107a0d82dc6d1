// Who opens the organization's Network pages (Users, Usage): the owner, and administrators holding the permission at
// every location of the organization (the server checks for a grant without a location, and says 403 otherwise).
import type { Location, Permission } from '../../../lib/types';
import type { AdminAccess } from '../../admin-access';

export function mayOpenNetwork(access: AdminAccess, location: Location, permission: Permission): boolean {
  if (access.isOwner(location)) return true;
  return access.locations.filter((l) => l.organizationId === location.organizationId).every((l) => access.can(l, permission));
}
