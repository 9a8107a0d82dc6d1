// Add an event, or edit one: title, description, date and times at the location, place, capacity, who sees it, price in
// money and/or credits, tax rate, tickets open, and the refund notice.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { currencyDigits, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { hhmm, instantAt, minutesOf, todayAt, wallOf } from '../../../lib/wall-time';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { type Event, useSaveEvent } from './api';
import { visibilityText } from './labels';
import { t } from './messages';

const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const;

const optionalNumber = (message: () => string, check: (value: number) => boolean) =>
  z.union([z.number(), z.string()]).refine((value) => value === '' || check(Number(value)), { error: message });

function eventFormSchema(location: Location) {
  const zone = location.timeZone;
  return z
    .object({
      title: z
        .string()
        .trim()
        .min(1, { error: () => tAdmin('required') })
        .max(200, { error: () => t('titleTooLong') }),
      description: z.string().trim().max(10_000),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('dayRequired') }),
      start: z.string().refine((v) => !Number.isNaN(minutesOf(v)), { error: () => t('timeInvalid') }),
      end: z.string().refine((v) => !Number.isNaN(minutesOf(v)), { error: () => t('timeInvalid') }),
      place: z.string().trim().max(200),
      capacity: optionalNumber(
        () => t('capacityInvalid'),
        (v) => Number.isInteger(v) && v >= 1 && v <= 100_000,
      ),
      visibility: z.enum(VISIBILITIES),
      price: optionalNumber(
        () => t('amountInvalid'),
        (v) => Number.isFinite(v) && v >= 0 && v <= 1_000_000,
      ),
      creditPrice: optionalNumber(
        () => t('creditsInvalid'),
        (v) => Number.isInteger(v) && v >= 0 && v <= 10_000,
      ),
      taxRate: optionalNumber(
        () => t('taxInvalid'),
        (v) => Number.isFinite(v) && v >= 0 && v <= 100,
      ),
      ticketsOpen: z.boolean(),
      refundNoticeHours: z
        .union([z.number(), z.string()])
        .refine((v) => v !== '' && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 8760, { error: () => t('hoursInvalid') }),
    })
    .refine((v) => minutesOf(v.end) > minutesOf(v.start), { error: () => t('endBeforeStart'), path: ['end'] })
    .transform(({ day, start, end, capacity, price, creditPrice, taxRate, refundNoticeHours, ...rest }) => ({
      ...rest,
      startsAt: instantAt(day, minutesOf(start), zone),
      endsAt: instantAt(day, minutesOf(end), zone),
      capacity: capacity === '' ? null : Number(capacity),
      price: price === '' ? null : toMinor(Number(price), location.currency),
      creditPrice: creditPrice === '' ? null : Number(creditPrice),
      taxRateBps: taxRate === '' ? null : Math.round(Number(taxRate) * 100),
      refundNoticeHours: Number(refundNoticeHours),
    }));
}

const SERVER_FIELDS: Record<string, string> = { startsAt: 'start', endsAt: 'end', taxRateBps: 'taxRate' };

export function EventForm({ location, event, onDone }: { location: Location; event?: Event; onDone: (event: Event) => void }) {
  const save = useSaveEvent(location.id, event?.id);
  const schema = useMemo(() => eventFormSchema(location), [location]);
  const zone = location.timeZone;
  const starts = event ? wallOf(event.startsAt, zone) : null;
  const ends = event ? wallOf(event.endsAt, zone) : null;
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      title: event?.title ?? '',
      description: event?.description ?? '',
      day: starts?.day ?? todayAt(zone),
      start: starts ? hhmm(starts.minutes) : '18:00',
      end: ends ? hhmm(ends.minutes) : '20:00',
      place: event?.place ?? '',
      capacity: (event?.capacity ?? '') as number | string,
      visibility: (event?.visibility ?? 'location_members') as (typeof VISIBILITIES)[number],
      price: (event?.price == null ? '' : toMajor(event.price, location.currency)) as number | string,
      creditPrice: (event?.creditPrice ?? '') as number | string,
      taxRate: (event?.taxRateBps == null ? '' : event.taxRateBps / 100) as number | string,
      ticketsOpen: event?.ticketsOpen ?? true,
      refundNoticeHours: (event?.refundNoticeHours ?? 24) as number | string,
    },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      notifySuccess(event ? t('saved', { title: saved.event.title }) : t('added', { title: saved.event.title }));
      onDone(saved.event);
    },
    fieldForPath: (path) => SERVER_FIELDS[path] ?? path,
    errorTexts: () => ({ invalid_time: t('endBeforeStart'), capacity_below_tickets: t('capacityBelow') }),
    fieldTexts: (err) => (err.reason === 'capacity_below_tickets' ? { capacity: t('capacityBelow') } : { end: t('endBeforeStart') }),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('field.title')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <Textarea label={t('field.description')} autosize minRows={3} maxRows={8} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('field.day')} withAsterisk {...form.getInputProps('day')} />
          <TextInput type="time" label={t('field.start')} withAsterisk {...form.getInputProps('start')} />
          <TextInput type="time" label={t('field.end')} withAsterisk {...form.getInputProps('end')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-4}>
          {t('field.timesHint', { zone })}
        </Text>
        <TextInput label={t('field.place')} description={t('field.placeHint')} {...form.getInputProps('place')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('field.capacity')} description={t('field.capacityHint')} min={1} allowDecimal={false} {...form.getInputProps('capacity')} />
          <Select
            label={t('field.visibility')}
            data={VISIBILITIES.map((value) => ({ value, label: visibilityText(value) }))}
            allowDeselect={false}
            {...form.getInputProps('visibility')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('field.price', { currency: location.currency })}
            min={0}
            decimalScale={currencyDigits(location.currency)}
            hideControls
            {...form.getInputProps('price')}
          />
          <NumberInput label={t('field.creditPrice')} min={0} allowDecimal={false} {...form.getInputProps('creditPrice')} />
          <NumberInput label={t('field.taxRate')} description={t('field.taxRateHint')} min={0} max={100} hideControls {...form.getInputProps('taxRate')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-4}>
          {t('field.priceHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('field.refundNoticeHours')}
            description={t('field.refundNoticeHoursHint')}
            min={0}
            allowDecimal={false}
            {...form.getInputProps('refundNoticeHours')}
          />
          <Switch mt="lg" label={t('field.ticketsOpen')} {...form.getInputProps('ticketsOpen', { type: 'checkbox' })} />
        </SimpleGrid>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {event ? t('save') : t('addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
