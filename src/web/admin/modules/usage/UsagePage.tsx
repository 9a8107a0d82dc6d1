// Network > Usage (/admin/l/:locationId/usage): the active users of the location's organization for a month (picked,
// kept in the URL) per location and in total (each person once), a chart of the last 12 months with its numbers as a
// table one click away, and the people behind the counts with why they count.
import { BarChart } from '@mantine/charts';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, formatMonth, formatNumber } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { type Usage, useUsage, useUsageMonths, useUsagePeople } from './api';
import { t } from './messages';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `n` months before `month` ('YYYY-MM'). */
function monthsBack(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function UsagePage() {
  const location = useAdminLocation();
  const { access } = useAdmin();
  const organization = access.organizationOf(location);
  const organizationId = location.organizationId;
  const thisMonth = new Date().toISOString().slice(0, 7);
  const [params, setParams] = useSearchParams();
  const asked = params.get('month') ?? '';
  const month = MONTH.test(asked) && asked <= thisMonth ? asked : thisMonth;
  const choices = Array.from({ length: 24 }, (_, i) => monthsBack(thisMonth, i)).map((value) => ({ value, label: formatMonth(value, 'long') }));

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Select
            label={t('month')}
            data={choices}
            value={month}
            allowDeselect={false}
            onChange={(value) => value && setParams(value === thisMonth ? {} : { month: value }, { replace: true })}
            w={200}
            data-testid="usage-month"
          />
        }
      />
      <Text c="dimmed" mb="md">
        {t('intro', { organization: organization?.name ?? '' })}
      </Text>
      <Stack gap="lg">
        <MonthChart organizationId={organizationId} to={thisMonth} />
        <ByLocation organizationId={organizationId} month={month} />
      </Stack>
    </>
  );
}

function MonthChart({ organizationId, to }: { organizationId: string; to: string }) {
  const from = monthsBack(to, 11);
  const months = useUsageMonths(organizationId, from, to);
  const [asTable, setAsTable] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('chart.title')}
        </Title>
        <Button variant="subtle" size="compact-sm" onClick={() => setAsTable((v) => !v)}>
          {asTable ? t('chart.showChart') : t('chart.showTable')}
        </Button>
      </Group>
      {months.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : months.isError ? (
        <ErrorAlert error={months.error} onRetry={() => void months.refetch()} retrying={months.isFetching} />
      ) : asTable ? (
        <Table data-testid="usage-months-table">
          <TableHead columns={[t('column.month'), t('column.activeUsers')]} />
          <Table.Tbody>
            {months.data.months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{formatMonth(m.month, 'long')}</Table.Td>
                <Table.Td>{formatNumber(m.total)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <div data-testid="usage-chart">
          <BarChart
            h={260}
            data={months.data.months.map((m) => ({ month: formatMonth(m.month, 'short'), total: m.total }))}
            dataKey="month"
            series={[{ name: 'total', label: t('chart.series'), color: 'blue.7' }]}
            xAxisLabel={t('chart.xAxis')}
            yAxisLabel={t('chart.yAxis')}
            valueFormatter={(value) => formatNumber(value)}
            yAxisProps={{ allowDecimals: false }}
            withTooltip
          />
        </div>
      )}
    </Card>
  );
}

function ByLocation({ organizationId, month }: { organizationId: string; month: string }) {
  const usage = useUsage(organizationId, month);
  if (usage.isPending) return <LoadingSkeleton rows={4} />;
  if (usage.isError) return <ErrorAlert error={usage.error} onRetry={() => void usage.refetch()} retrying={usage.isFetching} />;
  return (
    <>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('locations.title')}
        </Title>
        <Table data-testid="usage-locations">
          <TableHead columns={[t('column.location'), t('column.activeUsers')]} />
          <Table.Tbody>
            {usage.data.locations.map((l) => (
              <Table.Tr key={l.locationId}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{formatNumber(l.activeUsers)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('total')}</Table.Th>
              <Table.Th data-testid="usage-total">{formatNumber(usage.data.total)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Card>
      <People organizationId={organizationId} month={month} usage={usage.data} />
    </>
  );
}

function People({ organizationId, month, usage }: { organizationId: string; month: string; usage: Usage }) {
  const [locationId, setLocationId] = useState<string | null>(null);
  const people = useUsagePeople(organizationId, month, locationId);
  const names = new Map(usage.locations.map((l) => [l.locationId, l.name]));
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4">
          {t('people.title')}
        </Title>
        <Select
          label={t('people.location')}
          data={[{ value: '', label: t('people.allLocations') }, ...usage.locations.map((l) => ({ value: l.locationId, label: l.name }))]}
          value={locationId ?? ''}
          onChange={(value) => setLocationId(value || null)}
          allowDeselect={false}
          w={220}
        />
      </Group>
      {people.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : people.isError ? (
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} retrying={people.isFetching} />
      ) : items.length === 0 ? (
        <Stack gap="xs" py="md">
          <Text fw={600}>{t('people.empty')}</Text>
          <Text c="dimmed">{t('people.emptyHelp')}</Text>
        </Stack>
      ) : (
        <>
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" data-testid="usage-people">
              <TableHead columns={[t('column.person'), t('column.location'), t('column.reasons'), t('column.firstAt')]} />
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={`${p.userId}-${p.locationId}`}>
                    <Table.Td>
                      <Text fz="sm" fw={500}>
                        {[p.firstName, p.lastName].filter(Boolean).join(' ') || p.email}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {p.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{names.get(p.locationId) ?? ''}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {p.reasons.map((reason) => (
                          <Badge key={reason} variant="light" tt="none" size="sm">
                            {t(`reason.${reason}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(p.firstAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {people.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
                {t('loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Card>
  );
}
