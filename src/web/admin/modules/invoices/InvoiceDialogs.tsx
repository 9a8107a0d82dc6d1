// The dialogs of an issued or paid invoice: "Record payment" (amount, method, received on, reference) and "Credit note"
// (amount, reason, and on a paid invoice how the money goes back). Each dialog sends one Idempotency-Key, made when it
// opens: a second press or a retry of the same request records nothing twice.
import { Button, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { currencyDigits, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { todayIn } from '../billing/dates';
import { type Invoice, newIdempotencyKey, useAddCreditNote, useRecordPayment } from './api';
import { money } from './InvoiceParts';
import { t } from './messages';

const METHODS = ['bank_transfer', 'cash', 'card_terminal', 'other'] as const;

/** An amount typed in major units, as integer minor units from `min` to `max`. */
function amountField(currency: string, min: number, max: number, message: () => string) {
  return z
    .union([z.number(), z.string()])
    .refine((value) => value !== '', { error: () => tAdmin('required') })
    .transform((value) => toMinor(Number(value), currency))
    .refine((minor) => Number.isFinite(minor) && minor >= min && minor <= max, { error: message });
}

export function PaymentForm({ invoice, location, onDone }: { invoice: Invoice; location: Location; onDone: () => void }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const record = useRecordPayment(location.id, invoice.id);
  const today = todayIn(location.timeZone);
  const currency = invoice.currency;
  const range = { min: money(1, invoice), max: money(invoice.amountDue, invoice) };
  const schema = z
    .object({
      amount: amountField(currency, 1, invoice.amountDue, () => t('paymentAmountInvalid', range)),
      method: z.enum(METHODS),
      receivedOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('receivedOnInvalid') })
        .refine((day) => day <= today, { error: () => t('receivedOnInvalid') }),
      reference: z.string().trim().max(200),
    })
    .transform(({ reference, ...rest }) => ({ ...rest, reference: reference || undefined }));
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      amount: toMajor(invoice.amountDue, currency) as number | string,
      method: 'bank_transfer' as (typeof METHODS)[number],
      receivedOn: today,
      reference: '',
    },
    submit: async (values) => {
      const { invoice: saved } = await record.mutateAsync({ ...values, idempotencyKey });
      const amount = money(values.amount, invoice);
      notifySuccess(saved.status === 'paid' ? t('paymentRecordedPaid', { amount, number: saved.number ?? '' }) : t('paymentRecorded', { amount }));
      onDone();
    },
    fieldForError: (failure) => (failure.reason === 'amount_too_large' ? 'amount' : undefined),
    fieldTexts: { receivedOn: t('receivedOnInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('field.amount', { currency })}
            description={t('field.amountHint', { max: range.max })}
            withAsterisk
            min={0}
            decimalScale={currencyDigits(currency)}
            hideControls
            data-autofocus
            {...form.getInputProps('amount')}
          />
          <Select
            label={t('field.method')}
            data={METHODS.map((method) => ({ value: method, label: t(`method.${method}`) }))}
            allowDeselect={false}
            {...form.getInputProps('method')}
          />
          <TextInput type="date" label={t('field.receivedOn')} withAsterisk max={today} {...form.getInputProps('receivedOn')} />
          <TextInput label={t('field.reference')} placeholder={t('field.referencePlaceholder')} autoComplete="off" {...form.getInputProps('reference')} />
        </SimpleGrid>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('recordPayment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreditNoteForm({ invoice, location, onDone }: { invoice: Invoice; location: Location; onDone: () => void }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const add = useAddCreditNote(location.id, invoice.id);
  const currency = invoice.currency;
  const left = invoice.total - invoice.amountCredited;
  const paid = invoice.status === 'paid';
  const paidOnline = invoice.payments.some((payment) => payment.method === 'online');
  const range = { min: money(1, invoice), max: money(left, invoice) };
  const schema = z.object({
    amount: amountField(currency, 1, left, () => t('creditAmountInvalid', range)),
    reason: z
      .string()
      .trim()
      .min(1, { error: () => t('reasonRequired') })
      .max(500),
    refund: z.enum(['manual', 'online']),
  });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { amount: '' as number | string, reason: '', refund: 'manual' as 'manual' | 'online' },
    submit: async ({ refund, ...values }) => {
      const { creditNote } = await add.mutateAsync({ ...values, ...(paid ? { refund } : {}), idempotencyKey });
      notifySuccess(t('creditNoteAdded', { number: creditNote.number }));
      onDone();
    },
    fieldForError: (failure) => (failure.reason === 'amount_too_large' ? 'amount' : failure.reason === 'no_online_payment' ? 'refund' : undefined),
  });
  if (left <= 0) return <Text>{t('nothingToCredit')}</Text>;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{paid ? t('creditNotePaidHelp') : t('creditNoteIssuedHelp')}</Text>
        <NumberInput
          label={t('field.amount', { currency })}
          description={t('creditAmountHint', { max: range.max })}
          withAsterisk
          min={0}
          decimalScale={currencyDigits(currency)}
          hideControls
          data-autofocus
          {...form.getInputProps('amount')}
        />
        <TextInput label={t('field.reason')} placeholder={t('field.reasonPlaceholder')} withAsterisk autoComplete="off" {...form.getInputProps('reason')} />
        {paid && paidOnline && (
          <Radio.Group label={t('field.refund')} {...form.getInputProps('refund')}>
            <Stack gap={6} mt={4}>
              <Radio value="manual" label={t('refund.manual')} />
              <Radio value="online" label={t('refund.online')} />
            </Stack>
          </Radio.Group>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('addCreditNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
