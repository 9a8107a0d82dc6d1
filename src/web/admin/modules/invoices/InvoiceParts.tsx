// Pieces of the invoice page shared by a draft and an issued invoice: the heading with its actions, the payer block,
// the facts (number, dates), the totals aligned right, and money and rates as an invoice writes them.
import { Anchor, Box, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatMinor, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { useAdmin } from '../../admin-context';
import type { Invoice } from './api';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { t } from './messages';

/** A tax rate in basis points as a percentage in the reader's language (2000 → "20%"). */
export const formatRate = (bps: number) => formatNumber(bps / 10_000, { style: 'percent', maximumFractionDigits: 2 });

export const money = (amount: number, invoice: Pick<Invoice, 'currency'>) => formatMinor(amount, invoice.currency);

/** Figures in a table column: right-aligned, digits of equal width, never wrapped. */
export const figureStyle = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

export function InvoiceHeading({ invoice, actions }: { invoice: Invoice; actions: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} size="h2" data-testid="invoice-title">
            {invoice.number ? t('invoiceTitle', { number: invoice.number }) : t('draftTitle')}
          </Title>
          <InvoiceStatusBadge invoice={invoice} size="lg" />
        </Group>
        <Text c="dimmed" size="sm">
          {invoice.billTo.name}
          {invoice.billTo.companyName ? ` · ${invoice.billTo.companyName}` : ''}
        </Text>
      </Stack>
      <Group gap="sm" role="group" aria-label={t('actions')}>
        {actions}
      </Group>
    </Group>
  );
}

/** Who pays, as the invoice names them (frozen at issue), with a link to their profile or company page. */
export function BillTo({ invoice, location }: { invoice: Invoice; location: Location }) {
  const { access } = useAdmin();
  const { billTo } = invoice;
  const canOpen = access.can(location, 'customers');
  return (
    <Stack gap={2} data-testid="bill-to" miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('billTo')}
      </Text>
      <Text fw={600}>{billTo.name}</Text>
      {billTo.companyName && <Text size="sm">{billTo.companyName}</Text>}
      {billTo.address && (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {billTo.address}
        </Text>
      )}
      {billTo.taxId && <Text size="sm">{t('taxId', { taxId: billTo.taxId })}</Text>}
      {billTo.email && (
        <Text size="sm" c="dimmed">
          {billTo.email}
        </Text>
      )}
      {canOpen && (invoice.customerId || invoice.companyId) && (
        <Anchor
          component={Link}
          size="sm"
          to={invoice.customerId ? `/l/${location.id}/customers/${invoice.customerId}` : `/l/${location.id}/companies/${invoice.companyId}`}
        >
          {invoice.customerId ? t('openProfile') : t('openCompany')}
        </Anchor>
      )}
    </Stack>
  );
}

/** Label and value pairs beside the payer: number, dates. */
export function Facts({ facts }: { facts: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <SimpleGrid component="dl" cols={2} spacing="lg" verticalSpacing="xs" m={0}>
      {facts.map((fact) => (
        <Box key={fact.label} miw={0}>
          <Text component="dt" size="xs" c="dimmed">
            {fact.label}
          </Text>
          <Text component="dd" m={0} size="sm" fw={500} data-testid={fact.testId}>
            {fact.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}

export interface TotalRow {
  label: string;
  amount: string;
  strong?: boolean;
  testId?: string;
}

/** The totals under the lines, aligned right as on paper; the last strong row is what matters (total, amount due). */
export function Totals({ rows, note }: { rows: TotalRow[]; note?: ReactNode }) {
  return (
    <Group justify="flex-end">
      <Stack gap={4} w={{ base: '100%', xs: 340 }}>
        <Table verticalSpacing={4} withRowBorders={false} data-testid="invoice-totals">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label} style={row.strong ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}>
                <Table.Th fw={row.strong ? 700 : 400} c={row.strong ? undefined : 'dimmed'} scope="row">
                  {row.label}
                </Table.Th>
                <Table.Td ta="right" fw={row.strong ? 700 : 400} style={figureStyle} data-testid={row.testId}>
                  {row.amount}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {note && (
          <Text size="xs" c="dimmed" ta="right">
            {note}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
