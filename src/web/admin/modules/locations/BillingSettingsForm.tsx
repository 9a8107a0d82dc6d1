// Settings > Billing of the current location: the default tax rate and whether prices include it, payment terms,
// how early subscription invoices are drafted, the invoice number pattern, billing periods, auto-remove, and the
// details printed on invoices (legal name, address, tax id, footer).
import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useUpdateLocation } from './api';
import { t } from './messages';

const ANCHORS = ['start_date', 'first_of_month'] as const;

const wholeDays = (max: number) =>
  z
    .union([z.number(), z.string()])
    .refine((value) => value !== '' && Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= max, {
      error: () => t('billing.daysInvalid', { max }),
    })
    .transform(Number);

const schema = z
  .object({
    taxRate: z
      .union([z.number(), z.string()])
      .refine((value) => value !== '' && Number(value) >= 0 && Number(value) <= 100, { error: () => t('billing.taxRateInvalid') }),
    pricesIncludeTax: z.boolean(),
    paymentTermsDays: wholeDays(90),
    invoiceDaysAhead: wholeDays(60),
    invoiceNumberPattern: z
      .string()
      .trim()
      .min(6, { error: () => t('billing.patternLength') })
      .max(40, { error: () => t('billing.patternLength') })
      .refine((pattern) => pattern.includes('{NNNN}'), { error: () => t('billing.patternNeedsCounter') }),
    billingAnchor: z.enum(ANCHORS),
    autoRemoveMembers: z.boolean(),
    legalName: z
      .string()
      .trim()
      .max(200, { error: () => t('billing.tooLong', { max: 200 }) }),
    address: z
      .string()
      .trim()
      .max(500, { error: () => t('billing.tooLong', { max: 500 }) }),
    taxId: z
      .string()
      .trim()
      .max(100, { error: () => t('billing.tooLong', { max: 100 }) }),
    footer: z
      .string()
      .trim()
      .max(1000, { error: () => t('billing.tooLong', { max: 1000 }) }),
  })
  .transform(({ taxRate, legalName, address, taxId, footer, ...rest }) => ({
    ...rest,
    taxRateBps: Math.round(Number(taxRate) * 100),
    billingDetails: { legalName, address, taxId, footer },
  }));

/** What the pattern makes of this year's first number: {YYYY} the year, {NNNN} the counter on at least 4 digits. */
function examples(pattern: string): string {
  const year = String(new Date().getFullYear());
  return pattern.replaceAll('{YYYY}', year).replaceAll('{NNNN}', '0001');
}

const FIELD_OF_PATH: Record<string, string> = {
  taxRateBps: 'taxRate',
  'billingDetails.legalName': 'legalName',
  'billingDetails.address': 'address',
  'billingDetails.taxId': 'taxId',
  'billingDetails.footer': 'footer',
};

export function BillingSettingsForm({ location }: { location: Location }) {
  const update = useUpdateLocation(location.id);
  const details = location.billingDetails;
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      taxRate: (location.taxRateBps / 100) as number | string,
      pricesIncludeTax: location.pricesIncludeTax,
      paymentTermsDays: location.paymentTermsDays as number | string,
      invoiceDaysAhead: location.invoiceDaysAhead as number | string,
      invoiceNumberPattern: location.invoiceNumberPattern,
      billingAnchor: location.billingAnchor,
      autoRemoveMembers: location.autoRemoveMembers,
      legalName: details.legalName ?? '',
      address: details.address ?? '',
      taxId: details.taxId ?? '',
      footer: details.footer ?? '',
    },
    submit: async (values) => {
      await update.mutateAsync(values);
      form.resetDirty();
      notifySuccess(t('billing.saved'));
    },
    fieldForPath: (path) => FIELD_OF_PATH[path] ?? path,
    fieldTexts: { invoiceNumberPattern: t('billing.patternNeedsCounter') },
  });
  const pattern = form.getValues().invoiceNumberPattern.trim();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={720}>
        <Text c="dimmed" size="sm">
          {t('billing.help')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('billing.taxRate')}
            description={t('billing.taxRateHelp')}
            withAsterisk
            min={0}
            max={100}
            decimalScale={2}
            hideControls
            rightSection={<Text size="sm">%</Text>}
            {...form.getInputProps('taxRate')}
          />
          <NumberInput
            label={t('billing.paymentTermsDays')}
            description={t('billing.paymentTermsDaysHelp')}
            withAsterisk
            min={0}
            max={90}
            allowDecimal={false}
            hideControls
            {...form.getInputProps('paymentTermsDays')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('billing.pricesIncludeTax')}
          description={t('billing.pricesIncludeTaxHelp')}
          {...form.getInputProps('pricesIncludeTax', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('billing.invoiceNumberPattern')}
            description={t('billing.invoiceNumberPatternHelp')}
            withAsterisk
            autoComplete="off"
            {...form.getInputProps('invoiceNumberPattern')}
          />
          <NumberInput
            label={t('billing.invoiceDaysAhead')}
            description={t('billing.invoiceDaysAheadHelp')}
            withAsterisk
            min={0}
            max={60}
            allowDecimal={false}
            hideControls
            {...form.getInputProps('invoiceDaysAhead')}
          />
        </SimpleGrid>
        {pattern.includes('{NNNN}') && (
          <Text size="sm" c="dimmed" mt={-8} data-testid="number-example">
            {t('billing.patternExample', { example: examples(pattern) })}
          </Text>
        )}
        <Select
          label={t('billing.billingAnchor')}
          description={t('billing.billingAnchorHelp')}
          data={ANCHORS.map((anchor) => ({ value: anchor, label: t(`billing.anchor.${anchor}`) }))}
          allowDeselect={false}
          {...form.getInputProps('billingAnchor')}
        />
        <Checkbox
          label={t('billing.autoRemoveMembers')}
          description={t('billing.autoRemoveMembersHelp')}
          {...form.getInputProps('autoRemoveMembers', { type: 'checkbox' })}
        />
        <Title order={3} size="h5" mt="sm">
          {t('billing.details')}
        </Title>
        <Text c="dimmed" size="sm" mt={-8}>
          {t('billing.detailsHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('billing.legalName')} autoComplete="organization" {...form.getInputProps('legalName')} />
          <TextInput label={t('billing.taxId')} autoComplete="off" {...form.getInputProps('taxId')} />
        </SimpleGrid>
        <Textarea label={t('billing.address')} autosize minRows={2} maxRows={5} {...form.getInputProps('address')} />
        <Textarea label={t('billing.footer')} description={t('billing.footerHelp')} autosize minRows={2} maxRows={6} {...form.getInputProps('footer')} />
        <FormError message={error} />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('billing.save')}
          </Button>
          {form.isDirty() && (
            <Text size="sm" c="dimmed">
              {t('billing.unsaved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
