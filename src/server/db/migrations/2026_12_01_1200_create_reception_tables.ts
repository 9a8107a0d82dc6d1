// The reception kiosk (design 11.1): the location's kiosk settings, one-time pairing codes, paired
// devices (their cookie stored only as its SHA-256), the failed pairings that throttle an address,
// the leads a device accepted (throttle and the 24-hour duplicate rule) and the visits it checked in.
import type { Kysely } from 'kysely';

const DEFAULT_CONSENT_TEXT = 'I agree that this location keeps my contact details to get back to me about its offers.';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, dflt] of [
    ['reception_leave_contacts', 'integer', 1],
    ['reception_visitors', 'integer', 0],
    ['reception_consent_text', 'text', DEFAULT_CONSENT_TEXT],
  ] as const) {
    await db.schema
      .alterTable('locations')
      .addColumn(name, type, (c) => c.notNull().defaultTo(dflt))
      .execute();
  }

  await db.schema
    .createTable('kiosk_pairing_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    /** the name the paired device takes */
    .addColumn('device_name', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('kiosk_pairing_codes_hash_unique').on('kiosk_pairing_codes').column('code_hash').unique().execute();

  await db.schema
    .createTable('kiosk_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('paired_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('paired_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('kiosk_devices_token_unique').on('kiosk_devices').column('token_hash').unique().execute();
  await db.schema.createIndex('kiosk_devices_by_location_idx').on('kiosk_devices').columns(['organization_id', 'location_id', 'paired_at']).execute();

  await db.schema
    .createTable('kiosk_pairing_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kiosk_pairing_failures_by_ip_idx').on('kiosk_pairing_failures').columns(['ip', 'created_at']).execute();

  await db.schema
    .createTable('reception_leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('kiosk_devices.id'))
    /** SHA-256 of the lower-cased email for the 24-hour rule; null when the lead stored nothing */
    .addColumn('email_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_leads_by_device_idx').on('reception_leads').columns(['device_id', 'created_at']).execute();
  await db.schema.createIndex('reception_leads_by_email_idx').on('reception_leads').columns(['location_id', 'email_hash', 'created_at']).execute();

  await db.schema
    .createTable('reception_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('kiosk_devices.id'))
    /** no foreign key: a wrong-email record may be deleted (membership's cleanup) and the visit stays */
    .addColumn('host_customer_id', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('checked_in'))
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_visits_by_location_idx').on('reception_visits').columns(['organization_id', 'location_id', 'checked_in_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_visits').execute();
  await db.schema.dropTable('reception_leads').execute();
  await db.schema.dropTable('kiosk_pairing_failures').execute();
  await db.schema.dropTable('kiosk_devices').execute();
  await db.schema.dropTable('kiosk_pairing_codes').execute();
  for (const c of ['reception_consent_text', 'reception_visitors', 'reception_leave_contacts']) await db.schema.alterTable('locations').dropColumn(c).execute();
}
