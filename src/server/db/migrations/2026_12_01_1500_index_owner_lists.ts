// Indexes that SQLite's plans (no statistics) showed missing, named by the queries they serve:
// - the shop's order list without a status filter (`listOrders`, newest first) sorted every order of the
//   location, as `orders_by_location_idx` puts the status before the date;
// - the organizations a user owns (`rightsOfUser` on GET /me, `ownedOrganizationIds`, and the check before
//   an unused account is deleted) scanned every organization of the installation;
// - the companies list (`listCompanies`, by lower(name)) sorted every company of the location, counting the
//   people of each before the sort; in this order the page's rows are read first and counted alone;
// - a plan's subscriptions (`listSubscriptions` with `planId`) walked the location's subscriptions, and
//   deleting an unsold plan scanned every subscription for the foreign key.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_by_location_newest_idx').on('orders').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('organizations_by_owner_idx').on('organizations').columns(['owner_user_id', 'created_at']).execute();
  await db.schema
    .createIndex('companies_list_by_location_name_idx')
    .on('companies')
    .expression(sql`organization_id, location_id, lower(name), id`)
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema.createIndex('subscriptions_by_plan_idx').on('subscriptions').columns(['plan_id', 'created_at', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('subscriptions_by_plan_idx').execute();
  await db.schema.dropIndex('companies_list_by_location_name_idx').execute();
  await db.schema.dropIndex('organizations_by_owner_idx').execute();
  await db.schema.dropIndex('orders_by_location_newest_idx').execute();
}
