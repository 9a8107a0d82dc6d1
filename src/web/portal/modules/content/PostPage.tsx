// /l/:locationId/posts/:postId and /l/:locationId/pages/:slug: one post or page on its own, when the person may see it.
import { Anchor, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { type FeedItem, usePage, usePost } from './api';
import { PostCard } from './FeedList';
import { t } from './messages';

export function PostPage() {
  const { locationId = '', postId = '' } = useParams();
  return <Shown query={usePost(locationId, postId)} />;
}

export function PageView() {
  const { locationId = '', slug = '' } = useParams();
  return <Shown query={usePage(locationId, slug)} />;
}

function Shown({ query }: { query: UseQueryResult<FeedItem> }) {
  const back = (
    <Anchor component={Link} to="/">
      {t('back')}
    </Anchor>
  );
  if (query.isPending) return <LoadingSkeleton rows={4} />;
  if (isApiError(query.error, 404))
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('notFoundTitle')}
        </Title>
        <Text>{t('notFoundBody')}</Text>
        {back}
      </Stack>
    );
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <Stack gap="md">
      <PostCard item={query.data} heading={1} />
      {back}
    </Stack>
  );
}
