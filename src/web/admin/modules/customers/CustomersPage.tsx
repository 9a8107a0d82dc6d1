// Customers of a location (/admin/l/:locationId/customers): member/nonmember tabs with counts, search, filters and sort
// in the URL, a keyset-paged table whose rows open the profile, the invite and add actions, and the CSV export.
import { ActionIcon, Anchor, Badge, Button, Chip, Group, Menu, Modal, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { memo, useCallback, useDeferredValue, useMemo, useState, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatDateTime, formatPhone, formatRelative } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer, CustomerStatus, CustomerType, Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { SearchInput } from '../../../ui/SearchInput';
import { StatusBadge } from '../../../ui/StatusBadge';
import { useStableCallback } from '../../../ui/use-stable-callback';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { sourceLabel, statusLabel, tAdmin } from '../../messages';
import { CompanySelect } from '../companies/CompanySelect';
import { InviteUserForm } from '../invitations/InviteUserForm';
import { usePlans } from '../plans/api';
import { t as tInvitations } from '../invitations/messages';
import { AddNonmemberForm } from './AddNonmemberForm';
import { exportUrl, SORT_FIELDS, SOURCES, useCustomers, usePrefetchCustomers, type CustomerFilters, type CustomerSort, type SortField } from './api';
import { CustomersFrame } from './CustomersFrame';
import { t } from './messages';

const statusesOf: Record<CustomerType, CustomerStatus[]> = { member: ['invited', 'active', 'removed'], nonmember: ['active', 'removed'] };
const FILTER_KEYS = ['q', 'status', 'companyId', 'planId', 'source', 'createdFrom', 'createdTo'] as const;
type UrlKey = 'type' | 'sort' | (typeof FILTER_KEYS)[number];

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isId = (value: string | null): value is string => value !== null && /^[0-9a-f-]{36}$/i.test(value);

/** The filters in the URL; the plan filter only for administrators who hold billing (the server refuses it otherwise). */
function useFiltersInUrl(plans: boolean) {
  const [params, setParams] = useSearchParams();
  const type: CustomerType = params.get('type') === 'nonmember' ? 'nonmember' : 'member';
  const status: CustomerFilters['status'] = statusesOf[type].find((status) => status === params.get('status')) ?? '';
  const companyId = isId(params.get('companyId')) ? params.get('companyId')! : '';
  const planId = plans && isId(params.get('planId')) ? params.get('planId')! : '';
  const source: CustomerFilters['source'] = SOURCES.find((source) => source === params.get('source')) ?? '';
  const createdFrom = isDay(params.get('createdFrom')) ? params.get('createdFrom')! : '';
  const createdTo = isDay(params.get('createdTo')) ? params.get('createdTo')! : '';
  const sort: CustomerSort = SORT_FIELDS.flatMap((field) => [field, `-${field}` as const]).find((sort) => sort === params.get('sort')) ?? '';
  const q = params.get('q') ?? '';
  // Everything but the search, the same object while only the search changes: the filter controls take it and are
  // not rendered again as a search goes into the address.
  const others = useMemo(
    (): Omit<CustomerFilters, 'q'> => ({ type, status, companyId, planId, source, createdFrom, createdTo, sort }),
    [type, status, companyId, planId, source, createdFrom, createdTo, sort],
  );
  const filters: CustomerFilters = useMemo(() => ({ ...others, q }), [others, q]);
  /** Empty values leave the URL; typing replaces the history entry, tabs and chips add one. */
  const update = useStableCallback((changes: Partial<Record<UrlKey, string>>, replace?: boolean) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace },
    ),
  );
  return { filters, others, update };
}

export function CustomersPage() {
  const location = useAdminLocation();
  const { access } = useAdmin();
  const billing = access.can(location, 'billing');
  const { filters, others, update } = useFiltersInUrl(billing);
  const [dialog, setDialog] = useState<'invite' | 'nonmember' | null>(null);
  const customers = useCustomers(location.id, filters);
  // the same rows keep the same array, so the table is not rendered again while a search's answer is on its way
  const pages = customers.data?.pages;
  const items = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  // New rows replace old ones in the background, in slices a key press can interrupt: the answer to "mat" is not
  // drawn while "mate" is being typed, and the rows on screen stay dimmed until the new ones replace them. The first
  // rows of the page are drawn at once.
  const deferred = useDeferredValue(items);
  const shown = deferred.length === 0 ? items : deferred;
  const prefetch = usePrefetchCustomers(location.id);
  const search = useStableCallback((q: string) => {
    prefetch({ ...filters, q });
    update({ q }, true);
  });
  const sortBy = useCallback((sort: CustomerSort) => update({ sort }), [update]);
  const navigate = useNavigate();
  const openProfile = useStableCallback((customerId: string) => navigate(`/l/${location.id}/customers/${customerId}`));
  const stale = customers.isPlaceholderData || shown !== items;
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const clearFilters = useStableCallback(() => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, '']))));
  const close = () => setDialog(null);

  const actions = (
    <>
      <Button variant="default" onClick={() => setDialog('nonmember')}>
        {t('addNonmember')}
      </Button>
      <Button variant="default" component={Link} to={`/l/${location.id}/customers/invite-multiple`}>
        {t('inviteMultiple')}
      </Button>
      <Button onClick={() => setDialog('invite')}>{t('inviteUser')}</Button>
      <Menu position="bottom-end" width={200}>
        <Menu.Target>
          <ActionIcon variant="default" size={36} aria-label={t('moreActions')}>
            <span aria-hidden="true">⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href={exportUrl(location.id, filters)} download>
            {t('exportCsv')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );

  return (
    <CustomersFrame active={filters.type} actions={actions}>
      <Stack gap="md">
        {/* Nothing to filter yet: the empty state speaks alone. */}
        {(filtered || items.length > 0 || customers.isPending) && (
          <Filters location={location} filters={others} update={update} onSearch={search} filtered={filtered} onClear={clearFilters} plans={billing} />
        )}
        {customers.isPending ? (
          <LoadingSkeleton rows={8} />
        ) : customers.isError && items.length === 0 ? (
          <ErrorAlert error={customers.error} onRetry={() => void customers.refetch()} retrying={customers.isFetching} />
        ) : items.length === 0 ? (
          <EmptyCustomers
            type={filters.type}
            filtered={filtered}
            onClear={clearFilters}
            onInvite={() => setDialog('invite')}
            onAddNonmember={() => setDialog('nonmember')}
            inviteMultipleTo={`/l/${location.id}/customers/invite-multiple`}
          />
        ) : (
          <div style={{ opacity: stale ? 0.6 : 1 }} aria-busy={stale}>
            <CustomerTable customers={shown} location={location} sort={filters.sort} onSort={sortBy} onOpen={openProfile} />
          </div>
        )}
        {customers.isFetchNextPageError && <ErrorAlert error={customers.error} onRetry={() => void customers.fetchNextPage()} />}
        {customers.hasNextPage && !customers.isPlaceholderData && (
          <Group justify="center">
            <Button variant="default" onClick={() => void customers.fetchNextPage()} loading={customers.isFetchingNextPage}>
              {tAdmin('loadMore')}
            </Button>
          </Group>
        )}
      </Stack>

      <Modal opened={dialog === 'invite'} onClose={close} title={tInvitations('invite.title')} size="lg">
        <InviteUserForm location={location} onDone={close} />
      </Modal>
      <Modal opened={dialog === 'nonmember'} onClose={close} title={t('nonmember.title')} size="lg">
        <AddNonmemberForm location={location} onDone={close} />
      </Modal>
    </CustomersFrame>
  );
}

interface FiltersProps {
  location: Location;
  /** every filter but the search, which the search box reads from the address itself */
  filters: Omit<CustomerFilters, 'q'>;
  update: (changes: Partial<Record<UrlKey, string>>, replace?: boolean) => void;
  /** what the search box reports after a pause */
  onSearch: (q: string) => void;
  filtered: boolean;
  onClear: () => void;
  /** whether to offer the plan filter (administrators who hold billing) */
  plans: boolean;
}

const Filters = memo(function Filters({ location, filters, update, onSearch, filtered, onClear, plans }: FiltersProps) {
  return (
    <Stack gap="sm" role="search" aria-label={t('filters')}>
      <Group align="flex-end" gap="md" wrap="wrap">
        <CustomerSearch onSearch={onSearch} />
        <Chip.Group multiple={false} value={filters.status || 'all'} onChange={(status) => update({ status: status === 'all' ? '' : status })}>
          <Group gap="xs" role="radiogroup" aria-label={t('statusFilter')} pb={6}>
            <Chip value="all" name="status">
              {t('allStatuses')}
            </Chip>
            {statusesOf[filters.type].map((status) => (
              <Chip key={status} value={status} name="status">
                {statusLabel(status)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <CompanySelect
          locationId={location.id}
          label={t('companyFilter')}
          placeholder={t('anyCompany')}
          value={filters.companyId || null}
          onChange={(companyId) => update({ companyId: companyId ?? '' })}
          w={{ base: '100%', xs: 220 }}
        />
        {plans && <PlanFilter locationId={location.id} value={filters.planId} onChange={(planId) => update({ planId })} />}
        <Select
          label={t('sourceFilter')}
          placeholder={t('anySource')}
          data={SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }))}
          value={filters.source || null}
          onChange={(source) => update({ source: source ?? '' })}
          clearable
          w={{ base: '100%', xs: 190 }}
        />
        <TextInput
          type="date"
          label={t('createdFrom')}
          value={filters.createdFrom}
          max={filters.createdTo || undefined}
          onChange={(event) => update({ createdFrom: event.currentTarget.value }, true)}
          w={{ base: '48%', xs: 160 }}
        />
        <TextInput
          type="date"
          label={t('createdTo')}
          value={filters.createdTo}
          min={filters.createdFrom || undefined}
          onChange={(event) => update({ createdTo: event.currentTarget.value }, true)}
          w={{ base: '48%', xs: 160 }}
        />
        {filtered && (
          <Button variant="subtle" onClick={onClear}>
            {t('clearFilters')}
          </Button>
        )}
      </Group>
    </Stack>
  );
});

/** The search box; it reads the search from the address itself, so that the other filters need not follow it. */
function CustomerSearch({ onSearch }: { onSearch: (q: string) => void }) {
  const [params] = useSearchParams();
  // A short pause: a search answers in tens of milliseconds even at 1,000,000 customers, so most of the wait was the pause.
  return <SearchInput label={tAdmin('search')} placeholder={t('searchPlaceholder')} value={params.get('q') ?? ''} onSearch={onSearch} delay={100} />;
}

/** The location's plans, archived ones last and marked (their subscriptions may still cover people). */
function PlanFilter({ locationId, value, onChange }: { locationId: string; value: string; onChange: (planId: string) => void }) {
  const plans = usePlans(locationId);
  const items = [...(plans.data?.items ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived));
  return (
    <Select
      label={t('planFilter')}
      placeholder={plans.isPending ? tAdmin('loadingOptions') : t('anyPlan')}
      data={items.map((plan) => ({ value: plan.id, label: plan.archived ? t('archivedPlan', { name: plan.name }) : plan.name }))}
      value={value || null}
      onChange={(planId) => onChange(planId ?? '')}
      clearable
      searchable={items.length > 8}
      nothingFoundMessage={t('noPlanMatch')}
      w={{ base: '100%', xs: 200 }}
    />
  );
}

interface EmptyCustomersProps {
  type: CustomerType;
  filtered: boolean;
  onClear: () => void;
  onInvite: () => void;
  onAddNonmember: () => void;
  inviteMultipleTo: string;
}

function EmptyCustomers({ type, filtered, onClear, onInvite, onAddNonmember, inviteMultipleTo }: EmptyCustomersProps) {
  if (filtered) {
    return (
      <Stack gap="xs" py="xl" align="flex-start">
        <Text>{t('noMatch')}</Text>
        <Button variant="default" onClick={onClear}>
          {t('clearFilters')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="xs" py="xl" align="flex-start">
      <Text fw={600}>{t(`empty.${type}`)}</Text>
      <Text c="dimmed">{t(`emptyHelp.${type}`)}</Text>
      <Group gap="sm" mt="xs">
        {type === 'member' ? (
          <>
            <Button onClick={onInvite}>{t('inviteUser')}</Button>
            <Button variant="default" component={Link} to={inviteMultipleTo}>
              {t('inviteMultiple')}
            </Button>
          </>
        ) : (
          <Button onClick={onAddNonmember}>{t('addNonmember')}</Button>
        )}
      </Group>
    </Stack>
  );
}

const COLUMNS = ['name', 'email', 'phone', 'company', 'status', 'source', 'created', 'lastActive'] as const;
const sortableColumns = { name: 'name', created: 'created', lastActive: 'last_active' } as const satisfies Partial<Record<(typeof COLUMNS)[number], SortField>>;
type SortableColumn = keyof typeof sortableColumns;
const isSortable = (column: string): column is SortableColumn => column in sortableColumns;

/** Names sort A to Z first; dates newest first. The server's default is "-created". */
function nextSort(current: CustomerSort, field: SortField): CustomerSort {
  const active = current || '-created';
  if (active === field) return `-${field}`;
  if (active === `-${field}`) return field;
  return field === 'name' ? 'name' : `-${field}`;
}

interface CustomerTableProps {
  customers: Customer[];
  location: Location;
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  /** opens a customer's profile (a click anywhere on the row) */
  onOpen: (customerId: string) => void;
}

// Neither the table nor its rows read the address (only each name's link does): a new address does not render them
// again, and an answer renders only the rows of customers it did not show before.
const CustomerTable = memo(function CustomerTable({ customers, location, sort, onSort, onOpen }: CustomerTableProps) {
  const active = sort || '-created';
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="customers-table">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => {
              if (!isSortable(column)) return <Table.Th key={column}>{t(`column.${column}`)}</Table.Th>;
              const field = sortableColumns[column];
              const direction = active === field ? 'ascending' : active === `-${field}` ? 'descending' : undefined;
              return (
                <Table.Th key={column} aria-sort={direction}>
                  <UnstyledButton fw={700} fz="sm" onClick={() => onSort(nextSort(sort, field))} title={t(`sortBy.${column}`)}>
                    {t(`column.${column}`)}
                    <span aria-hidden="true" style={{ opacity: direction ? 1 : 0.35 }}>
                      {direction === 'ascending' ? ' ↑' : direction === 'descending' ? ' ↓' : ' ↕'}
                    </span>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((customer) => (
            <CustomerRow key={customer.id} customer={customer} location={location} onOpen={onOpen} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});

/**
 * One customer's row; an answer that keeps a customer keeps its row as it is. Plain cells with Mantine's table classes:
 * an answer mounts up to 50 new rows at once, and a Mantine component per cell made most of the wait between the
 * search's answer and its paint.
 */
const CustomerRow = memo(function CustomerRow({
  customer,
  location,
  onOpen,
}: {
  customer: Customer;
  location: Location;
  onOpen: (customerId: string) => void;
}) {
  const profile = `/l/${location.id}/customers/${customer.id}`;
  return (
    <tr className={rowClass} data-with-row-border data-hover onClick={() => onOpen(customer.id)} style={{ cursor: 'pointer' }} data-testid="customer-row">
      <td className={cellClass} style={{ fontWeight: 500 }}>
        <Anchor component={Link} to={profile} c="inherit" fw={500} fz="sm" onClick={(event: MouseEvent) => event.stopPropagation()}>
          {fullName(customer)}
        </Anchor>
      </td>
      <td className={cellClass}>{customer.email}</td>
      <td className={cellClass} style={{ whiteSpace: 'nowrap' }}>
        {customer.phone ? formatPhone(customer.phone, location.country) : ''}
      </td>
      <td className={cellClass}>
        {customer.companyName && (
          <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span>{customer.companyName}</span>
            {customer.companyManager && (
              <Badge variant="light" color="gray" size="xs" tt="none" miw="max-content">
                {t('manager')}
              </Badge>
            )}
          </span>
        )}
      </td>
      <td className={cellClass}>
        <StatusBadge status={customer.status} label={statusLabel(customer.status)} />
      </td>
      <td className={cellClass}>{sourceLabel(customer.source)}</td>
      <td className={cellClass} style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, location.timeZone)}</time>
      </td>
      <td className={cellClass} style={{ whiteSpace: 'nowrap' }}>
        {customer.lastActiveAt ? (
          <time dateTime={customer.lastActiveAt} title={formatDateTime(customer.lastActiveAt, location.timeZone)}>
            {formatRelative(customer.lastActiveAt)}
          </time>
        ) : (
          t('never')
        )}
      </td>
    </tr>
  );
});
const rowClass = Table.Tr.classes.tr;
const cellClass = Table.Td.classes.td;
