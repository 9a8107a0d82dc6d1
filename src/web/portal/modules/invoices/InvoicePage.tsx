// /billing/invoices/:invoiceId: one of the person's invoices (the link of the invoice emails, which names no location:
// the invoice is looked for at each of the person's locations in turn, the one shown first). Amount due with "Pay now"
// (when the location has a payment provider) and "Download PDF" on top; then dates, payer, lines, totals, payments and
// credit notes. Back from a checkout (?checkout=<id>) it reads the invoice again every 2 s, up to a minute, until the
// payment has landed.
import { Alert, Box, Button, Card, Divider, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatDate, formatDay, formatMinor } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyErrorWith } from '../../../ui/notify';
import { usePortalLocation, usePortalMe } from '../../portal-context';
import { useLocations } from '../locations/api';
import { liveMemberships } from '../me/api';
import { type Invoice, invoicePdfUrl, useFindInvoice, useInvoice, usePaymentProviders, useRefreshInvoices, useStartCheckout } from './api';
import { formatRate, InvoiceBadge } from './InvoiceStatus';
import { t } from './messages';

/** How often, and how long, the page reads the invoice again after a checkout. */
export const CONFIRM_POLL_MS = 2_000;
export const CONFIRM_WAIT_MS = 60_000;

/** What the dev checkout's Fail button leaves in the router state for this page. */
export interface InvoicePageState {
  paymentFailed?: boolean;
}

export function InvoicePage() {
  const { invoiceId = '' } = useParams();
  const me = usePortalMe();
  const location = usePortalLocation();
  // The locations to look in, fixed once: the one shown first, then the person's others in the order of /me.
  const [candidates] = useState(() => {
    const ids = liveMemberships(me).map((membership) => membership.locationId);
    const shown = location.current?.locationId;
    return shown ? [shown, ...ids.filter((id) => id !== shown)] : ids;
  });
  const found = useFindInvoice(invoiceId, candidates);
  const foundAt = found.data?.locationId;

  // An invoice of another of the person's locations: the portal shows that location from now on.
  const { current, switchTo } = location;
  useEffect(() => {
    if (foundAt && foundAt !== current?.locationId) switchTo(foundAt);
  }, [foundAt, current?.locationId, switchTo]);

  if (found.isPending) return <LoadingSkeleton rows={8} />;
  if (found.isError) return <ErrorAlert error={found.error} onRetry={() => void found.refetch()} retrying={found.isFetching} />;
  if (!foundAt) {
    return (
      <Stack gap="md">
        <BackToBilling />
        <Title order={1} size="h2">
          {t('notFoundTitle')}
        </Title>
        <Text>{t('notFound')}</Text>
      </Stack>
    );
  }
  return <InvoiceView key={`${foundAt}/${invoiceId}`} locationId={foundAt} invoiceId={invoiceId} />;
}

type Confirmation = 'waiting' | 'received' | 'slow' | null;

function InvoiceView({ locationId, invoiceId }: { locationId: string; invoiceId: string }) {
  const me = usePortalMe();
  const locations = useLocations();
  const navigate = useNavigate();
  const routerLocation = useLocation();
  const [params, setParams] = useSearchParams();
  const refreshInvoices = useRefreshInvoices();
  // Back from a checkout: confirming until the invoice reads paid, for up to a minute.
  const [confirmation, setConfirmation] = useState<Confirmation>(() => (params.get('checkout') ? 'waiting' : null));
  // Back from a failed test checkout: said once, not again on reload.
  const [failed] = useState(() => Boolean((routerLocation.state as InvoicePageState | null)?.paymentFailed));
  const invoice = useInvoice(locationId, invoiceId, confirmation === 'waiting' ? CONFIRM_POLL_MS : false);
  const paid = invoice.data?.status === 'paid';

  const cleared = useRef(false);
  useEffect(() => {
    if (!failed || cleared.current) return;
    cleared.current = true;
    navigate({ search: routerLocation.search }, { replace: true, state: null });
  }, [failed, navigate, routerLocation.search]);

  // a minute without the payment: say it is still being confirmed, and stop reading
  useEffect(() => {
    if (confirmation !== 'waiting') return;
    const timer = setTimeout(() => setConfirmation((now) => (now === 'waiting' ? 'slow' : now)), CONFIRM_WAIT_MS);
    return () => clearTimeout(timer);
  }, [confirmation]);

  // the payment landed: said once, so a reload or a shared link does not confirm again
  useEffect(() => {
    if ((confirmation !== 'waiting' && confirmation !== 'slow') || !paid) return;
    setConfirmation('received');
    void refreshInvoices(locationId);
    setParams(
      (next) => {
        next.delete('checkout');
        return next;
      },
      { replace: true },
    );
  }, [confirmation, paid, locationId, refreshInvoices, setParams]);

  if (invoice.isPending) return <LoadingSkeleton rows={8} />;
  if (!invoice.data) return <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} retrying={invoice.isFetching} />;
  const data = invoice.data;
  const place = locations.data?.items.find((item) => item.id === locationId);
  const locationName = place?.name ?? me.memberships.find((membership) => membership.locationId === locationId)?.locationName ?? '';

  return (
    <Stack gap="lg" data-testid="invoice-page">
      <Stack gap="xs">
        <BackToBilling />
        <Title order={1} size="h2">
          {t('invoice', { number: data.number ?? '' })}
        </Title>
        <Group gap="sm" wrap="wrap">
          <InvoiceBadge invoice={data} size="lg" />
          {locationName && <Text c="dimmed">{t('at', { location: locationName })}</Text>}
        </Group>
      </Stack>

      <Confirming state={confirmation} />
      {failed && !paid && (
        <Alert color="red" title={t('paymentFailed')} role="alert">
          {t('paymentFailedHint')}
        </Alert>
      )}
      {data.status === 'void' && (
        <Alert color="gray" role="note">
          {t('voidNote')}
        </Alert>
      )}

      <DueCard
        invoice={data}
        locationId={locationId}
        confirming={confirmation === 'waiting' || confirmation === 'slow'}
        onChanged={() => void invoice.refetch()}
      />
      <Dates invoice={data} timeZone={place?.timeZone} />
      <Payer invoice={data} />
      <Lines invoice={data} />
      <Totals invoice={data} />
      <Payments invoice={data} />
      <CreditNotes invoice={data} timeZone={place?.timeZone} />
    </Stack>
  );
}

function BackToBilling() {
  return (
    <Button component={Link} to="/billing" variant="subtle" size="md" px="xs" ml="-xs" w="fit-content" leftSection={<Arrow />}>
      {t('backToBilling')}
    </Button>
  );
}

function Confirming({ state }: { state: Confirmation }) {
  if (state === 'waiting') {
    return (
      <Alert color="blue" role="status" icon={<Loader size="sm" />} title={t('confirming')} data-testid="payment-confirmation">
        {t('confirmingHint')}
      </Alert>
    );
  }
  if (state === 'received') {
    return (
      <Alert color="green" role="status" title={t('received')} data-testid="payment-confirmation">
        {t('receivedHint')}
      </Alert>
    );
  }
  if (state === 'slow') {
    return (
      <Alert color="yellow" role="status" title={t('stillConfirming')} data-testid="payment-confirmation">
        {t('stillConfirmingHint')}
      </Alert>
    );
  }
  return null;
}

/** Amount due, "Pay now" (only with a payment provider, something due and the invoice issued) and the PDF. */
function DueCard({ invoice, locationId, confirming, onChanged }: { invoice: Invoice; locationId: string; confirming: boolean; onChanged: () => void }) {
  const providers = usePaymentProviders(locationId);
  const checkout = useStartCheckout(locationId, invoice.id);
  const [leaving, setLeaving] = useState(false);
  const payable = invoice.status === 'issued' && invoice.amountDue > 0 && (providers.data?.items.length ?? 0) > 0 && !confirming;

  const pay = () =>
    checkout.mutate(undefined, {
      onSuccess: ({ url }) => {
        setLeaving(true);
        window.location.assign(url);
      },
      onError: (error) => {
        if (isApiError(error, 409)) onChanged();
        notifyErrorWith({ invalid_state: t('nothingDue') })(error);
      },
    });

  return (
    <Card withBorder radius="md" padding="md" data-testid="invoice-due">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Text fw={500}>{t('amountDue')}</Text>
          <Text fw={700} fz={28} lh={1.2} c={invoice.overdue ? 'red.9' : undefined} data-testid="amount-due">
            {formatMinor(invoice.amountDue, invoice.currency)}
          </Text>
        </Group>
        {payable && (
          <Stack gap={4}>
            <Button size="lg" fullWidth onClick={pay} loading={checkout.isPending || leaving}>
              {t('payNow')}
            </Button>
            <Text size="sm" c="dimmed" ta="center">
              {t('payNowHint')}
            </Text>
          </Stack>
        )}
        <Button component="a" href={invoicePdfUrl(locationId, invoice.id)} variant="default" size="md" fullWidth leftSection={<DownloadIcon />}>
          {t('downloadPdf')}
        </Button>
      </Stack>
    </Card>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** A label and its value on one line, the value on the right (it wraps under the label on a narrow phone). */
function Row({ label, value, strong, testId }: { label: ReactNode; value: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" align="baseline" data-testid={testId}>
      <Text fw={strong ? 700 : undefined} size={strong ? 'lg' : undefined}>
        {label}
      </Text>
      <Text fw={strong ? 700 : 500} size={strong ? 'lg' : undefined} ta="right" ml="auto" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Group>
  );
}

function Dates({ invoice, timeZone }: { invoice: Invoice; timeZone?: string }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={6}>
        {invoice.issueDate && <Row label={t('issueDate')} value={formatDay(invoice.issueDate)} />}
        {invoice.dueDate && <Row label={t('dueDate')} value={formatDay(invoice.dueDate)} />}
        {invoice.status === 'paid' && invoice.paidAt && <Row label={t('paidOn')} value={formatDate(invoice.paidAt, timeZone)} />}
        {invoice.status === 'void' && invoice.voidedAt && <Row label={t('voidedOn')} value={formatDate(invoice.voidedAt, timeZone)} />}
      </Stack>
    </Card>
  );
}

function Payer({ invoice }: { invoice: Invoice }) {
  const { billTo } = invoice;
  return (
    <Section id="invoice-payer" title={t('billTo')}>
      <Stack gap={2} style={{ overflowWrap: 'anywhere' }}>
        <Text fw={600}>{billTo.name}</Text>
        {billTo.companyName && <Text>{billTo.companyName}</Text>}
        {billTo.address && <Text style={{ whiteSpace: 'pre-line' }}>{billTo.address}</Text>}
        {billTo.taxId && <Text size="sm">{t('taxId', { taxId: billTo.taxId })}</Text>}
        {billTo.email && (
          <Text size="sm" c="dimmed">
            {billTo.email}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

/** What a line asks before tax in an exclusive invoice, with tax in an inclusive one: quantity × unit price. */
const lineAmount = (line: Invoice['lines'][number]) => line.quantity * line.unitPrice;

function Lines({ invoice }: { invoice: Invoice }) {
  // a table where there is room for its columns; on a phone each line stacks its parts
  const wide = useMediaQuery('(min-width: 36em)', false, { getInitialValueInEffect: false });
  const money = (amount: number) => formatMinor(amount, invoice.currency);
  return (
    <Section id="invoice-lines" title={t('lines')}>
      {wide ? (
        <Table verticalSpacing="sm" fz="md" data-testid="invoice-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('description')}</Table.Th>
              <Table.Th ta="right">{t('quantity')}</Table.Th>
              <Table.Th ta="right">{t('unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('taxRate')}</Table.Th>
              <Table.Th ta="right">{t('amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line) => (
              <Table.Tr key={line.id} data-testid="invoice-line">
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text>{line.description}</Text>
                  <Period line={line} />
                </Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(line.unitPrice)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRate(line.taxRateBps)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(lineAmount(line))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Card withBorder radius="md" padding="md" py={4} data-testid="invoice-lines">
          {invoice.lines.map((line, index) => (
            <Box key={line.id} data-testid="invoice-line">
              {index > 0 && <Divider />}
              <Stack gap={2} py="sm">
                <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {line.description}
                </Text>
                <Period line={line} />
                <Group justify="space-between" wrap="wrap" gap="xs" align="baseline">
                  <Text size="sm" c="dimmed">
                    {t('quantityTimesPrice', { quantity: line.quantity, price: money(line.unitPrice) })} · {t('lineTax', { rate: formatRate(line.taxRateBps) })}
                  </Text>
                  <Text fw={600} ml="auto" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {money(lineAmount(line))}
                  </Text>
                </Group>
              </Stack>
            </Box>
          ))}
        </Card>
      )}
      <Text size="sm" c="dimmed">
        {invoice.pricesIncludeTax ? t('pricesIncludeTax') : t('pricesExcludeTax')}
      </Text>
    </Section>
  );
}

function Period({ line }: { line: Invoice['lines'][number] }) {
  if (!line.periodStart || !line.periodEnd) return null;
  return (
    <Text size="sm" c="dimmed">
      {t('linePeriod', { start: formatDay(line.periodStart), end: formatDay(line.periodEnd) })}
    </Text>
  );
}

function Totals({ invoice }: { invoice: Invoice }) {
  const money = (amount: number) => formatMinor(amount, invoice.currency);
  // the tax of each rate, as on the PDF: sums of the lines' own tax
  const byRate = new Map<number, number>();
  for (const line of invoice.lines) byRate.set(line.taxRateBps, (byRate.get(line.taxRateBps) ?? 0) + line.tax);
  const rates = [...byRate.entries()].sort(([a], [b]) => b - a);
  return (
    <Card withBorder radius="md" padding="md" data-testid="invoice-totals">
      <Stack gap={6}>
        <Row label={t('subtotal')} value={money(invoice.subtotal)} />
        {rates.map(([rate, tax]) => (
          <Row key={rate} label={t('taxAt', { rate: formatRate(rate) })} value={money(tax)} />
        ))}
        <Divider />
        <Row label={t('total')} value={money(invoice.total)} strong />
        {invoice.amountPaid > 0 && <Row label={t('paid')} value={money(-invoice.amountPaid)} />}
        {invoice.amountCredited > 0 && <Row label={t('credited')} value={money(-invoice.amountCredited)} />}
        {(invoice.amountPaid > 0 || invoice.amountCredited > 0) && (
          <>
            <Divider />
            <Row label={t('amountDue')} value={money(invoice.amountDue)} strong testId="totals-amount-due" />
          </>
        )}
      </Stack>
    </Card>
  );
}

function Payments({ invoice }: { invoice: Invoice }) {
  if (invoice.payments.length === 0) return null;
  return (
    <Section id="invoice-payments" title={t('payments')}>
      <Card withBorder radius="md" padding="md" data-testid="invoice-payments">
        <Stack gap="sm">
          {invoice.payments.map((payment) => (
            <Row
              key={payment.id}
              label={
                <>
                  {t(`method.${payment.method}`)}
                  <Text span size="sm" c="dimmed" display="block">
                    {formatDay(payment.receivedOn)}
                  </Text>
                </>
              }
              value={formatMinor(payment.amount, invoice.currency)}
            />
          ))}
        </Stack>
      </Card>
    </Section>
  );
}

function CreditNotes({ invoice, timeZone }: { invoice: Invoice; timeZone?: string }) {
  if (invoice.creditNotes.length === 0) return null;
  return (
    <Section id="invoice-credit-notes" title={t('creditNotes')}>
      <Card withBorder radius="md" padding="md" data-testid="invoice-credit-notes">
        <Stack gap="md">
          {invoice.creditNotes.map((note) => (
            <Stack key={note.id} gap={2}>
              <Row
                label={
                  <>
                    {note.number}
                    <Text span size="sm" c="dimmed" display="block">
                      {formatDate(note.createdAt, timeZone)}
                    </Text>
                  </>
                }
                value={formatMinor(-note.amount, invoice.currency)}
              />
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {note.reason}
              </Text>
              {note.refund && (
                <Text size="sm" c="dimmed">
                  {t('refundOwed')}
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      </Card>
    </Section>
  );
}

function Arrow() {
  return (
    <Box component="svg" viewBox="0 0 16 16" w={16} h={16} aria-hidden>
      <path d="M10 3L5 8l5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </Box>
  );
}

function DownloadIcon() {
  return (
    <Box component="svg" viewBox="0 0 16 16" w={16} h={16} aria-hidden>
      <path d="M8 2v8M4.5 6.5L8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </Box>
  );
}
