// The Billing tab's "Invoices": the person's own and, for company managers, the company's (named on each card), newest
// first, each card a link to its invoice page; "Load more" reads the next page.
import { Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDay, formatMinor } from '../../../lib/format';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { type Invoice, useInvoices } from './api';
import { InvoiceBadge } from './InvoiceStatus';
import { t } from './messages';

export function InvoiceList({ locationId }: { locationId: string }) {
  const invoices = useInvoices(locationId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="invoices">
      <Title order={2} size="h4" id="invoices">
        {t('title')}
      </Title>
      {invoices.isPending ? (
        <LoadingSkeleton rows={3} />
      ) : !invoices.data ? (
        <ErrorAlert error={invoices.error} onRetry={() => void invoices.refetch()} retrying={invoices.isFetching} />
      ) : (
        <Items invoices={invoices} />
      )}
    </Stack>
  );
}

function Items({ invoices }: { invoices: ReturnType<typeof useInvoices> }) {
  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('none')}</Text>;
  return (
    <>
      {items.map((invoice) => (
        <InvoiceCard key={invoice.id} invoice={invoice} />
      ))}
      {/* a failed next page keeps the invoices already shown */}
      {invoices.isFetchNextPageError && <ErrorAlert error={invoices.error} onRetry={() => void invoices.fetchNextPage()} />}
      {invoices.hasNextPage && (
        <Button variant="default" size="md" fullWidth loading={invoices.isFetchingNextPage} onClick={() => void invoices.fetchNextPage()}>
          {t('loadMore')}
        </Button>
      )}
    </>
  );
}

function InvoiceCard({ invoice }: { invoice: Invoice }) {
  const open = invoice.status === 'issued';
  return (
    <Card
      component={Link}
      to={`/billing/invoices/${invoice.id}`}
      withBorder
      radius="md"
      padding="md"
      data-testid="invoice"
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Stack gap={2} miw={0}>
            <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {invoice.number}
            </Text>
            {invoice.issueDate && (
              <Text size="sm" c="dimmed">
                {t('issuedOn', { date: formatDay(invoice.issueDate) })}
              </Text>
            )}
            {invoice.companyId && (
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {t('companyInvoice', { company: invoice.billTo.name })}
              </Text>
            )}
          </Stack>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <InvoiceBadge invoice={invoice} />
            <Chevron />
          </Group>
        </Group>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('total')}
            </Text>
            <Text fw={600}>{formatMinor(invoice.total, invoice.currency)}</Text>
          </Stack>
          {open && (
            <Stack gap={0} align="flex-end">
              <Text size="xs" c="dimmed">
                {t('amountDue')}
              </Text>
              <Text fw={700} size="lg" c={invoice.overdue ? 'red.9' : undefined}>
                {formatMinor(invoice.amountDue, invoice.currency)}
              </Text>
            </Stack>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Chevron() {
  return (
    <Box component="svg" viewBox="0 0 16 16" w={16} h={16} aria-hidden c="dimmed">
      <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </Box>
  );
}
