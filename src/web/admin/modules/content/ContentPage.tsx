// Content (/admin/l/:locationId/content): the location's posts and pages with status and visibility badges; "New post"
// and "New page" open the editor in a drawer, a row opens it on that item, and delete asks first.
import { Badge, Button, Drawer, Group, Menu, Stack, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useAdminLocation } from '../../admin-context';
import { type Post, type PostKind, useDeletePost, usePosts } from './api';
import { useKept } from '../../../ui/use-kept';
import { t } from './messages';
import { PostEditor } from './PostEditor';

const COLUMNS = ['title', 'status', 'visibility', 'published', 'actions'] as const;
const STATUS_COLORS: Record<Post['status'], string> = { draft: 'gray', scheduled: 'yellow', published: 'green' };
const VISIBILITY_COLORS: Record<Post['visibility'], string> = {
  administrators: 'red',
  location_members: 'blue',
  network_members: 'indigo',
  public: 'teal',
};

/** The editor's subject: a new post or page, or one being edited. */
type Editing = { kind: PostKind; post?: Post } | null;

export function ContentPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const kind: PostKind = params.get('kind') === 'page' ? 'page' : 'post';
  const posts = usePosts(location.id, kind);
  const [editing, setEditing] = useState<Editing>(null);
  const editingTitle = useKept(editing ? (editing.post ? t(`editTitle.${editing.kind}`) : t(`new.${editing.kind}`)) : '');
  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('title')}
        count={posts.data ? formatNumber(items.length) + (posts.hasNextPage ? '+' : '') : undefined}
        actions={
          <>
            <Button variant={kind === 'post' ? 'filled' : 'default'} onClick={() => setEditing({ kind: 'post' })}>
              {t('new.post')}
            </Button>
            <Button variant={kind === 'page' ? 'filled' : 'default'} onClick={() => setEditing({ kind: 'page' })}>
              {t('new.page')}
            </Button>
          </>
        }
      />
      <Tabs value={kind} onChange={(value) => setParams(value === 'page' ? { kind: 'page' } : {}, { replace: true })} mb="md">
        <Tabs.List>
          <Tabs.Tab value="post">{t('tab.post')}</Tabs.Tab>
          <Tabs.Tab value="page">{t('tab.page')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {posts.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : posts.isError ? (
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} retrying={posts.isFetching} />
      ) : items.length === 0 ? (
        <Stack gap="xs" py="xl" align="flex-start">
          <Text fw={600}>{t(`empty.${kind}`)}</Text>
          <Text c="dimmed">{t(`emptyHelp.${kind}`)}</Text>
          <Button mt="xs" onClick={() => setEditing({ kind })}>
            {t(`new.${kind}`)}
          </Button>
        </Stack>
      ) : (
        <Stack gap="md">
          <PostTable posts={items} location={location} onEdit={(post) => setEditing({ kind: post.kind, post })} />
          {posts.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <Drawer opened={editing !== null} onClose={() => setEditing(null)} title={editingTitle} position="right" size="xl">
        {editing && (
          <PostEditor key={editing.post?.id ?? editing.kind} location={location} kind={editing.kind} post={editing.post} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </>
  );
}

export function PostBadges({ post }: { post: Post }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="light" color={STATUS_COLORS[post.status]} tt="none" miw="max-content" data-testid="status-badge">
        {t(`status.${post.status}`)}
      </Badge>
      {post.pinned && (
        // the AA orange of the light variants (mount.tsx): Mantine's outline orange is below AA on white (3.6:1)
        <Badge variant="outline" color="var(--mantine-color-orange-light-color)" tt="none" miw="max-content">
          {t('pinned')}
        </Badge>
      )}
    </Group>
  );
}

function PostTable({ posts, location, onEdit }: { posts: Post[]; location: Location; onEdit: (post: Post) => void }) {
  const remove = useDeletePost(location.id);
  const deleting = useConfirmedAction(
    (post: Post) => remove.mutateAsync(post.id),
    (post) => notifySuccess(t('deleted', { title: post.title })),
  );
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="posts-table">
          <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
          <Table.Tbody>
            {posts.map((post) => (
              <Table.Tr key={post.id} style={{ cursor: 'pointer' }} onClick={() => onEdit(post)}>
                <Table.Td>
                  <Text fw={500} fz="sm">
                    {post.title}
                  </Text>
                  {post.slug && (
                    <Text fz="xs" c="dimmed">
                      {t('address', { slug: post.slug })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PostBadges post={post} />
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={VISIBILITY_COLORS[post.visibility]} tt="none" miw="max-content" data-testid="visibility-badge">
                    {t(`visibility.${post.visibility}`)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {post.publishedAt ? formatDateTime(post.publishedAt, location.timeZone) : <Text c="dimmed">{t('notPublished')}</Text>}
                </Table.Td>
                {/* the menu's clicks stay out of the row's */}
                <Table.Td onClick={(event) => event.stopPropagation()}>
                  <Menu position="bottom-end" width={160}>
                    <Menu.Target>
                      <Button variant="default" size="xs" aria-label={t('actionsFor', { title: post.title })}>
                        ⋯
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onEdit(post)}>{t('edit')}</Menu.Item>
                      <Menu.Item color="red.9" onClick={() => deleting.ask(post)}>
                        {t('delete')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal title={deleting.item ? t(`deleteTitle.${deleting.item.kind}`) : ''} confirmLabel={t('delete')} {...deleting.modal}>
        {deleting.item && t(`deleteConfirm.${deleting.item.kind}`, { title: deleting.item.title })}
      </ConfirmModal>
    </>
  );
}
