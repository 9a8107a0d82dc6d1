// An issued, paid or void invoice: frozen lines, the payer as issued, number and dates, the totals down to the amount
// due, its payments (a manual one can be deleted, after a confirmation) and credit notes; Record payment, Credit note,
// Void (asks first) and the PDF.
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDate, formatDay } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { type Invoice, invoicePdfUrl, type Payment, useDeletePayment, useVoidInvoice } from './api';
import { CreditNoteForm, PaymentForm } from './InvoiceDialogs';
import { BillTo, Facts, figureStyle, formatRate, InvoiceHeading, money, Totals } from './InvoiceParts';
import { t } from './messages';

type Dialog = 'payment' | 'creditNote' | 'void' | null;

export function IssuedInvoice({ invoice, location }: { invoice: Invoice; location: Location }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const voiding = useVoidInvoice(location.id, invoice.id);
  const number = invoice.number ?? '';
  const issued = invoice.status === 'issued';
  const canCredit = (issued || invoice.status === 'paid') && invoice.total - invoice.amountCredited > 0;
  const canVoid = issued && invoice.payments.length === 0;

  const confirmVoid = () =>
    voiding.mutate(undefined, {
      onSuccess: () => {
        close();
        notifySuccess(t('voided', { number }));
      },
      onError: notifyError,
    });

  const facts = [
    { label: t('fact.number'), value: number, testId: 'invoice-number' },
    { label: t('fact.issueDate'), value: invoice.issueDate ? formatDay(invoice.issueDate) : '—' },
    {
      label: t('fact.dueDate'),
      value: (
        <Group gap={6} component="span">
          {invoice.dueDate ? formatDay(invoice.dueDate) : '—'}
          {invoice.overdue && (
            <Badge color="red" variant="light" tt="none" size="sm">
              {t('status.overdue')}
            </Badge>
          )}
        </Group>
      ),
    },
    ...(invoice.paidAt ? [{ label: t('fact.paidAt'), value: formatDate(invoice.paidAt, location.timeZone) }] : []),
    ...(invoice.voidedAt ? [{ label: t('fact.voidedAt'), value: formatDate(invoice.voidedAt, location.timeZone) }] : []),
  ];

  return (
    <>
      <InvoiceHeading
        invoice={invoice}
        actions={
          <>
            <Button component="a" variant="default" href={invoicePdfUrl(location.id, invoice.id)} download data-testid="invoice-pdf">
              {t('pdf')}
            </Button>
            {canVoid && (
              <Button variant="default" color="red" c="red.9" onClick={() => setDialog('void')}>
                {t('void')}
              </Button>
            )}
            {canCredit && (
              <Button variant="default" onClick={() => setDialog('creditNote')}>
                {t('creditNote')}
              </Button>
            )}
            {issued && <Button onClick={() => setDialog('payment')}>{t('recordPayment')}</Button>}
          </>
        }
      />
      <Paper withBorder radius="md" p="lg">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xl">
            <BillTo invoice={invoice} location={location} />
            <Facts facts={facts} />
          </Group>
          <Lines invoice={invoice} />
          <Totals
            rows={[
              { label: t('subtotal'), amount: money(invoice.subtotal, invoice) },
              { label: t('taxTotal'), amount: money(invoice.taxTotal, invoice) },
              { label: t('total'), amount: money(invoice.total, invoice), strong: true, testId: 'total-total' },
              ...(invoice.amountPaid > 0 ? [{ label: t('amountPaid'), amount: money(-invoice.amountPaid, invoice), testId: 'total-paid' }] : []),
              ...(invoice.amountCredited > 0
                ? [{ label: t('amountCredited'), amount: money(-invoice.amountCredited, invoice), testId: 'total-credited' }]
                : []),
              ...(invoice.status === 'void' ? [] : [{ label: t('amountDue'), amount: money(invoice.amountDue, invoice), strong: true, testId: 'total-due' }]),
            ]}
            note={invoice.pricesIncludeTax ? t('pricesIncludeTax') : t('pricesExcludeTax')}
          />
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Payments invoice={invoice} location={location} />
        <CreditNotes invoice={invoice} location={location} />
      </SimpleGrid>

      <Modal opened={dialog === 'payment'} onClose={close} title={t('recordPaymentTitle', { number })} size="lg">
        {dialog === 'payment' && <PaymentForm invoice={invoice} location={location} onDone={close} />}
      </Modal>
      <Modal opened={dialog === 'creditNote'} onClose={close} title={t('creditNoteTitle', { number })} size="lg">
        {dialog === 'creditNote' && <CreditNoteForm invoice={invoice} location={location} onDone={close} />}
      </Modal>
      <ConfirmModal
        opened={dialog === 'void'}
        title={t('voidTitle')}
        confirmLabel={t('void')}
        loading={voiding.isPending}
        onClose={close}
        onConfirm={confirmVoid}
      >
        {t('voidConfirm', { number, name: invoice.billTo.name })}
      </ConfirmModal>
    </>
  );
}

function Lines({ invoice }: { invoice: Invoice }) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" data-testid="invoice-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('line.description')}</Table.Th>
            <Table.Th ta="right">{t('line.quantity')}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {invoice.pricesIncludeTax ? t('line.unitPriceIncl') : t('line.unitPriceExcl')}
            </Table.Th>
            <Table.Th ta="right">{t('line.taxRate')}</Table.Th>
            <Table.Th ta="right">{t('line.tax')}</Table.Th>
            <Table.Th ta="right">{t('line.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>{line.description}</Table.Td>
              <Table.Td ta="right" style={figureStyle}>
                {line.quantity}
              </Table.Td>
              <Table.Td ta="right" style={figureStyle}>
                {money(line.unitPrice, invoice)}
              </Table.Td>
              <Table.Td ta="right" style={figureStyle}>
                {formatRate(line.taxRateBps)}
              </Table.Td>
              <Table.Td ta="right" style={figureStyle}>
                {money(line.tax, invoice)}
              </Table.Td>
              <Table.Td ta="right" style={figureStyle}>
                {money(line.total, invoice)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Payments({ invoice, location }: { invoice: Invoice; location: Location }) {
  const remove = useDeletePayment(location.id, invoice.id);
  const deleting = useConfirmedAction(
    (payment: Payment) => remove.mutateAsync(payment.id),
    () => notifySuccess(t('paymentDeleted')),
  );
  return (
    <ProfileSection id="payments" title={t('payments')}>
      <ProfileList items={invoice.payments} empty={t('noPayments')} spacing="sm" testId="payments-list" itemTestId="payment">
        {(payment) => (
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={500}>
                {t(`method.${payment.method}`)} · {formatDay(payment.receivedOn)}
              </Text>
              {payment.reference && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {payment.reference}
                </Text>
              )}
            </Stack>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" fw={600} style={figureStyle}>
                {money(payment.amount, invoice)}
              </Text>
              {payment.method !== 'online' && invoice.status !== 'void' && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('deletePaymentFor', { amount: money(payment.amount, invoice) })}
                  onClick={() => deleting.ask(payment)}
                >
                  {t('deletePayment')}
                </Button>
              )}
            </Group>
          </Group>
        )}
      </ProfileList>
      <ConfirmModal title={t('deletePaymentTitle')} confirmLabel={t('deletePayment')} {...deleting.modal}>
        {deleting.item && t('deletePaymentConfirm', { amount: money(deleting.item.amount, invoice), date: formatDay(deleting.item.receivedOn) })}
      </ConfirmModal>
    </ProfileSection>
  );
}

function CreditNotes({ invoice, location }: { invoice: Invoice; location: Location }) {
  return (
    <ProfileSection id="credit-notes" title={t('creditNotes')}>
      <ProfileList items={invoice.creditNotes} empty={t('noCreditNotes')} spacing="sm" testId="credit-notes-list" itemTestId="credit-note">
        {(note) => (
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={500}>
                {note.number} · {formatDate(note.createdAt, location.timeZone)}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {note.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`credit.refund.${note.refund ?? 'none'}`)}
              </Text>
            </Stack>
            <Text size="sm" fw={600} style={figureStyle}>
              {money(note.amount, invoice)}
            </Text>
          </Group>
        )}
      </ProfileList>
    </ProfileSection>
  );
}
