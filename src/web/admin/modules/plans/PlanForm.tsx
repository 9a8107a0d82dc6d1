// Add a plan, or edit one: name, description, price and cycle, setup fee, credits and day passes, tax rate, who sees it, self sign-up.
import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { currencyDigits, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { useSavePlan, type Plan } from './api';
import { t } from './messages';

const CYCLES = ['week', 'month', 'year'] as const;
const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const;

function planFormSchema(currency: string) {
  const amount = z.union([z.number(), z.string()]).pipe(
    z.coerce
      .number<string | number>({ error: () => t('amountInvalid') })
      .min(0, { error: () => t('amountInvalid') })
      .max(1_000_000, { error: () => t('amountInvalid') }),
  );
  const count = z.union([z.number(), z.string()]).pipe(
    z.coerce
      .number<string | number>({ error: () => t('countInvalid') })
      .int({ error: () => t('countInvalid') })
      .min(0, { error: () => t('countInvalid') })
      .max(100_000, { error: () => t('countInvalid') }),
  );
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, { error: () => tAdmin('required') })
        .max(100, { error: () => t('nameTooLong') }),
      description: z.string().trim().max(2000),
      price: z
        .union([z.number(), z.string()])
        .refine((value) => value !== '', { error: () => tAdmin('required') })
        .pipe(amount),
      cycle: z.enum(CYCLES),
      setupFee: amount,
      credits: count,
      dayPasses: count,
      taxRate: z
        .union([z.number(), z.string()])
        .refine((value) => value === '' || (Number(value) >= 0 && Number(value) <= 100), { error: () => t('taxInvalid') }),
      visibility: z.enum(VISIBILITIES),
      selfSignUp: z.boolean(),
    })
    .transform(({ taxRate, price, setupFee, ...rest }) => ({
      ...rest,
      price: toMinor(price, currency),
      setupFee: toMinor(setupFee, currency),
      taxRateBps: taxRate === '' ? null : Math.round(Number(taxRate) * 100),
    }));
}

interface PlanFormProps {
  location: Location;
  /** Editing this plan; without it the form adds a new one. */
  plan?: Plan;
  onDone: (plan: Plan) => void;
}

export function PlanForm({ location, plan, onDone }: PlanFormProps) {
  const currency = location.currency;
  const save = useSavePlan(location.id, plan?.id);
  const schema = useMemo(() => planFormSchema(currency), [currency]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      name: plan?.name ?? '',
      description: plan?.description ?? '',
      price: (plan ? toMajor(plan.price, currency) : '') as number | string,
      cycle: plan?.cycle ?? ('month' as (typeof CYCLES)[number]),
      setupFee: (plan ? toMajor(plan.setupFee, currency) : 0) as number | string,
      credits: (plan?.credits ?? 0) as number | string,
      dayPasses: (plan?.dayPasses ?? 0) as number | string,
      taxRate: (plan?.taxRateBps == null ? '' : plan.taxRateBps / 100) as number | string,
      visibility: plan?.visibility ?? ('administrators' as (typeof VISIBILITIES)[number]),
      selfSignUp: plan?.selfSignUp ?? false,
    },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      notifySuccess(plan ? t('saved', { name: saved.plan.name }) : t('added', { name: saved.plan.name }));
      onDone(saved.plan);
    },
    fieldForPath: (path) => (path === 'taxRateBps' ? 'taxRate' : path),
  });
  const digits = currencyDigits(currency);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('field.name')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('field.description')} autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('field.price', { currency })} withAsterisk min={0} decimalScale={digits} hideControls {...form.getInputProps('price')} />
          <Select
            label={t('field.cycle')}
            data={CYCLES.map((cycle) => ({ value: cycle, label: t(`cycleOption.${cycle}`) }))}
            allowDeselect={false}
            {...form.getInputProps('cycle')}
          />
          <NumberInput label={t('field.setupFee', { currency })} min={0} decimalScale={digits} hideControls {...form.getInputProps('setupFee')} />
          <NumberInput
            label={t('field.taxRate')}
            description={t('field.taxRateHint')}
            min={0}
            max={100}
            decimalScale={2}
            hideControls
            {...form.getInputProps('taxRate')}
          />
          <NumberInput label={t('field.credits')} min={0} allowDecimal={false} {...form.getInputProps('credits')} />
          <NumberInput label={t('field.dayPasses')} min={0} allowDecimal={false} {...form.getInputProps('dayPasses')} />
        </SimpleGrid>
        <Select
          label={t('field.visibility')}
          data={VISIBILITIES.map((visibility) => ({ value: visibility, label: t(`visibility.${visibility}`) }))}
          allowDeselect={false}
          {...form.getInputProps('visibility')}
        />
        <Checkbox label={t('field.selfSignUp')} {...form.getInputProps('selfSignUp', { type: 'checkbox' })} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {plan ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
