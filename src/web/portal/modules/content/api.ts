// Content in the portal: the feed of a location (paged), one post, the pages of the menu and one page, all limited by
// what the person may see; the public feed for visitors who are not signed in.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { feedSchema, pageLinkSchema, publishedPostSchema } from '../../../../server/modules/content/schema';
import { api } from '../../../lib/api';

export type FeedItem = z.infer<typeof publishedPostSchema>;
export type FeedPage = z.infer<typeof feedSchema>;
export type PageLink = z.infer<typeof pageLinkSchema>;

export const contentKeys = {
  all: (locationId: string) => ['portal', 'content', locationId] as const,
  feed: (locationId: string, audience: 'portal' | 'public') => [...contentKeys.all(locationId), 'feed', audience] as const,
  post: (locationId: string, postId: string) => [...contentKeys.all(locationId), 'post', postId] as const,
  pages: (locationId: string) => [...contentKeys.all(locationId), 'pages'] as const,
  page: (locationId: string, slug: string) => [...contentKeys.all(locationId), 'page', slug] as const,
};

const portalPath = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

/** The feed: pinned posts first, then the newest; `public` is the visitors' feed, which needs no sign-in. */
export function useFeed(locationId: string, audience: 'portal' | 'public' = 'portal') {
  const path = audience === 'public' ? `/public/locations/${encodeURIComponent(locationId)}/feed` : `${portalPath(locationId)}/feed`;
  return useInfiniteQuery({
    queryKey: contentKeys.feed(locationId, audience),
    queryFn: ({ pageParam }) => api.get<FeedPage>(path, { limit: 10, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePost(locationId: string, postId: string) {
  return useQuery({
    queryKey: contentKeys.post(locationId, postId),
    queryFn: () => api.get<{ post: FeedItem }>(`${portalPath(locationId)}/posts/${encodeURIComponent(postId)}`).then((answer) => answer.post),
  });
}

/** The pages of the portal menu at a location (none while `locationId` is undefined). */
export function usePages(locationId: string | undefined) {
  return useQuery({
    queryKey: contentKeys.pages(locationId ?? ''),
    queryFn: () => api.get<{ items: PageLink[] }>(`${portalPath(locationId ?? '')}/pages`).then((answer) => answer.items),
    enabled: locationId !== undefined,
  });
}

export function usePage(locationId: string, slug: string) {
  return useQuery({
    queryKey: contentKeys.page(locationId, slug),
    queryFn: () => api.get<{ page: FeedItem }>(`${portalPath(locationId)}/pages/${encodeURIComponent(slug)}`).then((answer) => answer.page),
  });
}
