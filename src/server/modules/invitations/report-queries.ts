// SQL of what analytics reads about invitations: the people first invited at a location in a span of
// time (an invitation link, or an "invited" step for an account that got access at once), and whether
// their account is activated by now.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';

export async function firstInvitedBetween(db: Tx, s: LocationKey, fromAt: string, toAt: string): Promise<{ firstAt: string; activated: boolean }[]> {
  const { rows } = await sql<{ first_at: string; activated_at: string | null }>`
    select f.first_at, users.activated_at from (
      select user_id, min(at) as first_at from (
        select invitations.user_id, invitations.created_at as at from invitations
          where invitations.organization_id = ${s.organizationId} and invitations.location_id = ${s.locationId}
        union all
        select customers.user_id, activities.created_at as at from activities
          inner join customers on customers.id = activities.customer_id
          where activities.organization_id = ${s.organizationId} and activities.location_id = ${s.locationId} and activities.kind = 'invited'
      ) sent group by user_id
    ) f inner join users on users.id = f.user_id
    where f.first_at >= ${fromAt} and f.first_at < ${toAt}`.execute(db);
  return rows.map((r) => ({ firstAt: r.first_at, activated: r.activated_at !== null }));
}
