// Active-user months by person: an account counted at a location is held (never deleted as a wrong-email
// invitee's), and that check reads this index rather than every location's months.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('active_user_months_by_user_idx').on('active_user_months').column('user_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('active_user_months_by_user_idx').execute();
}
