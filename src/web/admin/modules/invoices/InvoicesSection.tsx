// "Invoices" card of a customer profile or a company page: that payer's invoices newest first, each opening the
// invoice page, "Load more", and "New invoice" for this payer.
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDay } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { tAdmin } from '../../messages';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { type Payer, useInvoices } from './api';
import { figureStyle, money } from './InvoiceParts';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { invoicePath } from './InvoicesPage';
import { t } from './messages';
import { NewInvoiceButton } from './NewInvoice';

interface SectionProps {
  location: Location;
  payer: Payer;
  /** The customer's or company's name, for the button's accessible name. */
  name: string;
  /** False for a removed customer: they keep their invoices but take no new one. */
  canInvoice?: boolean;
}

export function InvoicesSection({ location, payer, name, canInvoice = true }: SectionProps) {
  const invoices = useInvoices(location.id, payer, 10);
  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <ProfileSection id="invoices" title={t('section.title')} action={canInvoice && <NewInvoiceButton location={location} payer={payer} name={name} />}>
      {invoices.isPending ? (
        <LoadingSkeleton rows={2} />
      ) : invoices.isError && items.length === 0 ? (
        <ErrorAlert error={invoices.error} onRetry={() => void invoices.refetch()} retrying={invoices.isFetching} />
      ) : (
        <ProfileList items={items} empty={t('section.none')} spacing="sm" testId="invoices-list" itemTestId="invoice">
          {(invoice) => (
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} miw={0}>
                <Anchor component={Link} to={invoicePath(location.id, invoice.id)} size="sm" fw={500}>
                  {invoice.number ?? t('draftNumber')}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {invoice.issueDate ? formatDay(invoice.issueDate) : invoice.lines.map((line) => line.description).join(', ') || t('noLines')}
                </Text>
              </Stack>
              <Group gap="sm" wrap="nowrap">
                <Text size="sm" style={figureStyle}>
                  {money(invoice.total, invoice)}
                </Text>
                <InvoiceStatusBadge invoice={invoice} size="sm" />
              </Group>
            </Group>
          )}
        </ProfileList>
      )}
      {invoices.isFetchNextPageError && <ErrorAlert error={invoices.error} onRetry={() => void invoices.fetchNextPage()} />}
      {invoices.hasNextPage && (
        <Group justify="center">
          <Button size="compact-sm" variant="default" onClick={() => void invoices.fetchNextPage()} loading={invoices.isFetchingNextPage}>
            {tAdmin('loadMore')}
          </Button>
        </Group>
      )}
    </ProfileSection>
  );
}
