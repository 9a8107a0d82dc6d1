// /tickets: the person's tickets at the location the portal shows, newest first, each with its QR code large enough to
// scan at the door, its code, how it was paid and the refund rule in words; Cancel asks first, saying what comes back.
import { Alert, Badge, Button, Card, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { errorMessage } from '../../../lib/error-messages';
import { formatMinor } from '../../../lib/format';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { dialogTitleStyles } from '../bookings/BookingFrame';
import { refundDeadline } from '../bookings/booking-time';
import { type MyTicket, type Refunded, useCancelTicket, useMyTickets } from './api';
import { EventsFrame, type EventsPlace } from './EventsFrame';
import type { GotState } from './EventsPage';
import { t } from './messages';
import { refundWords } from './words';

export function MyTicketsPage() {
  return <EventsFrame title={t('mineTitle')}>{(place) => <MyTickets place={place} />}</EventsFrame>;
}

function MyTickets({ place }: { place: EventsPlace }) {
  const { location, formats } = place;
  const tickets = useMyTickets(location.id);
  const got = (useLocation().state as GotState | null)?.got ?? null;
  const [asked, setAsked] = useState<MyTicket | null>(null);
  const [canceled, setCanceled] = useState<{ ticket: MyTicket; refunded: Refunded } | null>(null);
  const now = Date.now();

  return (
    <>
      {got && !canceled && (
        <Alert color="green" role="status" data-testid="ticket-got">
          {t('got', { title: got.event.title })}
        </Alert>
      )}
      {canceled && (
        <Alert color="blue" role="status">
          {canceled.refunded.credits || canceled.refunded.amount
            ? t('canceledRefunded', { what: refundWords(canceled.refunded, location.currency, formats) })
            : t('canceledDone')}
        </Alert>
      )}
      <QueryView query={tickets} rows={3}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <Text c="dimmed">{t('mineEmpty')}</Text>;
          return (
            <Stack gap="sm">
              {items.map((ticket) => {
                const live = ticket.status !== 'canceled';
                const started = Date.parse(ticket.event.startsAt) <= now;
                const deadline = refundDeadline(ticket.event.startsAt, ticket.event.refundNoticeHours);
                return (
                  <Card key={ticket.id} withBorder radius="md" p="md" data-testid="ticket-card" opacity={live ? 1 : 0.7}>
                    <Stack gap={6} align="stretch">
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }} flex={1} miw={0}>
                          {ticket.event.title}
                        </Text>
                        <Badge
                          style={{ flexShrink: 0 }}
                          color={ticket.status === 'confirmed' ? 'green' : ticket.status === 'canceled' ? 'gray' : 'yellow'}
                          variant="light"
                        >
                          {ticket.checkedInAt && live ? t('checkedIn') : t(`status.${ticket.status}`)}
                        </Badge>
                      </Group>
                      <Text>{formats.range(ticket.event.startsAt, ticket.event.endsAt)}</Text>
                      {ticket.event.place && <Text c="dimmed">{t('where', { place: ticket.event.place })}</Text>}
                      {ticket.event.status === 'canceled' && <Text c="red">{t('eventCanceled')}</Text>}
                      {live && (
                        <Stack align="center" gap={4} py="xs">
                          <Image src={ticket.qrCode} alt={t('qrAlt', { code: ticket.code })} w={260} h={260} fit="contain" data-testid="ticket-qr" />
                          <Text ff="monospace" fw={700} size="xl" style={{ letterSpacing: 3 }} data-testid="ticket-code">
                            {ticket.code}
                          </Text>
                        </Stack>
                      )}
                      <Text size="sm">
                        {t('paid', { method: ticket.paymentMethod, credits: ticket.credits, price: formatMinor(ticket.price, location.currency) })}
                      </Text>
                      {live && (
                        <Text size="sm" c="dimmed">
                          {started
                            ? t('rule.started')
                            : ticket.paymentMethod === 'free'
                              ? t('rule.free')
                              : deadline.getTime() > now
                                ? t('rule.refund', { deadline: formats.deadline(deadline, now) })
                                : t('rule.late', { deadline: formats.deadline(deadline, now) })}
                        </Text>
                      )}
                      {live && !started && (
                        <Button variant="default" color="red" size="md" onClick={() => setAsked(ticket)}>
                          {t('cancel')}
                        </Button>
                      )}
                    </Stack>
                  </Card>
                );
              })}
              {tickets.hasNextPage && (
                <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
                  {t('more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryView>
      {asked && (
        <CancelDialog
          place={place}
          ticket={asked}
          onClose={() => setAsked(null)}
          onDone={(result) => {
            setAsked(null);
            setCanceled(result);
          }}
        />
      )}
    </>
  );
}

function CancelDialog({
  place,
  ticket,
  onClose,
  onDone,
}: {
  place: EventsPlace;
  ticket: MyTicket;
  onClose: () => void;
  onDone: (result: { ticket: MyTicket; refunded: Refunded }) => void;
}) {
  const { location, formats } = place;
  const cancel = useCancelTicket(location.id);
  const [error, setError] = useState<string | null>(null);
  const inTime = refundDeadline(ticket.event.startsAt, ticket.event.refundNoticeHours).getTime() > Date.now();
  const spent: Refunded = { credits: ticket.credits, dayPasses: 0, amount: ticket.price, expiredNotReturned: 0 };
  return (
    <Modal opened onClose={onClose} title={t('cancelTitle')} centered styles={dialogTitleStyles} closeButtonProps={{ 'aria-label': t('close') }}>
      <Stack gap="md">
        <Text>
          {ticket.paymentMethod === 'free'
            ? t('cancelFree')
            : inTime
              ? t('cancelRefund', { what: refundWords(spent, location.currency, formats) })
              : t('cancelNoRefund', { hours: ticket.event.refundNoticeHours })}
        </Text>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={cancel.isPending}>
            {t('keep')}
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(ticket.id, {
                onSuccess: (answer) => onDone(answer),
                onError: (caught) => setError(errorMessage(caught)),
              })
            }
          >
            {t('cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
