// /book: one day's free slots per resource at the location the portal shows, in the location's time zone. A date
// (today by default, up to the location's days ahead) and a kind of space (chips) live in the URL; tapping a start
// time opens the summary (BookingSummary) to choose the duration and the way to pay, then confirm.
import { ActionIcon, Alert, Badge, Button, Card, Chip, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryView } from '../../../ui/QueryView';
import { type AvailableResource, useAvailability } from './api';
import { BookingFrame, type BookingPlace, ZoneNote } from './BookingFrame';
import { BookingSummary } from './BookingSummary';
import { addDays, canStartAt, localDate } from './booking-time';
import { t } from './messages';
import { hourlyPriceWords } from './words';

const TYPE_ORDER = ['meeting_room', 'hot_desk', 'dedicated_desk', 'private_office', 'parking', 'equipment'] as const;
type ResourceType = (typeof TYPE_ORDER)[number];

export function BookPage() {
  return <BookingFrame title={t('book.title')}>{(place) => <BookDay place={place} />}</BookingFrame>;
}

interface Chosen {
  resourceId: string;
  startsAt: string;
}

function BookDay({ place }: { place: BookingPlace }) {
  const { location, formats } = place;
  const [params, setParams] = useSearchParams();
  const today = localDate(new Date(), location.timeZone);
  const last = addDays(today, location.bookAheadDays);
  const asked = params.get('date') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked >= today && asked <= last ? asked : today;
  const availability = useAvailability(location.id, date);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  // the resource whose chosen time was taken meanwhile: its card says so above the fresh times
  const [gone, setGone] = useState<string | null>(null);

  const setParam = (name: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const goTo = (day: string) => {
    if (day < today || day > last) return;
    setGone(null);
    setParam('date', day);
  };

  return (
    <>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <ActionIcon variant="default" size={48} aria-label={t('previousDay')} disabled={date <= today} onClick={() => goTo(addDays(date, -1))}>
          <Chevron back />
        </ActionIcon>
        <TextInput
          type="date"
          size="md"
          label={t('date')}
          min={today}
          max={last}
          value={date}
          onChange={(event) => event.currentTarget.value && goTo(event.currentTarget.value)}
          flex={1}
          miw={0}
          styles={{ input: { height: 48 } }}
        />
        <ActionIcon variant="default" size={48} aria-label={t('nextDay')} disabled={date >= last} onClick={() => goTo(addDays(date, 1))}>
          <Chevron />
        </ActionIcon>
      </Group>
      <Text fw={600} size="lg" data-testid="book-day">
        {formats.day(date)}
      </Text>
      <ZoneNote timeZone={location.timeZone} />
      <QueryView query={availability} rows={8}>
        {(data) => {
          const types = TYPE_ORDER.filter((type) => data.resources.some((resource) => resource.type === type));
          if (types.length === 0) return <Text c="dimmed">{t('nothingToBook')}</Text>;
          if (data.opening.length === 0) return <Text c="dimmed">{t('closed', { day: formats.day(date) })}</Text>;
          const askedType = params.get('type') as ResourceType | null;
          const type = askedType && types.includes(askedType) ? askedType : types[0];
          const shown = data.resources.filter((resource) => resource.type === type);
          const chosenResource = chosen && data.resources.find((resource) => resource.id === chosen.resourceId);
          return (
            <>
              {types.length > 1 && (
                <Chip.Group multiple={false} value={type} onChange={(value) => setParam('type', value)}>
                  <Group gap="xs" role="radiogroup" aria-label={t('types')}>
                    {types.map((each) => (
                      <Chip key={each} value={each} size="md">
                        {t(`type.${each}`)}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              )}
              {shown.map((resource) => (
                <ResourceCard
                  key={resource.id}
                  resource={resource}
                  place={place}
                  gone={gone === resource.id}
                  onChoose={(startsAt) => {
                    setGone(null);
                    setChosen({ resourceId: resource.id, startsAt });
                  }}
                />
              ))}
              {chosen && chosenResource && (
                <BookingSummary
                  key={`${chosen.resourceId}-${chosen.startsAt}`}
                  place={place}
                  resource={chosenResource}
                  startsAt={chosen.startsAt}
                  onClose={() => setChosen(null)}
                  onSlotGone={() => {
                    setGone(chosen.resourceId);
                    setChosen(null);
                    void availability.refetch();
                  }}
                />
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function ResourceCard({
  resource,
  place,
  gone,
  onChoose,
}: {
  resource: AvailableResource;
  place: BookingPlace;
  gone: boolean;
  onChoose: (startsAt: string) => void;
}) {
  const { formats } = place;
  const now = Date.now();
  const zone = resource.type === 'hot_desk';
  // times already begun are of no use: the grid starts at the next one
  const slots = resource.slots.filter((slot) => Date.parse(slot.startsAt) >= now);
  const open = resource.bookable && !resource.assigned;
  // "10:30 AM" needs wider buttons than "10:30"
  const longTimes = slots.some((slot) => formats.time(slot.startsAt).length > 5);
  const columns = longTimes ? { base: 3, xs: 4, sm: 5 } : { base: 4, xs: 5, sm: 6 };
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={resource.name} data-testid="bookable-resource">
      <Stack gap="sm">
        <Stack gap={2}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text fw={700} size="lg" miw={0} style={{ overflowWrap: 'anywhere' }}>
              {resource.name}
            </Text>
            {zone && (
              <Badge variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
                {t('seats', { count: resource.seats })}
              </Badge>
            )}
          </Group>
          <Text size="sm">{hourlyPriceWords(resource, formats)}</Text>
          {zone && resource.dayPassAccepted && (
            <Text size="sm" c="dimmed">
              {t('dayPassAccepted')}
            </Text>
          )}
        </Stack>
        {gone && (
          <Alert color="orange" role="alert" p="xs" data-testid="slot-gone">
            {t('slotGone')}
          </Alert>
        )}
        {!resource.bookable ? (
          <Text size="sm" c="dimmed">
            {t('notBookable')}
          </Text>
        ) : resource.assigned ? (
          <Text size="sm" c="dimmed">
            {t('assigned')}
          </Text>
        ) : slots.every((slot) => !canStartAt(resource, slot, now)) ? (
          <Text size="sm" c="dimmed">
            {t('noTimeLeft')}
          </Text>
        ) : (
          <SimpleGrid cols={columns} spacing={6} verticalSpacing={6} role="group" aria-label={t('startTimes', { name: resource.name })}>
            {slots.map((slot) => {
              const time = formats.time(slot.startsAt);
              const available = open && canStartAt(resource, slot, now);
              return (
                <Button
                  key={slot.startsAt}
                  variant={available ? 'light' : 'subtle'}
                  color={available ? undefined : 'gray'}
                  disabled={!available}
                  h={zone ? 56 : 48}
                  px={2}
                  onClick={() => onChoose(slot.startsAt)}
                  aria-label={available ? time : t('slotTaken', { time })}
                  data-testid="slot"
                  styles={{ label: { flexDirection: 'column', justifyContent: 'center', lineHeight: 1.2 } }}
                  style={available ? undefined : { textDecoration: 'line-through' }}
                >
                  <span>{time}</span>
                  {zone && available && (
                    <Text span size="xs" fw={400}>
                      {t('seatsFree', { count: slot.seatsFree })}
                    </Text>
                  )}
                </Button>
              );
            })}
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/** An arrow for the previous and next day buttons (their names say which). */
function Chevron({ back }: { back?: boolean }) {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={back ? 'M15 5l-7 7 7 7' : 'M9 5l7 7-7 7'} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
