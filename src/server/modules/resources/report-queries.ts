// SQL of what analytics reads about resources: the location's meeting rooms and when each existed.
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';

export function meetingRooms(db: Tx, s: LocationKey) {
  return db
    .selectFrom('resources')
    .select(['id', 'created_at', 'archived_at'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('type', '=', 'meeting_room')
    .execute();
}
