// The operator's brand (issue 16): the organization's logo, accent colour, support email and default language,
// and a location's own logo, which overrides the organization's. A logo is a file under the data directory
// (`brand/<organizationId>/<logoId>`); the row keeps its id (which changes with every upload, so it also versions
// the public URL) and its detected content type.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('logo_id', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('logo_type', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('accent_color', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('support_email', 'text').execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('en', 'fr')`))
    .execute();
  await db.schema.alterTable('locations').addColumn('logo_id', 'text').execute();
  await db.schema.alterTable('locations').addColumn('logo_type', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('locations').dropColumn('logo_type').execute();
  await db.schema.alterTable('locations').dropColumn('logo_id').execute();
  for (const c of ['language', 'support_email', 'accent_color', 'logo_type', 'logo_id']) await db.schema.alterTable('organizations').dropColumn(c).execute();
}
