// Add a product, or edit one: name, description, price in money and/or credits, tax rate, stock, who sees it, on
// sale or not, and an optional credit package (credits, day passes, how long they last).
import { Button, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { currencyDigits, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { type Product, useSaveProduct } from './api';
import { t } from './messages';

export const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const optionalNumber = (message: () => string, check: (value: number) => boolean) =>
  z.union([z.number(), z.string()]).refine((value) => value === '' || check(Number(value)), { error: message });
const wholeFrom = (min: number, max: number) => (value: number) => Number.isInteger(value) && value >= min && value <= max;
const orNull = (value: number | string) => (value === '' ? null : Number(value));

function productFormSchema(currency: string) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, { error: () => tAdmin('required') })
        .max(100, { error: () => t('nameTooLong') }),
      description: z.string().trim().max(2000),
      price: optionalNumber(
        () => t('amountInvalid'),
        (value) => Number.isFinite(value) && value >= 0 && value <= 1_000_000,
      ),
      creditPrice: optionalNumber(() => t('creditsInvalid'), wholeFrom(1, 10_000)),
      taxRate: optionalNumber(
        () => t('taxInvalid'),
        (value) => Number.isFinite(value) && value >= 0 && value <= 100,
      ),
      stock: optionalNumber(() => t('stockInvalid'), wholeFrom(0, 1_000_000)),
      visibility: z.enum(VISIBILITIES),
      active: z.boolean(),
      package: z.boolean(),
      grantCredits: optionalNumber(() => t('grantInvalid'), wholeFrom(0, 10_000)),
      grantDayPasses: optionalNumber(() => t('grantInvalid'), wholeFrom(0, 1_000)),
      grantValidDays: optionalNumber(() => t('validDaysInvalid'), wholeFrom(1, 3650)),
    })
    .refine((v) => !v.package || v.creditPrice === '', { error: () => t('packageNoCredits'), path: ['creditPrice'] })
    .refine((v) => !v.package || Number(v.grantCredits || 0) > 0 || Number(v.grantDayPasses || 0) > 0, {
      error: () => t('grantEmpty'),
      path: ['grantCredits'],
    })
    .transform((v) => ({
      name: v.name,
      description: v.description,
      price: v.price === '' ? null : toMinor(Number(v.price), currency),
      creditPrice: orNull(v.creditPrice),
      taxRateBps: v.taxRate === '' ? null : Math.round(Number(v.taxRate) * 100),
      stock: orNull(v.stock),
      visibility: v.visibility,
      active: v.active,
      grants: v.package ? { credits: Number(v.grantCredits || 0), dayPasses: Number(v.grantDayPasses || 0), validDays: orNull(v.grantValidDays) } : null,
    }));
}

const LEGEND = { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)', marginBottom: 'var(--mantine-spacing-xs)' } };

interface ProductFormProps {
  location: Location;
  product?: Product;
  onDone: (product: Product) => void;
}

export function ProductForm({ location, product, onDone }: ProductFormProps) {
  const currency = location.currency;
  const save = useSaveProduct(location.id, product?.id);
  const schema = useMemo(() => productFormSchema(currency), [currency]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      name: product?.name ?? '',
      description: product?.description ?? '',
      price: (product?.price == null ? '' : toMajor(product.price, currency)) as number | string,
      creditPrice: (product?.creditPrice ?? '') as number | string,
      taxRate: (product?.taxRateBps == null ? '' : product.taxRateBps / 100) as number | string,
      stock: (product?.stock ?? '') as number | string,
      visibility: (product?.visibility ?? 'location_members') as Visibility,
      active: product?.active ?? true,
      package: product?.grants != null,
      grantCredits: (product?.grants?.credits ?? '') as number | string,
      grantDayPasses: (product?.grants?.dayPasses ?? '') as number | string,
      grantValidDays: (product?.grants?.validDays ?? '') as number | string,
    },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      notifySuccess(product ? t('saved', { name: saved.product.name }) : t('added', { name: saved.product.name }));
      onDone(saved.product);
    },
    errorTexts: () => ({ invalid_payment_method: t('packageNoCredits') }),
    fieldTexts: { creditPrice: t('packageNoCredits'), stock: t('stockInvalid') },
  });
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('field.name')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('field.description')} autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <Fieldset legend={t('section.price')} variant="unstyled" p={0} styles={LEGEND}>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('field.price', { currency })}
                min={0}
                decimalScale={currencyDigits(currency)}
                hideControls
                {...form.getInputProps('price')}
              />
              <NumberInput label={t('field.creditPrice')} min={1} allowDecimal={false} disabled={values.package} {...form.getInputProps('creditPrice')} />
              <NumberInput label={t('field.taxRate')} min={0} max={100} decimalScale={2} hideControls {...form.getInputProps('taxRate')} />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('field.priceHint')} {t('field.taxRateHint')}
            </Text>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('section.stock')} variant="unstyled" p={0} styles={LEGEND}>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t('field.stock')} description={t('field.stockHint')} min={0} allowDecimal={false} {...form.getInputProps('stock')} />
              <Select
                label={t('field.visibility')}
                data={VISIBILITIES.map((value) => ({ value, label: t(`visibility.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('visibility')}
              />
            </SimpleGrid>
            <Switch label={t('field.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>
        <Checkbox
          label={t('field.package')}
          description={t('field.packageHint')}
          {...form.getInputProps('package', { type: 'checkbox' })}
          onChange={(event) => {
            form.setFieldValue('package', event.currentTarget.checked);
            if (event.currentTarget.checked) form.setFieldValue('creditPrice', '');
          }}
        />
        {values.package && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('field.grantCredits')} min={0} allowDecimal={false} {...form.getInputProps('grantCredits')} />
            <NumberInput label={t('field.grantDayPasses')} min={0} allowDecimal={false} {...form.getInputProps('grantDayPasses')} />
            <NumberInput
              label={t('field.grantValidDays')}
              description={t('field.grantValidDaysHint')}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('grantValidDays')}
            />
          </SimpleGrid>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
