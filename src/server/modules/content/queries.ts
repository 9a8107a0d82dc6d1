// SQL for posts and pages.
import type { Selectable } from 'kysely';
import type { PostKind, PostTable, Visibility } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type PostRow = Selectable<PostTable>;

export async function insertPost(db: Tx, row: PostRow): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

export function findPost(db: Tx, s: LocationKey, id: string): Promise<PostRow | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function pageBySlug(db: Tx, s: LocationKey, slug: string): Promise<PostRow | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('kind', '=', 'page')
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function updatePost(db: Tx, s: LocationKey, id: string, set: Partial<PostRow>): Promise<void> {
  await db.updateTable('posts').set(set).where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

export async function deletePost(db: Tx, s: LocationKey, id: string): Promise<number> {
  const r = await db
    .deleteFrom('posts')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Everything written at the location, newest first, keyset-paged on (created_at, id). */
export function listPosts(db: Tx, s: LocationKey, f: { kind?: PostKind; limit: number }, after: Keyset | null): Promise<PostRow[]> {
  let qb = db.selectFrom('posts').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.kind) qb = qb.where('kind', '=', f.kind);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Where the feed resumes: the last item's pinned flag, publishedAt and id. */
export interface FeedKey {
  pinned: 0 | 1;
  publishedAt: string;
  id: string;
}

/**
 * Published posts of the levels given: pinned first, then newest published first, then id; strictly
 * after the key. The order is the feed index's, read backwards.
 */
export function feedPage(db: Tx, s: LocationKey, levels: Visibility[], now: string, limit: number, after: FeedKey | null): Promise<PostRow[]> {
  if (levels.length === 0) return Promise.resolve([]);
  let qb = db
    .selectFrom('posts')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('kind', '=', 'post')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', now)
    .where('visibility', 'in', levels);
  if (after)
    qb = qb.where((eb) =>
      eb.or([
        eb('pinned', '<', after.pinned),
        eb.and([
          eb('pinned', '=', after.pinned),
          eb.or([eb('published_at', '<', after.publishedAt), eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)])]),
        ]),
      ]),
    );
  return qb
    .orderBy('pinned', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Published pages of the levels given, by title: the portal menu. */
export function pagesVisible(db: Tx, s: LocationKey, levels: Visibility[], now: string): Promise<Pick<PostRow, 'id' | 'slug' | 'title'>[]> {
  if (levels.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('kind', '=', 'page')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', now)
    .where('visibility', 'in', levels)
    .orderBy('title')
    .orderBy('id')
    .limit(100)
    .execute();
}
