// The seats held around a time, read by the day grid and the booking check (bookings `holdingAt`),
// without scanning a location's whole history or future: a booking of at most a day that overlaps
// [from, to) starts in [from - 1 day, to), which the location index and this resource one (scoped by
// location, in place of the one by resource alone) answer; the few longer ones come from a partial
// index. Assignments in force are read by location.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookings_by_resource_idx').execute();
  await db.schema
    .createIndex('bookings_holding_by_resource_idx')
    .on('bookings')
    .columns(['organization_id', 'location_id', 'resource_id', 'holds_slot', 'start_minute'])
    .execute();
  await db.schema
    .createIndex('bookings_holding_long_idx')
    .on('bookings')
    .columns(['organization_id', 'location_id', 'end_minute'])
    .where(sql<boolean>`holds_slot = 1 and end_minute - start_minute > 1440`)
    .execute();
  await db.schema.createIndex('assignments_by_location_idx').on('assignments').columns(['organization_id', 'location_id', 'start_date']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignments_by_location_idx').execute();
  await db.schema.dropIndex('bookings_holding_long_idx').execute();
  await db.schema.dropIndex('bookings_holding_by_resource_idx').execute();
  await db.schema.createIndex('bookings_by_resource_idx').on('bookings').columns(['resource_id', 'holds_slot', 'start_minute']).execute();
}
