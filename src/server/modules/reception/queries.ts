// SQL for the reception kiosk's leads and visits: every query filters by organization and location first.
import type { Tx } from '../../deps.js';
import type { ReceptionLeadTable, ReceptionVisitTable } from '../../db/schema.js';
import type { LocationKey } from '../../scope.js';

/** Accepted leads of a device since `since` (the hourly throttle). */
export function countLeadsOfDevice(db: Tx, s: LocationKey, deviceId: string, since: string) {
  return db
    .selectFrom('reception_leads')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('device_id', '=', deviceId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Whether a lead with this email was stored at the location since `since`. */
export async function hasRecentLead(db: Tx, s: LocationKey, emailHash: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('reception_leads')
    .select('id')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('email_hash', '=', emailHash)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLead(db: Tx, row: ReceptionLeadTable): Promise<void> {
  await db.insertInto('reception_leads').values(row).execute();
}

export async function insertVisit(db: Tx, row: ReceptionVisitTable): Promise<void> {
  await db.insertInto('reception_visits').values(row).execute();
}
