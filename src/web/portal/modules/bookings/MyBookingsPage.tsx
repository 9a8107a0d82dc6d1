// /bookings: the person's upcoming bookings at the location the portal shows, soonest first, each with its time in the
// location's zone, how it was paid and the refund rule in words ("Cancel before Tue 14:00 for a full refund": the start
// less the location's cancellation notice). Cancel asks first, saying what comes back, then shows what did. A booking
// awaiting its card payment offers "Pay now" (a checkout for its invoice). Below, the past and canceled ones, newest first.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../../../lib/error-messages';
import { formatMinor } from '../../../lib/format';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { useStartCheckout } from '../invoices/api';
import { type Booking, type BookedState, type Refunded, useAvailability, useCancelBooking, useMyBookings, useMyPastBookings } from './api';
import { BookingFrame, type BookingPlace, dialogTitleStyles, ZoneNote } from './BookingFrame';
import { localDate, refundDeadline } from './booking-time';
import { t } from './messages';
import { paidWords, spentItems } from './words';

export function MyBookingsPage() {
  return <BookingFrame title={t('mine.title')}>{(place) => <MyBookings place={place} />}</BookingFrame>;
}

interface Canceled {
  booking: Booking;
  refunded: Refunded;
}

function MyBookings({ place }: { place: BookingPlace }) {
  const { location, formats } = place;
  // today's grid names every resource the person may see; a booking of one they no longer see is "a space"
  const resources = useAvailability(location.id, localDate(new Date(), location.timeZone));
  const bookings = useMyBookings(location.id);
  const [asked, setAsked] = useState<Booking | null>(null);
  const [canceled, setCanceled] = useState<Canceled | null>(null);
  const booked = (useLocation().state as BookedState | null)?.booked ?? null;
  const [bookedShown, setBookedShown] = useState(true);
  const nameOf = (booking: Booking) => resources.data?.resources.find((resource) => resource.id === booking.resourceId)?.name ?? t('mine.aSpace');

  return (
    <>
      {booked && bookedShown && !canceled && (
        <Alert
          color="green"
          title={t('bookedTitle')}
          role="status"
          withCloseButton
          onClose={() => setBookedShown(false)}
          closeButtonLabel={t('close')}
          data-testid="booked-notice"
        >
          {t('which', { resource: nameOf(booked), when: formats.range(booked.startsAt, booked.endsAt) })}
        </Alert>
      )}
      {canceled && <CanceledNotice canceled={canceled} name={nameOf(canceled.booking)} place={place} onClose={() => setCanceled(null)} />}
      <ZoneNote timeZone={location.timeZone} />
      <Title order={2} size="h4" id="upcoming-bookings">
        {t('mine.upcoming')}
      </Title>
      <QueryView query={bookings} rows={6}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) {
            return (
              <Stack gap="sm" align="flex-start">
                <Text c="dimmed">{t('mine.empty')}</Text>
                <Button component={Link} to="/book" size="md">
                  {t('mine.bookNow')}
                </Button>
              </Stack>
            );
          }
          return (
            <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby="upcoming-bookings">
              {items.map((booking) => (
                <BookingCard key={booking.id} booking={booking} name={nameOf(booking)} place={place} onCancel={() => setAsked(booking)} />
              ))}
              {bookings.hasNextPage && (
                <Button variant="default" size="md" onClick={() => void bookings.fetchNextPage()} loading={bookings.isFetchingNextPage}>
                  {t('mine.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryView>
      <PastBookings place={place} nameOf={nameOf} />
      {asked && (
        <CancelModal
          key={asked.id}
          booking={asked}
          name={nameOf(asked)}
          place={place}
          onClose={() => setAsked(null)}
          onCanceled={(answer) => {
            setAsked(null);
            setCanceled(answer);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}

/** The refund rule of a booking in words, as of now. */
function ruleOf(booking: Booking, place: BookingPlace, now: number): string {
  const deadline = refundDeadline(booking.startsAt, place.location.cancellationNoticeHours);
  if (Date.parse(booking.startsAt) <= now) return t('rule.started');
  if (spentItems(booking, place.location.currency).length === 0) return t('rule.free');
  if (deadline.getTime() > now) return t('rule.refund', { deadline: place.formats.deadline(deadline, now) });
  return t('rule.late', { deadline: place.formats.deadline(deadline, now) });
}

function BookingCard({ booking, name, place, onCancel }: { booking: Booking; name: string; place: BookingPlace; onCancel: () => void }) {
  const { location, formats } = place;
  const now = Date.now();
  const started = Date.parse(booking.startsAt) <= now;
  const when = formats.range(booking.startsAt, booking.endsAt);
  const company = booking.companyName;
  return (
    <Card component="li" withBorder radius="md" padding="md" data-testid="my-booking">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text fw={700} size="lg" miw={0} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          {booking.status === 'pending_payment' ? (
            <Badge color="orange" variant="light" tt="none" style={{ flexShrink: 0 }}>
              {t('mine.pending')}
            </Badge>
          ) : (
            started && (
              <Badge color="green" variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t('mine.now')}
              </Badge>
            )
          )}
        </Group>
        <Text size="lg">{when}</Text>
        {booking.title && <Text size="sm">{booking.title}</Text>}
        <Text size="sm">{paidWords(booking, location.currency)}</Text>
        {company && <Text size="sm">{t('paid.company', { company })}</Text>}
        <Text size="sm" c="dimmed" data-testid="refund-rule">
          {ruleOf(booking, place, now)}
        </Text>
        {booking.status === 'pending_payment' && booking.invoiceId && (
          <PayNow locationId={location.id} invoiceId={booking.invoiceId} label={t('mine.payOf', { resource: name, when })} />
        )}
        {!started && (
          <Button mt="xs" variant="light" color="red" size="md" fullWidth onClick={onCancel} aria-label={t('cancelOf', { resource: name, when })}>
            {t('cancel')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/** "Pay now" for a booking awaiting its card payment: a checkout for its invoice, then off to the provider's page. */
function PayNow({ locationId, invoiceId, label }: { locationId: string; invoiceId: string; label: string }) {
  const checkout = useStartCheckout(locationId, invoiceId);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pay = () => {
    if (checkout.isPending || leaving) return;
    setError(null);
    checkout.mutate(undefined, {
      onSuccess: ({ url }) => {
        setLeaving(true);
        window.location.assign(url);
      },
      onError: (caught) => setError(errorMessage(caught, { invalid_state: t('mine.payGone') })),
    });
  };
  return (
    <Stack gap={4} mt="xs">
      <Button size="md" fullWidth onClick={pay} loading={checkout.isPending || leaving} aria-label={label}>
        {t('mine.payNow')}
      </Button>
      <Text size="sm" c="dimmed">
        {t('mine.payHint')}
      </Text>
      <FormError message={error} />
    </Stack>
  );
}

/** The bookings that have ended or were canceled, newest first, page by page. */
function PastBookings({ place, nameOf }: { place: BookingPlace; nameOf: (booking: Booking) => string }) {
  const { location, formats } = place;
  const past = useMyPastBookings(location.id);
  return (
    <Stack gap="sm" mt="md" component="section" aria-labelledby="past-bookings">
      <Title order={2} size="h4" id="past-bookings">
        {t('mine.past')}
      </Title>
      <QueryView query={past} rows={3}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <Text c="dimmed">{t('mine.pastEmpty')}</Text>;
          return (
            <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby="past-bookings">
              {items.map((booking) => (
                <Card key={booking.id} component="li" withBorder radius="md" padding="md" data-testid="past-booking">
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                      <Text fw={700} miw={0} style={{ overflowWrap: 'anywhere' }}>
                        {nameOf(booking)}
                      </Text>
                      {booking.status === 'canceled' && (
                        <Badge color="gray" variant="light" tt="none" style={{ flexShrink: 0 }}>
                          {t('mine.canceled')}
                        </Badge>
                      )}
                    </Group>
                    <Text>{formats.range(booking.startsAt, booking.endsAt)}</Text>
                    {booking.title && <Text size="sm">{booking.title}</Text>}
                    {booking.status !== 'canceled' && <Text size="sm">{paidWords(booking, location.currency)}</Text>}
                  </Stack>
                </Card>
              ))}
              {past.hasNextPage && (
                <Button variant="default" size="md" onClick={() => void past.fetchNextPage()} loading={past.isFetchingNextPage}>
                  {t('mine.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryView>
    </Stack>
  );
}

/** What cancel gives back, said before confirming: everything before the deadline, nothing after. */
function CancelModal({
  booking,
  name,
  place,
  onClose,
  onCanceled,
}: {
  booking: Booking;
  name: string;
  place: BookingPlace;
  onClose: () => void;
  onCanceled: (answer: Canceled) => void;
}) {
  const { location, formats } = place;
  const cancel = useCancelBooking(location.id);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const deadline = refundDeadline(booking.startsAt, location.cancellationNoticeHours);
  const what = [
    ...spentItems({ ...booking, price: 0 }, location.currency),
    ...(booking.price > 0 ? [t('cancel.moneyBack', { amount: formatMinor(booking.price, location.currency) })] : []),
  ];
  const back =
    what.length === 0
      ? t('cancel.nothingToReturn')
      : deadline.getTime() > now
        ? t('cancel.full', { what: formats.both(what) })
        : t('cancel.none', { deadline: formats.deadline(deadline, now), what: formats.both(spentItems(booking, location.currency)) });
  const confirm = () => {
    if (cancel.isPending) return;
    setError(null);
    cancel.mutate(booking.id, {
      onSuccess: (answer) => onCanceled({ booking, refunded: answer.refunded }),
      onError: (caught) => setError(errorMessage(caught)),
    });
  };
  return (
    <Modal
      opened
      onClose={cancel.isPending ? () => undefined : onClose}
      title={t('cancel.title')}
      centered
      closeButtonProps={{ 'aria-label': t('close') }}
      styles={dialogTitleStyles}
    >
      <Stack gap="md" data-testid="cancel-confirmation">
        <Stack gap={2}>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          <Text>{formats.range(booking.startsAt, booking.endsAt)}</Text>
        </Stack>
        <Text data-testid="cancel-refund">{back}</Text>
        <FormError message={error} />
        <Stack gap="xs">
          <Button color="red" size="md" fullWidth onClick={confirm} loading={cancel.isPending}>
            {t('cancel')}
          </Button>
          <Button variant="default" size="md" fullWidth onClick={onClose} disabled={cancel.isPending}>
            {t('cancel.keep')}
          </Button>
        </Stack>
      </Stack>
    </Modal>
  );
}

/** What came back from a cancel, as the server counted it. */
function CanceledNotice({ canceled, name, place, onClose }: { canceled: Canceled; name: string; place: BookingPlace; onClose: () => void }) {
  const { booking, refunded } = canceled;
  const { location, formats } = place;
  const back = [
    ...(refunded.credits > 0 ? [t('credits', { count: refunded.credits })] : []),
    ...(refunded.dayPasses > 0 ? [t('dayPasses', { count: refunded.dayPasses })] : []),
    ...(refunded.amount > 0 ? [t('cancel.moneyBack', { amount: formatMinor(refunded.amount, location.currency) })] : []),
  ];
  const expired = refunded.expiredNotReturned;
  return (
    <Alert color="green" title={t('canceled.title')} role="status" withCloseButton onClose={onClose} closeButtonLabel={t('close')} data-testid="cancel-result">
      <Stack gap={4}>
        <Text size="sm">{t('which', { resource: name, when: formats.range(booking.startsAt, booking.endsAt) })}</Text>
        <Text size="sm" fw={600}>
          {back.length > 0 ? t('canceled.back', { what: formats.both(back) }) : t('canceled.nothing')}
        </Text>
        {expired > 0 && (
          <Text size="sm">
            {t('canceled.expired', { what: booking.dayPasses > 0 ? t('dayPasses', { count: expired }) : t('credits', { count: expired }) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
