// Billing > Invoices (/admin/l/:locationId/invoices?tab=...): tabs Drafts, Issued, Overdue, Paid and Void (the tab
// lives in the URL), a table newest first whose rows open the invoice, "Load more", and "New invoice".
import { Anchor, Button, Group, Modal, Stack, Table, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDay, formatMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';
import { INVOICE_TABS, type Invoice, type InvoiceTab, useInvoices } from './api';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { t } from './messages';
import { NewInvoiceForm } from './NewInvoice';

const DEFAULT_TAB: InvoiceTab = 'issued';
const COLUMNS = ['number', 'payer', 'issueDate', 'dueDate', 'total', 'amountDue', 'status'] as const;
const MONEY_COLUMNS = new Set<string>(['total', 'amountDue']);

export const invoicePath = (locationId: string, invoiceId: string) => `/l/${locationId}/invoices/${invoiceId}`;

export function InvoicesPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const tab = INVOICE_TABS.find((candidate) => candidate === params.get('tab')) ?? DEFAULT_TAB;
  const [creating, createModal] = useDisclosure(false);
  const open = (next: string | null) => setParams(next && next !== DEFAULT_TAB ? { tab: next } : {});

  return (
    <>
      <PageHeader title={t('title')} actions={<Button onClick={createModal.open}>{t('new')}</Button>} />
      {/* one row on a phone too, scrolling sideways, rather than "Void" alone on a second row */}
      <Tabs value={tab} onChange={open} keepMounted={false} styles={{ tab: { flexShrink: 0 } }}>
        <Tabs.List aria-label={t('tabsLabel')} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {INVOICE_TABS.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`tab-${value}`}>
              {t(`tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {INVOICE_TABS.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === tab && <InvoiceList location={location} tab={tab} onNew={createModal.open} />}
          </Tabs.Panel>
        ))}
      </Tabs>
      <Modal opened={creating} onClose={createModal.close} title={t('new')} size="lg">
        {creating && <NewInvoiceForm location={location} />}
      </Modal>
    </>
  );
}

function InvoiceList({ location, tab, onNew }: { location: Location; tab: InvoiceTab; onNew: () => void }) {
  const invoices = useInvoices(location.id, { tab });
  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  if (invoices.isPending) return <LoadingSkeleton rows={6} />;
  if (invoices.isError && items.length === 0)
    return <ErrorAlert error={invoices.error} onRetry={() => void invoices.refetch()} retrying={invoices.isFetching} />;
  if (items.length === 0) {
    return (
      <Stack gap="xs" py="xl" align="flex-start">
        <Text fw={600}>{t(`empty.${tab}`)}</Text>
        <Text c="dimmed">{t(`emptyHelp.${tab}`)}</Text>
        {tab === 'draft' && (
          <Button mt="xs" onClick={onNew}>
            {t('new')}
          </Button>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <InvoiceTable invoices={items} location={location} />
      {invoices.isFetchNextPageError && <ErrorAlert error={invoices.error} onRetry={() => void invoices.fetchNextPage()} />}
      {invoices.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void invoices.fetchNextPage()} loading={invoices.isFetchingNextPage}>
            {tAdmin('loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function InvoiceTable({ invoices, location }: { invoices: Invoice[]; location: Location }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="invoices-table">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th key={column} ta={MONEY_COLUMNS.has(column) ? 'right' : undefined}>
                {t(`column.${column}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => {
            const to = invoicePath(location.id, invoice.id);
            return (
              <Table.Tr key={invoice.id} onClick={() => navigate(to)} style={{ cursor: 'pointer' }} data-testid="invoice-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    component={Link}
                    to={to}
                    fw={500}
                    fz="sm"
                    c={invoice.number ? undefined : 'dimmed'}
                    onClick={(event: MouseEvent) => event.stopPropagation()}
                  >
                    {invoice.number ?? t('draftNumber')}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{invoice.billTo.name}</Text>
                  {invoice.billTo.companyName && (
                    <Text fz="xs" c="dimmed">
                      {invoice.billTo.companyName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{invoice.issueDate ? formatDay(invoice.issueDate) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text span fz="sm" c={invoice.overdue ? 'red.8' : undefined} fw={invoice.overdue ? 600 : undefined}>
                    {invoice.dueDate ? formatDay(invoice.dueDate) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {formatMinor(invoice.total, invoice.currency)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {invoice.status === 'draft' || invoice.status === 'void' ? '—' : formatMinor(invoice.amountDue, invoice.currency)}
                </Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge invoice={invoice} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
