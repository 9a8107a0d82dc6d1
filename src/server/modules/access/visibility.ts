// The one visibility rule (design 6) for plans, resources, posts, events, products and benefits:
// which levels a person (or nobody signed in) may see at a location.
import type { Deps } from '../../deps.js';
import type { Visibility } from '../../db/schema.js';
import * as q from './queries.js';
import { accessOf, permissionsAt } from './service.js';

/**
 * `administrators`: the location's administrators (organization-wide ones included);
 * `location_members`: also its members who are not removed; `network_members`: also members and
 * administrators of any location of the organization; `public`: anyone.
 */
export async function visibleLevels(deps: Deps, userId: string | null, location: { id: string; organization_id: string }): Promise<Visibility[]> {
  if (!userId) return ['public'];
  const rights = await accessOf(deps.db, userId);
  if (permissionsAt(rights, location) !== null) return ['administrators', 'location_members', 'network_members', 'public'];
  const memberAt = await q.memberLocationIdsInOrganization(deps.db, userId, location.organization_id);
  if (memberAt.includes(location.id)) return ['location_members', 'network_members', 'public'];
  const adminInOrganization =
    rights.owned.some((o) => o.id === location.organization_id) || rights.grants.some((g) => g.organization_id === location.organization_id);
  if (memberAt.length > 0 || adminInOrganization) return ['network_members', 'public'];
  return ['public'];
}
