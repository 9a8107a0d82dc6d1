// Customers of a location (/admin/l/:locationId/customers): member/nonmember tabs, search and status in the URL, paged table.
import { Button, Chip, Group, Stack, Table, Tabs, Text, UnstyledButton } from '@mantine/core';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, formatDateTime, formatPhone, formatRelative } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer, CustomerStatus, CustomerType, Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchInput } from '../../../ui/SearchInput';
import { StatusBadge } from '../../../ui/StatusBadge';
import { useAdminLocation } from '../../admin-context';
import { text } from '../../text';
import { SORT_FIELDS, useCustomers, type CustomerFilters, type CustomerSort, type SortField } from './api';

const t = text.customers;
const types: CustomerType[] = ['member', 'nonmember'];
const statusesOf: Record<CustomerType, CustomerStatus[]> = { member: ['invited', 'active', 'removed'], nonmember: ['active', 'removed'] };

function useFiltersInUrl() {
  const [params, setParams] = useSearchParams();
  const type: CustomerType = params.get('type') === 'nonmember' ? 'nonmember' : 'member';
  const filters: CustomerFilters = {
    type,
    q: params.get('q') ?? '',
    status: statusesOf[type].find((status) => status === params.get('status')) ?? '',
    sort: SORT_FIELDS.flatMap((field) => [field, `-${field}` as const]).find((sort) => sort === params.get('sort')) ?? '',
  };
  /** Empty values leave the URL; typing replaces the history entry, tabs and chips add one. */
  const update = useCallback(
    (changes: Partial<Record<'type' | 'q' | 'status' | 'sort', string>>, replace = false) =>
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
    [setParams],
  );
  return { filters, update };
}

export function CustomersPage() {
  const location = useAdminLocation();
  const { filters, update } = useFiltersInUrl();
  const customers = useCustomers(location.id, filters);
  const items = customers.data?.pages.flatMap((page) => page.items) ?? [];
  const total = customers.data?.pages[0]?.total;
  const onSearch = useCallback((q: string) => update({ q }, true), [update]);

  return (
    <>
      <PageHeader title={t.title} count={customers.data ? (total ?? t.count(items.length, customers.hasNextPage)) : undefined} />
      <Tabs value={filters.type} onChange={(type) => update({ type: type === 'nonmember' ? type : '', status: '' })}>
        <Tabs.List>
          {types.map((type) => (
            <Tabs.Tab key={type} value={type}>
              {t.tabs[type]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {types.map((type) => (
          <Tabs.Panel key={type} value={type} pt="md">
            {type === filters.type && (
              <Stack gap="md">
                <Group align="flex-end" gap="md" wrap="wrap">
                  <SearchInput label={t.search} placeholder={t.searchPlaceholder} value={filters.q} onSearch={onSearch} />
                  <Chip.Group multiple={false} value={filters.status || 'all'} onChange={(status) => update({ status: status === 'all' ? '' : status })}>
                    <Group gap="xs" role="radiogroup" aria-label={t.statusFilter} pb={6}>
                      <Chip value="all" name="status">
                        {t.allStatuses}
                      </Chip>
                      {statusesOf[type].map((status) => (
                        <Chip key={status} value={status} name="status">
                          {text.status[status]}
                        </Chip>
                      ))}
                    </Group>
                  </Chip.Group>
                </Group>
                {customers.isPending ? (
                  <LoadingSkeleton rows={8} />
                ) : customers.isError && items.length === 0 ? (
                  <ErrorAlert error={customers.error} onRetry={() => void customers.refetch()} retrying={customers.isFetching} />
                ) : items.length === 0 ? (
                  <EmptyCustomers type={type} filtered={Boolean(filters.q || filters.status)} />
                ) : (
                  <div style={{ opacity: customers.isPlaceholderData ? 0.6 : 1 }} aria-busy={customers.isPlaceholderData}>
                    <CustomerTable customers={items} location={location} sort={filters.sort} onSort={(sort) => update({ sort })} />
                  </div>
                )}
                {customers.isFetchNextPageError && <ErrorAlert error={customers.error} onRetry={() => void customers.fetchNextPage()} />}
                {customers.hasNextPage && !customers.isPlaceholderData && (
                  <Group justify="center">
                    <Button variant="default" onClick={() => void customers.fetchNextPage()} loading={customers.isFetchingNextPage}>
                      {t.loadMore}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

function EmptyCustomers({ type, filtered }: { type: CustomerType; filtered: boolean }) {
  if (filtered) return <Text py="xl">{t.noMatch}</Text>;
  return (
    <Stack gap={4} py="xl">
      <Text fw={600}>{t.empty[type]}</Text>
      <Text c="dimmed">{t.emptyHelp[type]}</Text>
    </Stack>
  );
}

const sortableColumns: Partial<Record<keyof typeof t.columns, SortField>> = { name: 'name', created: 'created', lastActive: 'last_active' };

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
}

function CustomerTable({ customers, location, sort, onSort }: CustomerTableProps) {
  const active = sort || '-created';
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            {(Object.keys(t.columns) as (keyof typeof t.columns)[]).map((column) => {
              const field = sortableColumns[column];
              if (!field) return <Table.Th key={column}>{t.columns[column]}</Table.Th>;
              const direction = active === field ? 'ascending' : active === `-${field}` ? 'descending' : undefined;
              return (
                <Table.Th key={column} aria-sort={direction}>
                  <UnstyledButton fw={700} fz="sm" onClick={() => onSort(nextSort(sort, field))}>
                    {t.columns[column]}
                    {direction && <span aria-hidden="true">{direction === 'ascending' ? ' ↑' : ' ↓'}</span>}
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((customer) => (
            <Table.Tr key={customer.id}>
              <Table.Td fw={500}>{fullName(customer)}</Table.Td>
              <Table.Td>{customer.email}</Table.Td>
              <Table.Td>{customer.phone ? formatPhone(customer.phone, location.country) : ''}</Table.Td>
              <Table.Td>
                <StatusBadge status={customer.status} label={text.status[customer.status]} />
              </Table.Td>
              <Table.Td>
                <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, location.timeZone)}</time>
              </Table.Td>
              <Table.Td>
                {customer.lastActiveAt ? (
                  <time dateTime={customer.lastActiveAt} title={formatDateTime(customer.lastActiveAt, location.timeZone)}>
                    {formatRelative(customer.lastActiveAt)}
                  </time>
                ) : (
                  t.never
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
