// /dev/checkout/:checkoutId: the checkout page of the dev payment provider (PAYMENTS_DEV=1), standing in for Stripe's
// when trying Atrium out and in tests. It says plainly that no real money moves; Pay and Fail complete the checkout
// as a provider's event would, then go back to the invoice (confirming the payment, or saying it failed).
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatMinor } from '../../../lib/format';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyError } from '../../../ui/notify';
import { RequireMe } from '../../../ui/RequireMe';
import { type DevCheckout, useCompleteDevCheckout, useDevCheckout, useInvoice } from './api';
import type { InvoicePageState } from './InvoicePage';
import { t } from './messages';

export function DevCheckoutPage() {
  return <RequireMe>{() => <CheckoutLoader />}</RequireMe>;
}

function CheckoutLoader() {
  const { checkoutId = '' } = useParams();
  const checkout = useDevCheckout(checkoutId);
  if (checkout.isPending) {
    return (
      <CenteredPage title={t('dev.title')}>
        <LoadingSkeleton rows={4} />
      </CenteredPage>
    );
  }
  if (isApiError(checkout.error, 404)) {
    return (
      <CenteredPage title={t('dev.notFoundTitle')}>
        <Text>{t('dev.notFound')}</Text>
        <Button component={Link} to="/billing" variant="default" size="md" fullWidth>
          {t('dev.toBilling')}
        </Button>
      </CenteredPage>
    );
  }
  if (!checkout.data) {
    return (
      <CenteredPage title={t('dev.title')}>
        <ErrorAlert error={checkout.error} onRetry={() => void checkout.refetch()} retrying={checkout.isFetching} />
      </CenteredPage>
    );
  }
  const data = checkout.data;
  const invoicePath = `/billing/invoices/${encodeURIComponent(data.invoiceId)}`;
  if (data.status !== 'open') {
    return (
      <CenteredPage title={t('dev.closedTitle')}>
        <Text data-testid="dev-checkout-closed">{t(`dev.closed.${data.status}`)}</Text>
        <Button component={Link} to={invoicePath} size="md" fullWidth>
          {t('dev.toInvoice')}
        </Button>
      </CenteredPage>
    );
  }
  return <OpenCheckout checkout={data} invoicePath={invoicePath} onClosed={() => void checkout.refetch()} />;
}

function OpenCheckout({ checkout, invoicePath, onClosed }: { checkout: DevCheckout; invoicePath: string; onClosed: () => void }) {
  const navigate = useNavigate();
  const complete = useCompleteDevCheckout(checkout.checkoutId);
  // the invoice's number, when it can be read
  const invoice = useInvoice(checkout.locationId, checkout.invoiceId);
  const amount = formatMinor(checkout.amount, checkout.currency);

  const finish = (outcome: 'paid' | 'failed') =>
    complete.mutate(outcome, {
      onSuccess: () => {
        if (outcome === 'paid') navigate(`${invoicePath}?checkout=${encodeURIComponent(checkout.checkoutId)}`);
        else navigate(invoicePath, { state: { paymentFailed: true } satisfies InvoicePageState });
      },
      onError: (error) => {
        // closed meanwhile (expired, or completed in another tab): the page says so
        if (isApiError(error, 409) || isApiError(error, 404)) onClosed();
        else notifyError(error);
      },
    });
  const pending = complete.isPending ? complete.variables : null;

  return (
    <CenteredPage title={t('dev.title')}>
      <Alert color="yellow" role="note" data-testid="dev-checkout-notice">
        {t('dev.notice')}
      </Alert>
      <Stack gap={2} align="center" py="sm">
        <Text c="dimmed">{t('dev.amount')}</Text>
        <Text fw={700} fz={36} lh={1.2} data-testid="dev-checkout-amount">
          {amount}
        </Text>
        {invoice.data?.number && <Text>{t('dev.forInvoice', { number: invoice.data.number })}</Text>}
      </Stack>
      <Text size="sm">{t('dev.explain')}</Text>
      <Stack gap="sm">
        <Button size="lg" color="teal.9" fullWidth loading={pending === 'paid'} disabled={pending === 'failed'} onClick={() => finish('paid')}>
          {t('dev.pay', { amount })}
        </Button>
        <Button size="lg" variant="default" fullWidth loading={pending === 'failed'} disabled={pending === 'paid'} onClick={() => finish('failed')}>
          {t('dev.fail')}
        </Button>
      </Stack>
      <Anchor component={Link} to={invoicePath} ta="center" py="xs">
        {t('dev.back')}
      </Anchor>
    </CenteredPage>
  );
}
