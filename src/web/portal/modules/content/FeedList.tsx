// The feed as cards, phone first: pinned posts first, then the newest, each with its date and its text as the server
// rendered it; "Show more" reads the next page.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PostHtml } from '../../../ui/PostHtml';
import { type FeedItem, useFeed } from './api';
import { t } from './messages';

export function FeedList({ locationId, locationName, audience }: { locationId: string; locationName: string; audience: 'portal' | 'public' }) {
  const feed = useFeed(locationId, audience);
  if (feed.isPending) return <LoadingSkeleton rows={3} />;
  if (feed.isError) return <ErrorAlert error={feed.error} onRetry={() => void feed.refetch()} retrying={feed.isFetching} />;
  const items = feed.data.pages.flatMap((page) => page.items);
  if (items.length === 0)
    return (
      <Stack gap={4} data-testid="feed-empty">
        <Text fw={600}>{t('feedEmpty')}</Text>
        <Text c="dimmed">{t('feedEmptyHelp', { location: locationName })}</Text>
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="feed">
        {items.map((item) => (
          <PostCard key={item.id} item={item} href={audience === 'portal' ? `/l/${locationId}/posts/${item.id}` : undefined} />
        ))}
      </Stack>
      {feed.hasNextPage && (
        <Button variant="default" size="md" loading={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
          {t('loadMore')}
        </Button>
      )}
    </Stack>
  );
}

/** One post; its title opens it at its own address when `href` is given. */
export function PostCard({ item, href, heading = 3 }: { item: FeedItem; href?: string; heading?: 1 | 3 }) {
  return (
    <Card component={heading === 1 ? 'article' : 'li'} withBorder padding="md" radius="md" data-testid="feed-item">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={heading} size={heading === 1 ? 'h2' : 'h4'} style={{ overflowWrap: 'anywhere' }}>
            {href ? (
              <Anchor component={Link} to={href} c="inherit" fz="inherit" fw="inherit" lh="inherit">
                {item.title}
              </Anchor>
            ) : (
              item.title
            )}
          </Title>
          {item.pinned && (
            <Badge variant="light" color="orange" tt="none" miw="max-content">
              {t('pinned')}
            </Badge>
          )}
        </Group>
        {item.kind === 'post' && (
          <Text fz="sm" c="dimmed" title={formatDateTime(item.publishedAt)}>
            {t('published', { when: formatRelative(item.publishedAt) })}
          </Text>
        )}
        <PostHtml html={item.bodyHtml} testId="post-body" />
      </Stack>
    </Card>
  );
}
