// One invoice (/admin/l/:locationId/invoices/:invoiceId): a draft opens in the line editor, anything else as issued.
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { useAdminLocation } from '../../admin-context';
import { type InvoiceStatus, useInvoice } from './api';
import { DraftInvoice } from './DraftInvoice';
import { IssuedInvoice } from './IssuedInvoice';
import { t } from './messages';

/** Back to the tab that lists this invoice. */
const tabOf = (status: InvoiceStatus | undefined) => (status && status !== 'issued' ? `?tab=${status}` : '');

export function InvoicePage() {
  const location = useAdminLocation();
  const { invoiceId = '' } = useParams();
  const invoice = useInvoice(location.id, invoiceId);
  const back = (
    <Anchor component={Link} to={`/l/${location.id}/invoices${tabOf(invoice.data?.status)}`} size="sm" w="fit-content">
      <span aria-hidden="true">← </span>
      {t('back')}
    </Anchor>
  );
  if (isApiError(invoice.error, 404)) {
    return (
      <Stack gap="lg" align="flex-start">
        {back}
        <Title order={1} size="h2">
          {t('notFound')}
        </Title>
        <Text>{t('notFoundHelp')}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      {invoice.isPending ? (
        <LoadingSkeleton rows={10} />
      ) : invoice.isError ? (
        <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} retrying={invoice.isFetching} />
      ) : invoice.data.status === 'draft' ? (
        // a new key once issued: the editor's state does not outlive the draft
        <DraftInvoice key={invoice.data.id} invoice={invoice.data} location={location} />
      ) : (
        <IssuedInvoice key={invoice.data.id} invoice={invoice.data} location={location} />
      )}
    </Stack>
  );
}
