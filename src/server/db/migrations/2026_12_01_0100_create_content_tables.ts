// Content (design 10.1): posts and pages of a location, in Markdown with their rendered HTML kept beside,
// a visibility, pinned, and publishedAt (null: a draft; in the future: scheduled). The feed index follows
// the feed's order so that a page of 10,000 posts costs what a page of 100 does.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('post', 'page')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    /** the body rendered by the server (raw HTML off, safe links only): what the portal receives */
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('administrators', 'location_members', 'network_members', 'public')`))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    /** pages only: their address in the portal, unique per location */
    .addColumn('slug', 'text')
    .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('posts_slug_of_pages', sql`(kind = 'page') = (slug is not null)`)
    .execute();
  // the feed: one location's posts, pinned first, then newest published first
  await db.schema.createIndex('posts_feed_idx').on('posts').columns(['organization_id', 'location_id', 'kind', 'pinned', 'published_at', 'id']).execute();
  // the admin list: newest written first
  await db.schema.createIndex('posts_by_created_idx').on('posts').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('posts_slug_unique').on('posts').columns(['location_id', 'slug']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('posts').execute();
}
