// Bookings (/admin/l/:locationId/bookings?view=week&date=YYYY-MM-DD&type=): the day or week calendar of the location's
// resources in its time zone; book for a customer from the header or by clicking a free time, open a booking to see it
// and cancel it (the refund said first). View, date and type live in the URL.
import { Anchor, Badge, Button, Drawer, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Location } from '../../../lib/types';
import { addDays, formatDayRange, formatLongDay, isLocalDay, todayAt, wallOf, weekStart } from '../../../lib/wall-time';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminLocation } from '../../admin-context';
import { RESOURCE_TYPES, type Resource, type ResourceType, useAssignments, useResources } from '../resources/api';
import { groupLabel } from '../resources/labels';
import { type Booking, useBookings } from './api';
import { BookingForm, type BookingDraft } from './BookingForm';
import { CalendarGrid } from './CalendarGrid';
import { CancelBookingModal } from './CancelBookingModal';
import { paymentText, whenText } from './labels';
import { t } from './messages';

type View = 'day' | 'week';

const byTypeThenName = (a: Resource, b: Resource) => RESOURCE_TYPES.indexOf(a.type) - RESOURCE_TYPES.indexOf(b.type) || a.name.localeCompare(b.name);

export function BookingsPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const today = todayAt(location.timeZone);
  const view: View = params.get('view') === 'day' ? 'day' : 'week';
  const date = isLocalDay(params.get('date') ?? '') ? params.get('date')! : today;
  const days = view === 'day' ? [date] : Array.from({ length: 7 }, (_, index) => addDays(weekStart(date), index));

  const resources = useResources(location.id);
  const bookings = useBookings(location.id, { from: days[0], to: days[days.length - 1] });
  const assignments = useAssignments(location.id);
  const live = (bookings.data?.items ?? []).filter((booking) => booking.status !== 'canceled');
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [opened, setOpened] = useState<Booking | null>(null);
  const [canceling, setCanceling] = useState<Booking | null>(null);

  const go = (next: { view?: View; date?: string; type?: ResourceType | null }) => {
    const merged = { view, date, type, ...next };
    const search = new URLSearchParams();
    search.set('view', merged.view);
    search.set('date', merged.date);
    if (merged.type) search.set('type', merged.type);
    setParams(search);
  };
  const step = view === 'day' ? 1 : 7;
  // Booking from the header starts on the day shown, or today when that has passed.
  const shownPast = date < today;

  const shown = (resources.data?.items ?? [])
    .filter((resource) => !resource.archived && (resource.bookable || live.some((booking) => booking.resourceId === resource.id)))
    .sort(byTypeThenName);
  const types = RESOURCE_TYPES.filter((candidate) => shown.some((resource) => resource.type === candidate));
  // A type in the URL with nothing of it here shows everything.
  const typeParam = params.get('type') as ResourceType | null;
  const type = typeParam && types.includes(typeParam) ? typeParam : null;
  const columns = shown.filter((resource) => !type || resource.type === type);
  const bookable = shown.filter((resource) => resource.bookable);
  const resourceOf = (booking: Booking) => shown.find((resource) => resource.id === booking.resourceId);
  const nameOf = (booking: Booking) => booking.customerName || t('someone');

  let body: ReactNode;
  if (resources.isPending || assignments.isPending) body = <LoadingSkeleton rows={8} />;
  else if (resources.isError) body = <ErrorAlert error={resources.error} onRetry={() => void resources.refetch()} retrying={resources.isFetching} />;
  else if (bookings.isError) body = <ErrorAlert error={bookings.error} onRetry={() => void bookings.refetch()} retrying={bookings.isFetching} />;
  else if (shown.length === 0) {
    body = (
      <Stack gap="xs" py="xl" align="flex-start">
        <Text fw={600}>{t('noResources')}</Text>
        <Text c="dimmed" maw={640}>
          {t('noResourcesHelp')}
        </Text>
        <Button component={Link} to={`/l/${location.id}/resources`} mt="xs">
          {t('addResources')}
        </Button>
      </Stack>
    );
  } else {
    body = (
      <CalendarGrid
        location={location}
        days={days}
        resources={columns}
        bookings={live}
        assignments={assignments.data?.items ?? []}
        onSlot={(resource, day, start) => setDraft({ resourceId: resource.id, day, start })}
        onBooking={setOpened}
        onDay={(day) => go({ view: 'day', date: day })}
      />
    );
  }

  return (
    <>
      <PageHeader title={t('title')} actions={<Button onClick={() => setDraft({ day: shownPast ? today : date })}>{t('book')}</Button>} />
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            {/* the buttons keep their width on a phone; the range beside them wraps instead */}
            <Button variant="default" onClick={() => go({ date: today })} style={{ flexShrink: 0 }}>
              {t('today')}
            </Button>
            <Button variant="default" px="xs" aria-label={t(`previous.${view}`)} onClick={() => go({ date: addDays(date, -step) })} style={{ flexShrink: 0 }}>
              <span aria-hidden="true">‹</span>
            </Button>
            <Button variant="default" px="xs" aria-label={t(`next.${view}`)} onClick={() => go({ date: addDays(date, step) })} style={{ flexShrink: 0 }}>
              <span aria-hidden="true">›</span>
            </Button>
            <Text fw={600} size="lg" ml="xs" aria-live="polite" data-testid="calendar-range">
              {view === 'day' ? formatLongDay(date) : formatDayRange(days[0], days[6])}
            </Text>
          </Group>
          <Group gap="xs" wrap="wrap">
            <TextInput
              type="date"
              aria-label={t('goTo')}
              value={date}
              onChange={(event) => isLocalDay(event.currentTarget.value) && go({ date: event.currentTarget.value })}
              w={160}
            />
            {types.length > 1 && (
              <Select
                aria-label={t('typeFilter')}
                data={[{ value: '', label: t('type.all') }, ...types.map((value) => ({ value, label: groupLabel(value) }))]}
                value={type ?? ''}
                onChange={(value) => go({ type: (value || null) as ResourceType | null })}
                allowDeselect={false}
                w={180}
              />
            )}
            <SegmentedControl
              aria-label={t('view.label')}
              value={view}
              onChange={(value) => go({ view: value as View })}
              data={(['day', 'week'] as const).map((value) => ({ value, label: t(`view.${value}`) }))}
            />
          </Group>
        </Group>
        <Group gap="md" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('timeZone', { zone: location.timeZone })} · {t('clickToBook')}
          </Text>
          <Legend />
        </Group>
        {body}
      </Stack>
      <Drawer opened={draft !== null} onClose={() => setDraft(null)} title={t('book')} position="right" size="lg">
        {draft && (
          <BookingForm
            location={location}
            resources={bookable}
            draft={draft}
            onDone={(booking) => {
              setDraft(null);
              const day = wallOf(booking.startsAt, location.timeZone).day;
              if (!days.includes(day)) go({ date: day });
            }}
          />
        )}
      </Drawer>
      <BookingDetails
        location={location}
        booking={opened}
        resource={opened ? resourceOf(opened) : undefined}
        name={opened ? nameOf(opened) : ''}
        onClose={() => setOpened(null)}
        onCancel={(booking) => {
          setOpened(null);
          setCanceling(booking);
        }}
      />
      <CancelBookingModal
        location={location}
        booking={canceling}
        resourceName={canceling ? (resourceOf(canceling)?.name ?? '') : ''}
        customerName={canceling ? nameOf(canceling) : ''}
        onClose={() => setCanceling(null)}
      />
    </>
  );
}

function Swatch({ background, border, label }: { background: string; border: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span aria-hidden="true" style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background, border }} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

function Legend() {
  return (
    <Group gap="md" wrap="wrap">
      <Swatch
        background="repeating-linear-gradient(135deg, var(--mantine-color-gray-1) 0 3px, var(--mantine-color-gray-0) 3px 6px)"
        border="1px solid var(--mantine-color-gray-3)"
        label={t('legend.closed')}
      />
      <Swatch background="var(--mantine-color-yellow-0)" border="1px dashed var(--mantine-color-yellow-7)" label={t('legend.pending')} />
      <Swatch
        background="repeating-linear-gradient(135deg, var(--mantine-color-violet-0) 0 3px, var(--mantine-color-white) 3px 6px)"
        border="1px solid var(--mantine-color-violet-2)"
        label={t('legend.assigned')}
      />
    </Group>
  );
}

interface BookingDetailsProps {
  location: Location;
  booking: Booking | null;
  resource: Resource | undefined;
  name: string;
  onClose: () => void;
  onCancel: (booking: Booking) => void;
}

function BookingDetails({ location, booking, resource, name, onClose, onCancel }: BookingDetailsProps) {
  const company = booking?.companyName;
  const started = booking ? Date.parse(booking.startsAt) <= Date.now() : false;
  return (
    <Modal opened={booking !== null} onClose={onClose} title={resource?.name ?? ''} centered>
      {booking && (
        <Stack data-testid="booking-details">
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs" component="dl" m={0}>
            <Fact label={t('details.when')}>{whenText(booking, location.timeZone)}</Fact>
            <Fact label={t('details.bookedFor')}>
              <Anchor component={Link} to={`/l/${location.id}/customers/${booking.customerId}`} size="sm" onClick={onClose}>
                {name}
              </Anchor>
            </Fact>
            <Fact label={t('details.payment')}>
              {paymentText(booking, location.currency)}
              {booking.companyId && (
                <Text size="xs" c="dimmed">
                  {company ? t('details.paidByCompany', { company }) : t('details.paidByTheCompany')}
                </Text>
              )}
            </Fact>
            <Fact label={t('details.status')}>
              <Badge variant="light" color={booking.status === 'confirmed' ? 'green' : booking.status === 'pending_payment' ? 'yellow' : 'gray'} tt="none">
                {t(`status.${booking.status}`)}
              </Badge>
            </Fact>
            {booking.title && <Fact label={t('details.titleField')}>{booking.title}</Fact>}
          </SimpleGrid>
          {started && booking.status !== 'canceled' && (
            <Text size="sm" c="dimmed">
              {t('details.started')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('details.close')}
            </Button>
            {!started && booking.status !== 'canceled' && (
              <Button color="red" variant="light" onClick={() => onCancel(booking)}>
                {t('details.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}
