// Who may administer what: organization owners, per-location and organization-wide administrators.
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import * as users from '../users/service.js';
import * as access from '../access/service.js';
import type { AdministratorDto, AdministratorList, GrantAdministratorInput } from './schema.js';
import type { OwnerScope } from '../../scope.js';

function toDto(r: access.GrantRow): AdministratorDto {
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

export async function listAdministrators(deps: Deps, scope: OwnerScope): Promise<AdministratorList> {
  const [owner, grants] = await Promise.all([access.findOwner(deps.db, scope.organizationId), access.listGrants(deps.db, scope.organizationId)]);
  return {
    owner: { userId: owner.user_id, email: owner.email, firstName: owner.first_name, lastName: owner.last_name, createdAt: owner.created_at },
    items: grants.map(toDto),
  };
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
    return access.grantInTx(deps, trx, scope, user.id, input.locationId, input.permissions, input);
  });
  return toDto((await access.findGrantById(deps.db, scope.organizationId, id))!);
}

export async function updateAdministrator(deps: Deps, scope: OwnerScope, id: string, permissions: string[]): Promise<AdministratorDto> {
  const row = await access.findGrantById(deps.db, scope.organizationId, id);
  if (!row) throw notFound('Administrator not found');
  await access.setGrantPermissions(deps.db, scope.organizationId, id, permissions);
  return toDto({ ...row, permissions: JSON.stringify(permissions) });
}

export async function revokeAdministrator(deps: Deps, scope: OwnerScope, id: string): Promise<void> {
  const row = await access.findGrantById(deps.db, scope.organizationId, id);
  if (!row) throw notFound('Administrator not found');
  await deps.db.transaction().execute(async (trx) => {
    await access.deleteGrant(trx, scope.organizationId, id);
    // a grant to a wrong address leaves no account behind
    await users.deleteAccountIfUnheld(trx, row.user_id);
  });
}
