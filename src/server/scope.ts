// The scopes every module shares: which organization and location a piece of work is about, and
// who does it. They come from the signed-in actor (the access module), never from a request body.
import type { Permission } from './lib/schema.js';

/** One organization (the tenant). */
export interface OrganizationScope {
  organizationId: string;
}

/** One location of an organization: what every location query filters by first. */
export interface LocationKey extends OrganizationScope {
  locationId: string;
}

/** Work at a location by someone, or by the system (a sweep, a job) when `actorUserId` is null. */
export interface ActorScope extends LocationKey {
  actorUserId: string | null;
}

/** An administrator's request at a location, with the permissions they hold there. */
export interface AdminScope extends LocationKey {
  actorUserId: string;
  permissions: Permission[];
}

/** A member's portal request at a location. */
export interface MemberScope extends LocationKey {
  actorUserId: string;
  customerId: string;
  companyId: string | null;
  companyManager: boolean;
}

/** The owner acting on their organization. */
export interface OwnerScope extends OrganizationScope {
  actorUserId: string;
}

/** The signed-in person behind a request (from the session cookie). */
export interface Actor {
  userId: string;
  sessionId: string;
  email: string;
}
