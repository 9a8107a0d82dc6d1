// Which locations the signed-in person administers, and what they may do at each, from /me and /locations.
import type { Location, Me, Permission } from '../lib/types';

export interface AdminAccess {
  /** Administered locations, in the server's order (oldest first). */
  locations: Location[];
  organizationOf: (location: Location) => Me['organizations'][number] | undefined;
  isOwner: (location: Location) => boolean;
  can: (location: Location, permission: Permission) => boolean;
}

export function adminAccess(me: Me, allLocations: Location[]): AdminAccess {
  const organizationOf = (location: Location) =>
    location.organizationId
      ? me.organizations.find((organization) => organization.id === location.organizationId)
      : me.organizations.length === 1
        ? me.organizations[0]
        : undefined;
  const isOwner = (location: Location) => organizationOf(location)?.role === 'owner';
  // A grant without a location covers every location of an organization the person administers.
  const grantsAt = (location: Location) =>
    me.admin.filter((grant) => grant.locationId === location.id || (grant.locationId === null && organizationOf(location)?.role !== 'member'));
  const can = (location: Location, permission: Permission) => isOwner(location) || grantsAt(location).some((grant) => grant.permissions.includes(permission));
  return {
    locations: allLocations.filter((location) => isOwner(location) || grantsAt(location).length > 0),
    organizationOf,
    isOwner,
    can,
  };
}

/** The page a location opens on: the first section this person may use there. */
export function locationHome(access: AdminAccess, location: Location): string {
  const section =
    access.can(location, 'customers') || !(access.can(location, 'settings') || access.can(location, 'reception'))
      ? 'customers'
      : access.can(location, 'settings')
        ? 'settings'
        : 'reception';
  return `/l/${location.id}/${section}`;
}
