// Content (design 10.1, 10.2): posts (the feed) and pages (the portal menu) in Markdown, with a
// visibility, pinned, and publishedAt (null: a draft; in the future: scheduled).
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { visibilitySchema } from '../plans/schema.js';

export const postKindSchema = z.enum(['post', 'page']);
export type PostKind = z.infer<typeof postKindSchema>;
export const postStatusSchema = z.enum(['draft', 'scheduled', 'published']);
export type PostStatus = z.infer<typeof postStatusSchema>;

/** A page's address in the portal (`/pages/<slug>`): lower-case letters and digits joined by hyphens. */
export const slugSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(80, 'At most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens');

/** An instant (normalized to UTC), `now`, or null for a draft. */
const publishedAtSchema = z.union([z.literal('now'), z.iso.datetime({ offset: true }), z.null()]);

const fields = {
  title: z.string().trim().min(1, 'Required').max(200, 'At most 200 characters'),
  body: z.string().max(100_000, 'At most 100,000 characters'),
};

export const createPostBody = z.object({
  kind: postKindSchema,
  title: fields.title,
  body: fields.body.default(''),
  visibility: visibilitySchema,
  pinned: z.boolean().default(false),
  /** omitted: published now; null: a draft; a future instant: scheduled */
  publishedAt: publishedAtSchema.optional(),
  /** pages only, unique per location */
  slug: slugSchema.nullish(),
});
export type CreatePostInput = z.infer<typeof createPostBody>;

export const updatePostBody = z.object({
  title: fields.title.optional(),
  body: fields.body.optional(),
  visibility: visibilitySchema.optional(),
  pinned: z.boolean().optional(),
  publishedAt: publishedAtSchema.optional(),
  slug: slugSchema.optional(),
});
export type UpdatePostInput = z.infer<typeof updatePostBody>;

/** A post or page as administrators see it, Markdown and rendered HTML both. */
export const postSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  kind: postKindSchema,
  title: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  visibility: visibilitySchema,
  pinned: z.boolean(),
  publishedAt: z.string().nullable(),
  /** from publishedAt and the time of the answer */
  status: postStatusSchema,
  slug: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PostDto = z.infer<typeof postSchema>;

/** A published post or page as the portal shows it: the HTML the server rendered, never the Markdown. */
export const publishedPostSchema = z.object({
  id: z.string(),
  kind: postKindSchema,
  title: z.string(),
  bodyHtml: z.string(),
  visibility: visibilitySchema,
  pinned: z.boolean(),
  publishedAt: z.string(),
  slug: z.string().nullable(),
});
export type PublishedPostDto = z.infer<typeof publishedPostSchema>;

export const feedSchema = z.object({ items: z.array(publishedPostSchema), nextCursor: z.string().nullable() });
export type Feed = z.infer<typeof feedSchema>;

/** A page in the portal menu. */
export const pageLinkSchema = z.object({ id: z.string(), slug: z.string(), title: z.string() });
export type PageLink = z.infer<typeof pageLinkSchema>;

export const postParams = z.object({ locationId: idSchema, postId: idSchema });
export const pageParams = z.object({
  locationId: idSchema,
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/, 'Not a page address'),
});
export const listPostsQuery = z.object({
  kind: postKindSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const feedQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const previewBody = z.object({ body: fields.body });
export const previewSchema = z.object({ bodyHtml: z.string() });
