// Add a resource, or edit one: type, name, description, seats and capacity, price per hour in money and credits, day
// passes for hot desks, the booking grid and durations, who sees it and who books it, open for booking or not.
import { Button, Checkbox, Fieldset, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { currencyDigits, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { RESOURCE_TYPES, type Resource, type ResourceType, useSaveResource } from './api';
import { broader, durationText, hasSeats, typeLabel, VISIBILITIES, type Visibility, visibilityLabel } from './labels';
import { t } from './messages';

const INCREMENTS = ['15', '30', '60'] as const;
type Increment = (typeof INCREMENTS)[number];
const DAY = 24 * 60;

/** A typed number, empty allowed (null). */
const optionalNumber = (message: () => string, check: (value: number) => boolean) =>
  z.union([z.number(), z.string()]).refine((value) => value === '' || check(Number(value)), { error: message });

function resourceFormSchema(currency: string) {
  return z
    .object({
      type: z.enum(RESOURCE_TYPES),
      name: z
        .string()
        .trim()
        .min(1, { error: () => tAdmin('required') })
        .max(100, { error: () => t('nameTooLong') }),
      description: z.string().trim().max(2000),
      seats: z
        .union([z.number(), z.string()])
        .refine((value) => Number.isInteger(Number(value)) && value !== '' && Number(value) >= 1 && Number(value) <= 500, { error: () => t('seatsInvalid') }),
      capacity: optionalNumber(
        () => t('capacityInvalid'),
        (value) => Number.isInteger(value) && value >= 1 && value <= 10_000,
      ),
      price: optionalNumber(
        () => t('amountInvalid'),
        (value) => Number.isFinite(value) && value >= 0 && value <= 1_000_000,
      ),
      credits: optionalNumber(
        () => t('creditsInvalid'),
        (value) => Number.isInteger(value) && value >= 0 && value <= 10_000,
      ),
      dayPassAccepted: z.boolean(),
      incrementMinutes: z.enum(INCREMENTS),
      minMinutes: z.string(),
      maxMinutes: z.string(),
      visibility: z.enum(VISIBILITIES),
      bookingLevel: z.enum(VISIBILITIES),
      bookable: z.boolean(),
    })
    .refine((values) => Number(values.minMinutes) <= Number(values.maxMinutes), { error: () => t('minAboveMax'), path: ['maxMinutes'] })
    .refine((values) => !broader(values.bookingLevel, values.visibility), { error: () => t('bookingLevelBroader'), path: ['bookingLevel'] })
    .transform(({ price, credits, capacity, seats, incrementMinutes, minMinutes, maxMinutes, dayPassAccepted, ...rest }) => ({
      ...rest,
      seats: hasSeats(rest.type) ? Number(seats) : 1,
      capacity: capacity === '' ? null : Number(capacity),
      pricePerHour: price === '' ? null : toMinor(Number(price), currency),
      creditsPerHour: credits === '' ? null : Number(credits),
      dayPassAccepted: rest.type === 'hot_desk' && dayPassAccepted,
      incrementMinutes: Number(incrementMinutes) as 15 | 30 | 60,
      minMinutes: Number(minMinutes),
      maxMinutes: Number(maxMinutes),
    }));
}

/** Durations on the grid, from one step to a whole day. */
function durationOptions(increment: number) {
  const options: { value: string; label: string }[] = [];
  for (let minutes = increment; minutes <= DAY; minutes += increment) options.push({ value: String(minutes), label: durationText(minutes) });
  return options;
}

/** Keeps a duration on a new grid: the nearest step at or above it (at least one step, at most a day). */
const onGrid = (minutes: string, increment: number) => String(Math.min(DAY, Math.max(increment, Math.ceil(Number(minutes) / increment) * increment)));

/** A group's title, as strong as a field label's and a little larger. */
const LEGEND = { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)', marginBottom: 'var(--mantine-spacing-xs)' } };

/** The API's names of the fields this form names otherwise. */
const SERVER_FIELDS: Record<string, string> = { pricePerHour: 'price', creditsPerHour: 'credits' };

const startsBookable = (type: ResourceType) => type !== 'dedicated_desk' && type !== 'private_office';

interface ResourceFormProps {
  location: Location;
  /** Editing this resource; without it the form adds a new one. */
  resource?: Resource;
  onDone: (resource: Resource) => void;
}

export function ResourceForm({ location, resource, onDone }: ResourceFormProps) {
  const currency = location.currency;
  const save = useSaveResource(location.id, resource?.id);
  const schema = useMemo(() => resourceFormSchema(currency), [currency]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      type: resource?.type ?? ('meeting_room' as ResourceType),
      name: resource?.name ?? '',
      description: resource?.description ?? '',
      seats: (resource?.seats ?? 1) as number | string,
      capacity: (resource?.capacity ?? '') as number | string,
      price: (resource?.pricePerHour == null ? '' : toMajor(resource.pricePerHour, currency)) as number | string,
      credits: (resource?.creditsPerHour ?? '') as number | string,
      dayPassAccepted: resource?.dayPassAccepted ?? false,
      incrementMinutes: String(resource?.incrementMinutes ?? 30) as Increment,
      minMinutes: String(resource?.minMinutes ?? 30),
      maxMinutes: String(resource?.maxMinutes ?? 480),
      visibility: resource?.visibility ?? ('location_members' as Visibility),
      bookingLevel: resource?.bookingLevel ?? ('location_members' as Visibility),
      bookable: resource?.bookable ?? true,
    },
    submit: async (values) => {
      // The type is chosen once: an edit sends the rest.
      const { type, ...changes } = values;
      const saved = await save.mutateAsync(resource ? changes : values);
      notifySuccess(resource ? t('saved', { name: saved.resource.name }) : t('added', { name: saved.resource.name }));
      onDone(saved.resource);
    },
    fieldForPath: (path) => SERVER_FIELDS[path] ?? path,
    errorTexts: () => ({ invalid_visibility: t('bookingLevelBroader') }),
    fieldTexts: { bookingLevel: t('bookingLevelBroader'), maxMinutes: t('minAboveMax'), seats: t('seatsInvalid') },
  });
  const values = form.getValues();
  const type = values.type;
  const increment = Number(values.incrementMinutes);
  const durations = useMemo(() => durationOptions(increment), [increment]);
  const digits = currencyDigits(currency);

  const typeProps = form.getInputProps('type');
  const incrementProps = form.getInputProps('incrementMinutes');
  const visibilityProps = form.getInputProps('visibility');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {!resource && (
          <Select
            label={t('field.type')}
            data={RESOURCE_TYPES.map((value) => ({ value, label: typeLabel(value) }))}
            allowDeselect={false}
            {...typeProps}
            onChange={(next) => {
              const nextType = (next ?? 'meeting_room') as ResourceType;
              typeProps.onChange(nextType);
              form.setFieldValue('bookable', startsBookable(nextType));
              form.setFieldValue('dayPassAccepted', nextType === 'hot_desk');
              if (!hasSeats(nextType)) form.setFieldValue('seats', 1);
            }}
          />
        )}
        <TextInput label={t('field.name')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('field.description')} autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {hasSeats(type) && (
            <NumberInput
              label={t('field.seats')}
              description={t(type === 'hot_desk' ? 'field.seatsHint.hot_desk' : 'field.seatsHint.private_office')}
              withAsterisk
              min={1}
              max={500}
              allowDecimal={false}
              {...form.getInputProps('seats')}
            />
          )}
          <NumberInput label={t('field.capacity')} description={t('field.capacityHint')} min={1} allowDecimal={false} {...form.getInputProps('capacity')} />
        </SimpleGrid>
        <Fieldset legend={t('section.price')} variant="unstyled" p={0} styles={LEGEND}>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t('field.pricePerHour', { currency })} min={0} decimalScale={digits} hideControls {...form.getInputProps('price')} />
              <NumberInput label={t('field.creditsPerHour')} min={0} allowDecimal={false} {...form.getInputProps('credits')} />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('field.priceHint')}
            </Text>
            {type === 'hot_desk' && <Checkbox label={t('field.dayPassAccepted')} {...form.getInputProps('dayPassAccepted', { type: 'checkbox' })} />}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('section.booking')} variant="unstyled" p={0} styles={LEGEND}>
          <Stack gap="xs">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="increment-label">
                {t('field.increment')}
              </Text>
              <SegmentedControl
                aria-labelledby="increment-label"
                data={INCREMENTS.map((value) => ({ value, label: durationText(Number(value)) }))}
                {...incrementProps}
                onChange={(next) => {
                  const step = Number(next);
                  incrementProps.onChange(next);
                  form.setFieldValue('minMinutes', onGrid(form.getValues().minMinutes, step));
                  form.setFieldValue('maxMinutes', onGrid(form.getValues().maxMinutes, step));
                }}
                w="fit-content"
              />
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('field.minMinutes')} data={durations} allowDeselect={false} maxDropdownHeight={240} {...form.getInputProps('minMinutes')} />
              <Select label={t('field.maxMinutes')} data={durations} allowDeselect={false} maxDropdownHeight={240} {...form.getInputProps('maxMinutes')} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('field.visibility')}
            data={VISIBILITIES.map((value) => ({ value, label: visibilityLabel(value) }))}
            allowDeselect={false}
            {...visibilityProps}
            onChange={(next) => {
              visibilityProps.onChange(next);
              // Who may book follows when it would be broader than who may see.
              if (next && broader(form.getValues().bookingLevel, next as Visibility)) form.setFieldValue('bookingLevel', next as Visibility);
            }}
          />
          <Select
            label={t('field.bookingLevel')}
            data={VISIBILITIES.map((value) => ({ value, label: visibilityLabel(value), disabled: broader(value, values.visibility) }))}
            allowDeselect={false}
            {...form.getInputProps('bookingLevel')}
          />
        </SimpleGrid>
        <Checkbox label={t('field.bookable')} description={t('field.bookableHint')} {...form.getInputProps('bookable', { type: 'checkbox' })} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {resource ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
