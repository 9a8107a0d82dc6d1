// Posts and pages: written by administrators with the content permission (drafts, scheduled, pinned),
// read in the portal and the public feed by visibility through the one rule (access/visibility.ts).
import { isUniqueViolation } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor, encodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { AdminScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as locations from '../locations/service.js';
import { renderMarkdown } from './markdown.js';
import * as q from './queries.js';
import type { CreatePostInput, Feed, PageLink, PostDto, PostStatus, PublishedPostDto, UpdatePostInput } from './schema.js';

export function statusOf(publishedAt: string | null, now: string): PostStatus {
  if (publishedAt === null) return 'draft';
  return publishedAt > now ? 'scheduled' : 'published';
}

export function toPostDto(r: q.PostRow, now: string): PostDto {
  return {
    id: r.id,
    locationId: r.location_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    bodyHtml: r.body_html,
    visibility: r.visibility,
    pinned: r.pinned === 1,
    publishedAt: r.published_at,
    status: statusOf(r.published_at, now),
    slug: r.slug,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toPublishedDto(r: q.PostRow): PublishedPostDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    bodyHtml: r.body_html,
    visibility: r.visibility,
    pinned: r.pinned === 1,
    publishedAt: r.published_at ?? '',
    slug: r.slug,
  };
}

/** `now` and omitted publish at the time of the request; null keeps a draft; an instant is kept in UTC. */
function publishedAtOf(value: string | null | undefined, now: string): string | null {
  if (value === undefined || value === 'now') return now;
  if (value === null) return null;
  return new Date(value).toISOString();
}

function slugTaken(slug: string): AppError {
  return new AppError('conflict', `Another page of this location already uses the address "${slug}".`, [{ path: 'slug', message: 'Taken' }], 'slug_taken');
}

async function ensureSlugFree(deps: Deps, s: LocationKey, slug: string, exceptId?: string): Promise<void> {
  const other = await q.pageBySlug(deps.db, s, slug);
  if (other && other.id !== exceptId) throw slugTaken(slug);
}

export async function createPost(deps: Deps, s: AdminScope, input: CreatePostInput): Promise<PostDto> {
  const now = deps.clock.now().toISOString();
  const slug = input.slug ?? null;
  if (input.kind === 'page' && slug === null) throw new AppError('bad_request', 'A page needs an address (slug).', [{ path: 'slug', message: 'Required' }]);
  if (input.kind === 'post' && slug !== null)
    throw new AppError('bad_request', 'Only pages have an address (slug).', [{ path: 'slug', message: 'Pages only' }]);
  if (slug) await ensureSlugFree(deps, s, slug);
  const row: q.PostRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    body_html: renderMarkdown(input.body),
    visibility: input.visibility,
    pinned: input.pinned ? 1 : 0,
    published_at: publishedAtOf(input.publishedAt, now),
    slug,
    author_user_id: s.actorUserId,
    created_at: now,
    updated_at: now,
  };
  try {
    await q.insertPost(deps.db, row);
  } catch (err) {
    // two pages with one address at the same moment: the unique index decides
    if (slug && isUniqueViolation(err)) throw slugTaken(slug);
    throw err;
  }
  return toPostDto(row, now);
}

export async function getPost(deps: Deps, s: LocationKey, id: string): Promise<PostDto> {
  const r = await q.findPost(deps.db, s, id);
  if (!r) throw notFound('Post not found');
  return toPostDto(r, deps.clock.now().toISOString());
}

export async function updatePost(deps: Deps, s: LocationKey, id: string, input: UpdatePostInput): Promise<PostDto> {
  const r = await q.findPost(deps.db, s, id);
  if (!r) throw notFound('Post not found');
  const now = deps.clock.now().toISOString();
  const set: Partial<q.PostRow> = { updated_at: now };
  if (input.title !== undefined) set.title = input.title;
  if (input.body !== undefined) {
    set.body = input.body;
    set.body_html = renderMarkdown(input.body);
  }
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.pinned !== undefined) set.pinned = input.pinned ? 1 : 0;
  if (input.publishedAt !== undefined) set.published_at = publishedAtOf(input.publishedAt, now);
  if (input.slug !== undefined && input.slug !== r.slug) {
    if (r.kind !== 'page') throw new AppError('bad_request', 'Only pages have an address (slug).', [{ path: 'slug', message: 'Pages only' }]);
    await ensureSlugFree(deps, s, input.slug, r.id);
    set.slug = input.slug;
  }
  try {
    await q.updatePost(deps.db, s, id, set);
  } catch (err) {
    if (set.slug && isUniqueViolation(err)) throw slugTaken(set.slug);
    throw err;
  }
  return toPostDto({ ...r, ...set }, now);
}

export async function deletePost(deps: Deps, s: LocationKey, id: string): Promise<void> {
  if ((await q.deletePost(deps.db, s, id)) === 0) throw notFound('Post not found');
}

export async function listPosts(deps: Deps, s: LocationKey, f: { kind?: q.PostRow['kind']; cursor?: string; limit: number }) {
  const after = f.cursor ? decodeCursor(f.cursor, 'posts') : null;
  const rows = await q.listPosts(deps.db, s, f, after);
  const page = cutPage(rows, f.limit, 'posts', (r) => r.created_at);
  const now = deps.clock.now().toISOString();
  return { items: page.rows.map((r) => toPostDto(r, now)), nextCursor: page.nextCursor };
}

/** The editor's preview: the same rendering the portal receives. */
export function preview(body: string): { bodyHtml: string } {
  return { bodyHtml: renderMarkdown(body) };
}

/** The location and what the caller (null: a visitor) may see there; an unknown location is 404. */
async function readerAt(deps: Deps, userId: string | null, locationId: string) {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  const levels = await visibleLevels(deps, userId, location);
  return { s: { organizationId: location.organization_id, locationId: location.id }, levels };
}

function decodeFeedCursor(cursor: string): q.FeedKey {
  const k = decodeCursor(cursor, 'feed');
  const [pinned, publishedAt] = k.value.split('|');
  if ((pinned !== '0' && pinned !== '1') || !publishedAt) throw new AppError('bad_request', 'Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);
  return { pinned: pinned === '1' ? 1 : 0, publishedAt, id: k.id };
}

/** Published posts the caller may see: pinned first, then newest first. */
export async function feed(deps: Deps, userId: string | null, locationId: string, f: { cursor?: string; limit: number }): Promise<Feed> {
  const after = f.cursor ? decodeFeedCursor(f.cursor) : null;
  const { s, levels } = await readerAt(deps, userId, locationId);
  const rows = await q.feedPage(deps.db, s, levels, deps.clock.now().toISOString(), f.limit, after);
  if (rows.length <= f.limit) return { items: rows.map(toPublishedDto), nextCursor: null };
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map(toPublishedDto), nextCursor: encodeCursor('feed', { value: `${last.pinned}|${last.published_at}`, id: last.id }) };
}

/** A published row the caller may see, or 404 (a draft, a scheduled one, another level). */
function readable(r: q.PostRow | undefined, levels: string[], now: string): PublishedPostDto {
  if (!r || r.published_at === null || r.published_at > now || !levels.includes(r.visibility)) throw notFound('Not found');
  return toPublishedDto(r);
}

export async function publishedPost(deps: Deps, userId: string | null, locationId: string, postId: string): Promise<PublishedPostDto> {
  const { s, levels } = await readerAt(deps, userId, locationId);
  const r = await q.findPost(deps.db, s, postId);
  return readable(r?.kind === 'post' ? r : undefined, levels, deps.clock.now().toISOString());
}

export async function publishedPage(deps: Deps, userId: string | null, locationId: string, slug: string): Promise<PublishedPostDto> {
  const { s, levels } = await readerAt(deps, userId, locationId);
  return readable(await q.pageBySlug(deps.db, s, slug), levels, deps.clock.now().toISOString());
}

/** The pages of the portal menu the caller may see, by title. */
export async function pageMenu(deps: Deps, userId: string | null, locationId: string): Promise<PageLink[]> {
  const { s, levels } = await readerAt(deps, userId, locationId);
  const rows = await q.pagesVisible(deps.db, s, levels, deps.clock.now().toISOString());
  return rows.map((r) => ({ id: r.id, slug: r.slug ?? '', title: r.title }));
}
