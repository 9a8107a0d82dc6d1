// HTTP edge of content: administrators write posts and pages (content permission); the portal reads the
// feed, a post, a page and the menu of pages by visibility; visitors read the public feed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams, noContent } from '../../lib/schema.js';
import { adminScope, requireActor } from '../access/service.js';
import {
  createPostBody,
  feedQuery,
  feedSchema,
  listPostsQuery,
  pageLinkSchema,
  pageParams,
  postParams,
  postSchema,
  previewBody,
  previewSchema,
  publishedPostSchema,
  updatePostBody,
} from './schema.js';
import * as service from './service.js';

const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
/** Portal routes answer 401 to a visitor before they read the path. */
const signedIn = async (request: Parameters<typeof requireActor>[0]) => {
  requireActor(request);
};

export function contentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/posts';
    app.get(
      base,
      {
        schema: {
          tags: ['content'],
          summary: 'List posts and pages',
          params: locationParams,
          querystring: listPostsQuery,
          response: { 200: z.object({ items: z.array(postSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (request) => service.listPosts(deps, await adminScope(deps, request, request.params.locationId, 'content'), request.query),
    );
    app.post(
      base,
      {
        schema: {
          tags: ['content'],
          summary: 'Create a post or page',
          description: 'A page whose slug another page of the location has: 409 `slug_taken`.',
          params: locationParams,
          body: createPostBody,
          response: { 201: z.object({ post: postSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'content');
        return reply.status(201).send({ post: await service.createPost(deps, scope, request.body) });
      },
    );
    app.post(
      `${base}/preview`,
      {
        schema: {
          tags: ['content'],
          operationId: 'previewPost',
          summary: "Render a post's Markdown as it will show",
          params: locationParams,
          body: previewBody,
          response: { 200: previewSchema, ...errors },
        },
      },
      async (request) => {
        await adminScope(deps, request, request.params.locationId, 'content');
        return service.preview(request.body.body);
      },
    );
    app.get(
      `${base}/:postId`,
      { schema: { tags: ['content'], summary: 'Read a post or page', params: postParams, response: { 200: z.object({ post: postSchema }), ...errors } } },
      async (request) => ({
        post: await service.getPost(deps, await adminScope(deps, request, request.params.locationId, 'content'), request.params.postId),
      }),
    );
    app.patch(
      `${base}/:postId`,
      {
        schema: {
          tags: ['content'],
          summary: 'Change a post or page',
          description: 'A slug another page of the location has: 409 `slug_taken`.',
          params: postParams,
          body: updatePostBody,
          response: { 200: z.object({ post: postSchema }), ...errors },
        },
      },
      async (request) => ({
        post: await service.updatePost(deps, await adminScope(deps, request, request.params.locationId, 'content'), request.params.postId, request.body),
      }),
    );
    app.delete(
      `${base}/:postId`,
      { schema: { tags: ['content'], summary: 'Delete a post or page', response: { 204: noContent }, params: postParams } },
      async (request, reply) => {
        await service.deletePost(deps, await adminScope(deps, request, request.params.locationId, 'content'), request.params.postId);
        return reply.status(204).send(null);
      },
    );

    const portal = '/api/v1/portal/locations/:locationId';
    const readErrors = { 400: errorSchema, 401: errorSchema, 404: errorSchema };
    app.get(
      `${portal}/feed`,
      {
        preValidation: signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Read the portal feed',
          params: locationParams,
          querystring: feedQuery,
          response: { 200: feedSchema, ...readErrors },
        },
      },
      async (request) => service.feed(deps, requireActor(request).userId, request.params.locationId, request.query),
    );
    app.get(
      `${portal}/posts/:postId`,
      {
        preValidation: signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Read a post in the portal',
          params: postParams,
          response: { 200: z.object({ post: publishedPostSchema }), ...readErrors },
        },
      },
      async (request) => ({ post: await service.publishedPost(deps, requireActor(request).userId, request.params.locationId, request.params.postId) }),
    );
    app.get(
      `${portal}/pages`,
      {
        preValidation: signedIn,
        schema: {
          tags: ['portal'],
          summary: "List the portal's pages",
          params: locationParams,
          response: { 200: z.object({ items: z.array(pageLinkSchema) }), ...readErrors },
        },
      },
      async (request) => ({ items: await service.pageMenu(deps, requireActor(request).userId, request.params.locationId) }),
    );
    app.get(
      `${portal}/pages/:slug`,
      {
        preValidation: signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Read a portal page',
          params: pageParams,
          response: { 200: z.object({ page: publishedPostSchema }), ...readErrors },
        },
      },
      async (request) => ({ page: await service.publishedPage(deps, requireActor(request).userId, request.params.locationId, request.params.slug) }),
    );
    app.get(
      '/api/v1/public/locations/:locationId/feed',
      {
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Read the public feed',
          params: locationParams,
          querystring: feedQuery,
          response: { 200: feedSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => service.feed(deps, null, request.params.locationId, request.query),
    );
  };
}
