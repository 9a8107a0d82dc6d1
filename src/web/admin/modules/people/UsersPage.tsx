// Network > Users (/admin/l/:locationId/users): every account of the location's organization with its locations
// (type and status), last active and activation; a search and a blacklist filter kept in the URL; for the owner, a
// blacklist switch per row that asks first (with an optional reason).
import { Badge, Button, Group, Modal, SegmentedControl, Stack, Switch, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate, formatRelative } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchInput } from '../../../ui/SearchInput';
import { StatusBadge } from '../../../ui/StatusBadge';
import { TableHead } from '../../../ui/TableHead';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { type OrganizationUser, useBlacklist, useLiftBlacklist, useOrganizationUsers } from './api';
import { t } from './messages';

const FILTERS = ['all', 'blacklisted', 'notBlacklisted'] as const;
type Filter = (typeof FILTERS)[number];

const nameOf = (user: OrganizationUser) => [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;

export function UsersPage() {
  const location = useAdminLocation();
  const { access } = useAdmin();
  const isOwner = access.isOwner(location);
  const organization = access.organizationOf(location);
  const organizationId = location.organizationId;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('show') ?? '') ? (params.get('show') as Filter) : 'all';
  const blacklisted = filter === 'all' ? null : filter === 'blacklisted';
  const setParam = useCallback(
    (key: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const onSearch = useCallback((value: string) => setParam('q', value), [setParam]);
  const users = useOrganizationUsers(organizationId, q, blacklisted);
  const [asking, setAsking] = useState<{ user: OrganizationUser; lift: boolean } | null>(null);
  const [addingEmail, setAddingEmail] = useState(false);

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          isOwner && (
            <Button variant="default" onClick={() => setAddingEmail(true)}>
              {t('addEmail')}
            </Button>
          )
        }
      />
      <Text c="dimmed" mb="md">
        {t('intro', { organization: organization?.name ?? '' })}
      </Text>
      <Group align="flex-end" mb="md" wrap="wrap">
        <SearchInput label={t('search')} placeholder={t('searchPlaceholder')} value={q} onSearch={onSearch} />
        <Stack gap={4}>
          <Text component="span" fz="sm" fw={500} id="users-filter-label">
            {t('filter.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="users-filter-label"
            value={filter}
            onChange={(value) => setParam('show', value === 'all' ? '' : value)}
            data={FILTERS.map((value) => ({ value, label: t(`filter.${value}`) }))}
          />
        </Stack>
      </Group>
      {users.isPending ? (
        <LoadingSkeleton rows={6} />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      ) : items.length === 0 ? (
        <Stack gap="xs" py="xl">
          <Text fw={600}>{q || blacklisted !== null ? t('noMatch') : t('empty')}</Text>
          {!q && blacklisted === null && <Text c="dimmed">{t('emptyHelp')}</Text>}
        </Stack>
      ) : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" data-testid="users-table">
              <TableHead
                columns={[
                  t('column.person'),
                  t('column.locations'),
                  t('column.lastActive'),
                  t('column.activated'),
                  t('column.created'),
                  ...(isOwner ? [t('column.blacklisted')] : []),
                ]}
              />
              <Table.Tbody>
                {items.map((user) => (
                  <UserRow key={user.id} user={user} isOwner={isOwner} onSwitch={(lift) => setAsking({ user, lift })} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
                {t('loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
      {addingEmail && <BlacklistEmailModal organizationId={organizationId} organizationName={organization?.name ?? ''} onClose={() => setAddingEmail(false)} />}
      {asking && (
        <BlacklistModal
          organizationId={organizationId}
          organizationName={organization?.name ?? ''}
          user={asking.user}
          lift={asking.lift}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}

function UserRow({ user, isOwner, onSwitch }: { user: OrganizationUser; isOwner: boolean; onSwitch: (lift: boolean) => void }) {
  const name = nameOf(user);
  return (
    <Table.Tr data-testid="user-row" data-email={user.email}>
      <Table.Td>
        <Text fw={500} fz="sm">
          {name}
        </Text>
        <Text fz="xs" c="dimmed">
          {user.email}
        </Text>
        <Group gap={4} mt={4}>
          {user.owner && (
            <Badge size="sm" variant="light" tt="none">
              {t('owner')}
            </Badge>
          )}
          {user.administrator && (
            <Badge size="sm" variant="light" color="grape" tt="none">
              {t('administrator')}
            </Badge>
          )}
          {user.removedOnly && (
            <Badge size="sm" variant="light" color="gray" tt="none" data-testid="removed-only">
              {t('removedOnly')}
            </Badge>
          )}
          {user.blacklisted && (
            <Badge size="sm" variant="filled" color="red" tt="none" data-testid="blacklisted-mark">
              {t('blacklistedBadge')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {user.locations.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('noLocation')}
          </Text>
        ) : (
          <Stack gap={4}>
            {user.locations.map((l) => (
              <Group key={l.customerId} gap={6} wrap="nowrap">
                <Text fz="sm">{l.name}</Text>
                <Text fz="xs" c="dimmed">
                  {t(`type.${l.type}`)}
                </Text>
                <StatusBadge status={l.status} label={t(`status.${l.status}`)} />
              </Group>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {user.lastActiveAt ? (
          <Tooltip label={formatDate(user.lastActiveAt)}>
            <Text fz="sm">{formatRelative(user.lastActiveAt)}</Text>
          </Tooltip>
        ) : (
          <Text fz="sm" c="dimmed">
            {t('never')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text fz="sm">{user.activated ? t('yes') : t('no')}</Text>
      </Table.Td>
      <Table.Td>
        <Text fz="sm">{formatDate(user.createdAt)}</Text>
      </Table.Td>
      {isOwner && (
        <Table.Td>
          <Tooltip label={t('ownerCannot')} disabled={!user.owner}>
            <Switch
              checked={user.blacklisted}
              disabled={user.owner}
              color="red"
              aria-label={t('switch.label', { name })}
              onChange={() => onSwitch(user.blacklisted)}
            />
          </Tooltip>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function BlacklistModal({
  organizationId,
  organizationName,
  user,
  lift,
  onClose,
}: {
  organizationId: string;
  organizationName: string;
  user: OrganizationUser;
  lift: boolean;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const add = useBlacklist(organizationId);
  const remove = useLiftBlacklist(organizationId);
  const pending = add.isPending || remove.isPending;
  const name = nameOf(user);
  const confirm = () => {
    if (pending) return;
    if (lift && user.blacklistEntryId)
      remove.mutate(user.blacklistEntryId, {
        onSuccess: () => {
          notifySuccess(t('lift.done', { email: user.email }));
          onClose();
        },
        onError: notifyError,
      });
    else
      add.mutate(
        { email: user.email, reason: reason.trim() || undefined },
        {
          onSuccess: () => {
            notifySuccess(t('blacklist.done', { email: user.email }));
            onClose();
          },
          onError: notifyError,
        },
      );
  };
  return (
    <Modal opened onClose={pending ? () => undefined : onClose} title={lift ? t('lift.title', { name }) : t('blacklist.title', { name })} centered>
      <Stack>
        <Text>{lift ? t('lift.body', { email: user.email }) : t('blacklist.body', { email: user.email, organization: organizationName })}</Text>
        {!lift && (
          <Textarea
            label={t('blacklist.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {t('blacklist.cancel')}
          </Button>
          <Button color={lift ? 'blue' : 'red'} onClick={confirm} loading={pending}>
            {lift ? t('lift.confirm') : t('blacklist.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The owner blacklists an email that may have no account yet (someone you never want invited). */
function BlacklistEmailModal({ organizationId, organizationName, onClose }: { organizationId: string; organizationName: string; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const add = useBlacklist(organizationId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return setInvalid(true);
    if (add.isPending) return;
    add.mutate(
      { email: value, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('blacklist.done', { email: value.toLowerCase() }));
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={add.isPending ? () => undefined : onClose} title={t('addEmail')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('addEmail.body', { organization: organizationName })}</Text>
          <TextInput
            label={t('addEmail.email')}
            type="email"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setInvalid(false);
            }}
            error={invalid ? t('addEmail.invalid') : undefined}
          />
          <Textarea
            label={t('blacklist.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
          />
          <FormError message={add.error ? errorMessage(add.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={add.isPending}>
              {t('blacklist.cancel')}
            </Button>
            <Button type="submit" color="red" loading={add.isPending}>
              {t('blacklist.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
