// The Spaces section of a location's settings: opening hours per weekday (intervals of wall-clock times, closed days,
// 24:00 for midnight), how many days ahead members may book, the cancellation notice for a refund, the reminder.
import { ActionIcon, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import type { Location } from '../../../lib/types';
import { hhmm, minutesOf, WEEKDAYS, type Weekday } from '../../../lib/wall-time';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useUpdateLocation } from '../locations/api';
import { t } from './messages';

const MAX_INTERVALS = 6;
/** A number field as wide as its numbers, its label and hint at full width. */
const NARROW = { wrapper: { maxWidth: 160 } };
const LIMITS = { bookAheadDays: 730, cancellationNoticeHours: 720, bookingReminderMinutes: 10_080 } as const;

interface Interval {
  from: string;
  to: string;
}

const wholeNumber = (max: number) =>
  z.union([z.number(), z.string()]).pipe(
    z.coerce
      .number<string | number>({ error: () => t('settings.numberInvalid', { max }) })
      .int({ error: () => t('settings.numberInvalid', { max }) })
      .min(0, { error: () => t('settings.numberInvalid', { max }) })
      .max(max, { error: () => t('settings.numberInvalid', { max }) }),
  );

const wallTime = z.string().refine((value) => !Number.isNaN(minutesOf(value)), { error: () => t('settings.timeInvalid') });

const daySchema = z.array(z.object({ from: wallTime, to: wallTime })).superRefine((intervals, ctx) => {
  intervals.forEach((interval, index) => {
    const from = minutesOf(interval.from);
    const to = minutesOf(interval.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    if (to <= from) ctx.addIssue({ code: 'custom', path: [index, 'to'], message: t('settings.endBeforeStart') });
    const previous = intervals[index - 1];
    if (previous && from < minutesOf(previous.to)) ctx.addIssue({ code: 'custom', path: [index, 'from'], message: t('settings.overlap') });
  });
});

const schema = z
  .object({
    hours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, daySchema])) as Record<Weekday, typeof daySchema>),
    bookAheadDays: wholeNumber(LIMITS.bookAheadDays),
    cancellationNoticeHours: wholeNumber(LIMITS.cancellationNoticeHours),
    bookingReminderMinutes: wholeNumber(LIMITS.bookingReminderMinutes),
  })
  .transform(({ hours, ...rest }) => ({
    ...rest,
    openingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, hours[day].map(({ from, to }) => [hhmm(minutesOf(from)), hhmm(minutesOf(to))] as [string, string])]),
    ) as Location['openingHours'],
  }));

const asIntervals = (location: Location) =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, location.openingHours[day].map(([from, to]) => ({ from, to }))])) as Record<Weekday, Interval[]>;

export function SpacesSettingsSection({ location }: { location: Location }) {
  const update = useUpdateLocation(location.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      hours: asIntervals(location),
      bookAheadDays: location.bookAheadDays as number | string,
      cancellationNoticeHours: location.cancellationNoticeHours as number | string,
      bookingReminderMinutes: location.bookingReminderMinutes as number | string,
    },
    submit: async (values) => {
      await update.mutateAsync(values);
      form.resetDirty();
      notifySuccess(t('settings.saved'));
    },
  });
  const hours = form.getValues().hours;

  const setOpen = (day: Weekday, open: boolean) => form.setFieldValue(`hours.${day}`, open ? [{ from: '08:00', to: '20:00' }] : []);
  // "8" or "8:5" typed: written as 08:00 / 08:05 when the field is left.
  const tidy = (path: string, value: string) => {
    const minutes = minutesOf(/^\d{1,2}$/.test(value.trim()) ? `${value.trim()}:00` : value);
    if (!Number.isNaN(minutes)) form.setFieldValue(path, hhmm(minutes));
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby="spaces-title" data-testid="spaces-settings">
      <Title order={2} size="h3" id="spaces-title">
        {t('settings.title')}
      </Title>
      <Text c="dimmed" size="sm" maw={720}>
        {t('settings.help', { zone: location.timeZone })}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={760}>
          <Stack gap={6} component="fieldset" m={0} p={0} style={{ border: 0 }}>
            <Text component="legend" fw={600} size="sm" p={0}>
              {t('settings.openingHours')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('settings.openingHoursHelp')}
            </Text>
            {WEEKDAYS.map((day) => {
              const intervals = hours[day];
              const dayName = t(`weekday.${day}`);
              return (
                <Group key={day} gap="sm" align="flex-start" wrap="nowrap" py={4} data-testid={`hours-${day}`}>
                  <Checkbox
                    mt={8}
                    w={130}
                    label={dayName}
                    aria-label={t('settings.openOn', { day: dayName })}
                    checked={intervals.length > 0}
                    onChange={(event) => setOpen(day, event.currentTarget.checked)}
                  />
                  {intervals.length === 0 ? (
                    <Text size="sm" c="dimmed" mt={6}>
                      {t('settings.closed')}
                    </Text>
                  ) : (
                    <Group gap="xs" align="flex-start">
                      {intervals.map((_, index) => {
                        const base = `hours.${day}.${index}`;
                        const fromProps = form.getInputProps(`${base}.from`);
                        const toProps = form.getInputProps(`${base}.to`);
                        return (
                          // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity beyond their place in the day
                          <Group key={index} gap={4} align="flex-start" wrap="nowrap">
                            <TextInput
                              aria-label={t('settings.fromOn', { day: dayName, number: index + 1 })}
                              placeholder="08:00"
                              w={76}
                              {...fromProps}
                              onBlur={(event) => {
                                tidy(`${base}.from`, event.currentTarget.value);
                                fromProps.onBlur?.(event);
                              }}
                            />
                            <Text mt={6} aria-hidden="true">
                              –
                            </Text>
                            <TextInput
                              aria-label={t('settings.toOn', { day: dayName, number: index + 1 })}
                              placeholder="20:00"
                              w={76}
                              {...toProps}
                              onBlur={(event) => {
                                tidy(`${base}.to`, event.currentTarget.value);
                                toProps.onBlur?.(event);
                              }}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              mt={4}
                              aria-label={t('settings.removeInterval')}
                              onClick={() => form.removeListItem(`hours.${day}`, index)}
                            >
                              <span aria-hidden="true">×</span>
                            </ActionIcon>
                          </Group>
                        );
                      })}
                      {intervals.length < MAX_INTERVALS && (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          mt={4}
                          aria-label={t('settings.addIntervalOn', { day: dayName })}
                          onClick={() => {
                            const last = intervals[intervals.length - 1];
                            const from = Math.min(minutesOf(last?.to ?? '') || 12 * 60, 23 * 60);
                            form.insertListItem(`hours.${day}`, { from: hhmm(from), to: hhmm(Math.min(from + 60, 24 * 60)) });
                          }}
                        >
                          {t('settings.addInterval')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Group>
              );
            })}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  for (const day of ['tue', 'wed', 'thu', 'fri'] as const)
                    form.setFieldValue(
                      `hours.${day}`,
                      hours.mon.map((interval) => ({ ...interval })),
                    );
                }}
              >
                {t('settings.copyWeekdays')}
              </Button>
            </Group>
          </Stack>
          <Stack gap="sm">
            <NumberInput
              label={t('settings.bookAheadDays')}
              min={0}
              max={LIMITS.bookAheadDays}
              allowDecimal={false}
              styles={NARROW}
              {...form.getInputProps('bookAheadDays')}
            />
            <NumberInput
              label={t('settings.cancellationNoticeHours')}
              description={t('settings.cancellationHint')}
              min={0}
              max={LIMITS.cancellationNoticeHours}
              allowDecimal={false}
              styles={NARROW}
              {...form.getInputProps('cancellationNoticeHours')}
            />
            <NumberInput
              label={t('settings.bookingReminderMinutes')}
              description={t('settings.reminderHint')}
              min={0}
              max={LIMITS.bookingReminderMinutes}
              allowDecimal={false}
              styles={NARROW}
              {...form.getInputProps('bookingReminderMinutes')}
            />
          </Stack>
          <FormError message={error} />
          <Group>
            <Button type="submit" loading={submitting}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
