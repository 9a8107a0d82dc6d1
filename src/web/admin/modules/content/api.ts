// Posts and pages of a location: their query keys, the list (paged), the server's preview of Markdown, and save and
// delete (each refreshing the list).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createPostBody, postSchema, updatePostBody } from '../../../../server/modules/content/schema';
import { api } from '../../../lib/api';

export type Post = z.infer<typeof postSchema>;
export type PostKind = Post['kind'];
export type PostInput = z.input<typeof createPostBody>;
export type PostUpdate = z.input<typeof updatePostBody>;

export const contentKeys = {
  all: (locationId: string) => ['locations', locationId, 'posts'] as const,
  list: (locationId: string, kind: PostKind) => [...contentKeys.all(locationId), 'list', kind] as const,
  preview: (locationId: string, body: string) => [...contentKeys.all(locationId), 'preview', body] as const,
};

const postsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/posts`;
const postPath = (locationId: string, postId: string) => `${postsPath(locationId)}/${encodeURIComponent(postId)}`;

type PostPage = { items: Post[]; nextCursor: string | null };

/** The location's posts or pages, newest written first, 50 at a time. */
export function usePosts(locationId: string, kind: PostKind) {
  return useInfiniteQuery({
    queryKey: contentKeys.list(locationId, kind),
    queryFn: ({ pageParam }) => api.get<PostPage>(postsPath(locationId), { kind, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The HTML the portal would receive for this Markdown, rendered by the server itself. */
export function usePreview(locationId: string, body: string) {
  return useQuery({
    queryKey: contentKeys.preview(locationId, body),
    queryFn: () => api.post<{ bodyHtml: string }>(`${postsPath(locationId)}/preview`, { body }),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useRefreshPosts(locationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: contentKeys.all(locationId) });
}

export function useSavePost(locationId: string, postId?: string) {
  const refresh = useRefreshPosts(locationId);
  return useMutation({
    mutationFn: (input: PostInput) => {
      if (!postId) return api.post<{ post: Post }>(postsPath(locationId), input);
      const { kind: _kind, slug, ...rest } = input;
      const update: PostUpdate = { ...rest, ...(slug ? { slug } : {}) };
      return api.patch<{ post: Post }>(postPath(locationId, postId), update);
    },
    onSuccess: refresh,
  });
}

export function useDeletePost(locationId: string) {
  const refresh = useRefreshPosts(locationId);
  return useMutation({ mutationFn: (postId: string) => api.delete(postPath(locationId, postId)), onSuccess: refresh });
}
