// Analytics (/admin/l/:locationId/analytics): a month range (the last 12 months by default, in the URL), charts of
// members and nonmembers, invitations sent and accepted, active users, meeting-room occupancy and money, each with
// its numbers as a table one click away; then Custom reports, a CSV of a chosen report between two dates.
import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Button, Card, Collapse, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatMinor, formatMoney, formatMonth, formatNumber, toMajor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminLocation } from '../../admin-context';
import { addMonths, currentMonth, MAX_MONTHS, type MonthFigures, monthsIn, REPORT_NAMES, type ReportName, reportUrl, today, useAnalytics } from './api';
import { t } from './messages';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const percent = (value: number | null) => (value === null ? t('noRate') : formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 }));
/** A share in percent with one decimal, or null when there is nothing to divide by. */
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function AnalyticsPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const now = currentMonth(location.timeZone);
  const paramFrom = params.get('from');
  const paramTo = params.get('to');
  const to = paramTo && MONTH.test(paramTo) ? paramTo : now;
  const from = paramFrom && MONTH.test(paramFrom) ? paramFrom : addMonths(to, -11);
  const count = monthsIn(from, to);
  const rangeError = count === 0 ? t('range.backwards') : count > MAX_MONTHS ? t('range.tooLong', { max: MAX_MONTHS }) : null;
  const options = Array.from({ length: 60 }, (_, i) => addMonths(now, -i)).map((m) => ({ value: m, label: formatMonth(m, 'long') }));
  const setRange = (next: { from?: string; to?: string }) => setParams({ from: next.from ?? from, to: next.to ?? to }, { replace: true });
  return (
    <>
      <PageHeader title={t('title')} />
      <Group align="flex-start" mb="lg" role="group" aria-label={t('range.label')}>
        <Select
          label={t('from')}
          data={options}
          value={from}
          onChange={(v) => v && setRange({ from: v })}
          allowDeselect={false}
          w={200}
          data-testid="range-from"
        />
        <Select
          label={t('to')}
          data={options}
          value={to}
          onChange={(v) => v && setRange({ to: v })}
          allowDeselect={false}
          w={200}
          error={rangeError}
          data-testid="range-to"
        />
      </Group>
      {!rangeError && <Figures location={location} from={from} to={to} />}
      <Reports location={location} defaultFrom={`${from}-01`} />
    </>
  );
}

function Figures({ location, from, to }: { location: Location; from: string; to: string }) {
  const figures = useAnalytics(location.id, from, to, true);
  if (figures.isPending) return <LoadingSkeleton rows={8} />;
  if (figures.isError) return <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} retrying={figures.isFetching} />;
  const { months, currency } = figures.data;
  const quiet = months.every((m) => Object.entries(m).every(([key, value]) => key === 'month' || key === 'roomOpenMinutes' || value === 0));
  if (quiet) {
    return (
      <Stack gap="xs" py="xl" align="flex-start" data-testid="analytics-empty">
        <Text fw={600}>{t('empty')}</Text>
        <Text c="dimmed">{t('emptyHelp')}</Text>
      </Stack>
    );
  }
  return <Charts months={months} currency={currency} />;
}

function Charts({ months, currency }: { months: MonthFigures[]; currency: string }) {
  const rows = months.map((m) => ({
    ...m,
    label: formatMonth(m.month, 'short'),
    rate: share(m.invitationsAccepted, m.invitationsSent),
    occupancy: share(m.roomBookedMinutes, m.roomOpenMinutes),
    revenueMajor: toMajor(m.revenue, currency),
    invoicedMajor: toMajor(m.invoiced, currency),
  }));
  const sent = months.reduce((n, m) => n + m.invitationsSent, 0);
  const accepted = months.reduce((n, m) => n + m.invitationsAccepted, 0);
  const count = (v: number) => formatNumber(v);
  const money = (v: number) => formatMinor(v, currency);
  const hours = (minutes: number) => formatNumber(minutes / 60, { maximumFractionDigits: 1 });
  const common = { h: 260, data: rows, dataKey: 'label', tooltipAnimationDuration: 0, xAxisLabel: t('month'), curveType: 'linear' } as const;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" mb="xl">
      <ChartCard
        id="members"
        title={t('chart.members')}
        help={t('chart.membersHelp')}
        table={{
          columns: [t('series.members'), t('series.nonmembers')],
          rows: months.map((m) => [m.month, count(m.members), count(m.nonmembers)]),
        }}
      >
        <LineChart
          {...common}
          yAxisLabel={t('axis.people')}
          valueFormatter={count}
          withLegend
          series={[
            { name: 'members', label: t('series.members'), color: 'blue.6' },
            { name: 'nonmembers', label: t('series.nonmembers'), color: 'teal.6' },
          ]}
        />
      </ChartCard>
      <ChartCard
        id="invitations"
        title={t('chart.invitations')}
        help={t('chart.invitationsHelp')}
        note={t('acceptance', { rate: percent(share(accepted, sent)) })}
        table={{
          columns: [t('series.sent'), t('series.accepted'), t('series.rate')],
          rows: rows.map((m) => [m.month, count(m.invitationsSent), count(m.invitationsAccepted), percent(m.rate)]),
        }}
      >
        <BarChart
          {...common}
          yAxisLabel={t('axis.invitations')}
          valueFormatter={count}
          withLegend
          series={[
            { name: 'invitationsSent', label: t('series.sent'), color: 'violet.6' },
            { name: 'invitationsAccepted', label: t('series.accepted'), color: 'green.6' },
          ]}
        />
      </ChartCard>
      <ChartCard
        id="active-users"
        title={t('chart.activeUsers')}
        help={t('chart.activeUsersHelp')}
        table={{ columns: [t('series.activeUsers')], rows: months.map((m) => [m.month, count(m.activeUsers)]) }}
      >
        <AreaChart
          {...common}
          yAxisLabel={t('axis.people')}
          valueFormatter={count}
          withDots
          series={[{ name: 'activeUsers', label: t('series.activeUsers'), color: 'orange.6' }]}
        />
      </ChartCard>
      <ChartCard
        id="occupancy"
        title={t('chart.occupancy')}
        help={t('chart.occupancyHelp')}
        table={{
          columns: [t('series.booked'), t('series.open'), t('series.occupancy')],
          rows: rows.map((m) => [m.month, hours(m.roomBookedMinutes), hours(m.roomOpenMinutes), percent(m.occupancy)]),
        }}
      >
        <LineChart
          {...common}
          yAxisLabel={t('axis.percent')}
          unit="%"
          // a share of the opening hours: always on a 0 to 100 scale (small values would repeat rounded ticks)
          yAxisProps={{ domain: [0, 100] }}
          valueFormatter={(v) => percent(v)}
          connectNulls={false}
          series={[{ name: 'occupancy', label: t('series.occupancy'), color: 'cyan.6' }]}
        />
      </ChartCard>
      <ChartCard
        id="money"
        title={t('chart.money')}
        help={t('chart.moneyHelp')}
        table={{
          columns: [t('series.revenue'), t('series.invoiced')],
          rows: months.map((m) => [m.month, money(m.revenue), money(m.invoiced)]),
        }}
      >
        <BarChart
          {...common}
          yAxisLabel={t('axis.money', { currency })}
          valueFormatter={(v) => formatMoney(v, currency)}
          withLegend
          yAxisProps={{ width: 80 }}
          series={[
            { name: 'revenueMajor', label: t('series.revenue'), color: 'green.7' },
            { name: 'invoicedMajor', label: t('series.invoiced'), color: 'gray.6' },
          ]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function ChartCard({
  id,
  title,
  help,
  note,
  table,
  children,
}: {
  id: string;
  title: string;
  help: string;
  note?: string;
  table: { columns: string[]; rows: string[][] };
  children: ReactNode;
}) {
  const [open, toggle] = useDisclosure(false);
  const headingId = `chart-${id}-title`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {help}
      </Text>
      {children}
      {note && (
        <Text fz="sm" mt="xs">
          {note}
        </Text>
      )}
      <Button variant="subtle" size="compact-sm" mt="xs" onClick={toggle.toggle} aria-expanded={open} w="fit-content">
        {open ? t('hideTable') : t('showTable')}
      </Button>
      <Collapse expanded={open}>
        <Table.ScrollContainer minWidth={320}>
          <Table striped fz="sm" mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('month')}</Table.Th>
                {table.columns.map((c) => (
                  <Table.Th key={c} ta="right">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map(([month, ...cells]) => (
                <Table.Tr key={month}>
                  <Table.Td>{formatMonth(month, 'long')}</Table.Td>
                  {cells.map((cell, i) => (
                    <Table.Td key={table.columns[i]} ta="right">
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Card>
  );
}

function Reports({ location, defaultFrom }: { location: Location; defaultFrom: string }) {
  const [report, setReport] = useState<ReportName>('users');
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(() => today(location.timeZone));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const badRange = valid && from > to;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="custom-reports-title" data-testid="custom-reports">
      <Title order={2} size="h3" id="custom-reports-title">
        {t('reports.title')}
      </Title>
      <Text fz="sm" c="dimmed" mb="md" maw={760}>
        {t('reports.help', { currency: location.currency })}
      </Text>
      <Group align="flex-start">
        <Select
          label={t('reports.report')}
          data={REPORT_NAMES.map((name) => ({ value: name, label: t(`report.${name}`) }))}
          value={report}
          onChange={(v) => v && setReport(v as ReportName)}
          allowDeselect={false}
          w={280}
          data-testid="report-name"
        />
        <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={180} data-testid="report-from" />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={180}
          error={badRange ? t('reports.badRange') : null}
          data-testid="report-to"
        />
        <Button
          component="a"
          href={valid && !badRange ? reportUrl(location.id, report, from, to) : undefined}
          download
          mt={25}
          disabled={!valid || badRange}
          data-testid="report-download"
        >
          {t('reports.download')}
        </Button>
      </Group>
    </Card>
  );
}
