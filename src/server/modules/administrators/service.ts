// Who may administer what: organization owners, per-location and organization-wide administrators.
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { PERMISSIONS, type Permission } from '../../lib/schema.js';
import * as users from '../users/service.js';
import * as q from './queries.js';
import type { AdministratorDto, GrantAdministratorInput } from './schema.js';
import type { OwnerScope } from '../../scope.js';

export interface Access {
  owned: { id: string; name: string }[];
  grants: { id: string; organization_id: string; organization_name: string; location_id: string | null; permissions: string }[];
}


export async function accessOf(db: Tx, userId: string): Promise<Access> {
  const [owned, grants] = await Promise.all([q.ownedOrganizationIds(db, userId), q.grantsOfUser(db, userId)]);
  return { owned, grants };
}

/** The permissions a user holds at a location, or null when they do not administer it. */
export function permissionsAt(access: Access, location: { id: string; organization_id: string }): Permission[] | null {
  if (access.owned.some((o) => o.id === location.organization_id)) return [...PERMISSIONS];
  const held = new Set<Permission>();
  let any = false;
  for (const g of access.grants) {
    if (g.organization_id !== location.organization_id) continue;
    if (g.location_id !== null && g.location_id !== location.id) continue;
    any = true;
    for (const p of JSON.parse(g.permissions) as Permission[]) held.add(p);
  }
  return any ? PERMISSIONS.filter((p) => held.has(p)) : null;
}

/** The organization the owner acts on: the one named, or the only one they own. */
export async function ownerScope(deps: Deps, userId: string, organizationId?: string): Promise<OwnerScope> {
  const owned = await q.ownedOrganizationIds(deps.db, userId);
  const org = organizationId ? owned.find((o) => o.id === organizationId) : owned[0];
  if (!org) {
    if (organizationId) throw notFound('Organization not found');
    throw new AppError('forbidden', 'Only the owner of the organization can do this');
  }
  return { organizationId: org.id, actorUserId: userId };
}

type AdminRow = Awaited<ReturnType<typeof q.listAdministrators>>[number];
function toDto(r: AdminRow): AdministratorDto {
  return {
    id: r.id,
    userId: r.user_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    locationId: r.location_id,
    permissions: JSON.parse(r.permissions) as string[],
    createdAt: r.created_at,
  };
}

export async function listAdministrators(deps: Deps, scope: OwnerScope): Promise<AdministratorDto[]> {
  return (await q.listAdministrators(deps.db, scope.organizationId)).map(toDto);
}

/**
 * Grants (or replaces) administrator permissions at a location, or organization-wide with
 * locationId null. The names this organization entered stay on the grant (shown until the
 * person activates the account).
 */
export async function grantInTx(
  deps: Deps,
  trx: Tx,
  scope: OwnerScope,
  userId: string,
  locationId: string | null,
  permissions: string[],
  entered: { firstName: string; lastName: string },
): Promise<string> {
  const existing = await q.findGrant(trx, scope.organizationId, userId, locationId);
  if (existing) {
    await q.setGrantPermissions(trx, scope.organizationId, existing.id, permissions);
    return existing.id;
  }
  return q.insertGrant(trx, { organizationId: scope.organizationId, userId, locationId, permissions, now: deps.clock.now(), ...entered });
}

export async function grantAdministrator(
  deps: Deps,
  scope: OwnerScope,
  input: GrantAdministratorInput,
  locationBelongs: (locationId: string) => Promise<boolean>,
): Promise<AdministratorDto> {
  if (input.locationId && !(await locationBelongs(input.locationId))) throw notFound('Location not found');
  const id = await deps.db.transaction().execute(async (trx) => {
    const user = await users.findOrCreateAccount(trx, deps.clock.now(), input);
    return grantInTx(deps, trx, scope, user.id, input.locationId, input.permissions, input);
  });
  return toDto((await q.findAdministrator(deps.db, scope.organizationId, id))!);
}

export async function updateAdministrator(deps: Deps, scope: OwnerScope, id: string, permissions: string[]): Promise<AdministratorDto> {
  const row = await q.findAdministrator(deps.db, scope.organizationId, id);
  if (!row) throw notFound('Administrator not found');
  await q.setGrantPermissions(deps.db, scope.organizationId, id, permissions);
  return toDto({ ...row, permissions: JSON.stringify(permissions) });
}

export async function revokeAdministrator(deps: Deps, scope: OwnerScope, id: string): Promise<void> {
  const row = await q.findAdministrator(deps.db, scope.organizationId, id);
  if (!row) throw notFound('Administrator not found');
  await deps.db.transaction().execute(async (trx) => {
    await q.deleteGrant(trx, scope.organizationId, id);
    // a grant to a wrong address leaves no account behind
    await users.deleteAccountIfUnheld(trx, row.user_id);
  });
}

/** Removing a customer ends their admin rights at that location at once. */
export function revokeAtLocation(trx: Tx, organizationId: string, locationId: string, userId: string): Promise<number> {
  return q.deleteLocationGrantsOfUser(trx, organizationId, locationId, userId);
}

export function findGrantAt(trx: Tx, organizationId: string, userId: string, locationId: string) {
  return q.findGrant(trx, organizationId, userId, locationId);
}
