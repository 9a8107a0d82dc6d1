// /events: upcoming events the person may see at the location the portal shows, soonest first, with time, place, price
// and places left; "Get a ticket" opens a sheet (full screen on a phone) with who pays, how (free, credits, invoice, card
// when online payment exists), the refund rule and Confirm; one Idempotency-Key per sheet. A card goes to checkout.
import { Badge, Button, Card, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/error-messages';
import { formatMinor } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { QueryView } from '../../../ui/QueryView';
import { useBillingSummary } from '../billing/api';
import { dialogTitleStyles, ZoneNote } from '../bookings/BookingFrame';
import { usePaymentProviders } from '../bookings/api';
import { newIdempotencyKey, refundDeadline } from '../bookings/booking-time';
import { type MyTicket, type PortalEvent, useGetTicket, useUpcomingEvents } from './api';
import { EventsFrame, type EventsPlace } from './EventsFrame';
import { t } from './messages';
import { isFree, priceWords } from './words';
import { ChoiceCard } from '../../../ui/ChoiceCard';

export function EventsPage() {
  return <EventsFrame title={t('title')}>{(place) => <Upcoming place={place} />}</EventsFrame>;
}

/** What /tickets shows first after a ticket was taken. */
export interface GotState {
  got: MyTicket;
}

function Upcoming({ place }: { place: EventsPlace }) {
  const { location, formats } = place;
  const events = useUpcomingEvents(location.id);
  const [picked, setPicked] = useState<PortalEvent | null>(null);
  const navigate = useNavigate();
  return (
    <>
      <ZoneNote timeZone={location.timeZone} />
      <QueryView query={events} rows={3}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (items.length === 0) return <Text c="dimmed">{t('empty')}</Text>;
          return (
            <Stack gap="sm">
              {items.map((event) => (
                <Card key={event.id} withBorder radius="md" p="md" data-testid="event-card">
                  <Stack gap={6}>
                    <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
                      {event.title}
                    </Text>
                    <Text>{formats.range(event.startsAt, event.endsAt)}</Text>
                    {event.place && <Text c="dimmed">{t('where', { place: event.place })}</Text>}
                    {event.description && (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                        {event.description}
                      </Text>
                    )}
                    <Group justify="space-between" align="center" wrap="wrap" gap="xs">
                      <Group gap="xs">
                        <Text fw={600}>{priceWords(event, formats)}</Text>
                        {event.myTicketId ? (
                          <Badge color="green" variant="light">
                            {t('haveTicket')}
                          </Badge>
                        ) : !event.ticketsOpen ? (
                          <Badge color="gray" variant="light">
                            {t('closed')}
                          </Badge>
                        ) : (
                          event.placesLeft !== null && (
                            <Badge color={event.placesLeft === 0 ? 'red' : 'blue'} variant="light">
                              {t('placesLeft', { count: event.placesLeft })}
                            </Badge>
                          )
                        )}
                      </Group>
                      {event.myTicketId ? (
                        <Button variant="default" size="md" onClick={() => navigate('/tickets')}>
                          {t('seeTicket')}
                        </Button>
                      ) : (
                        event.ticketsOpen &&
                        event.placesLeft !== 0 && (
                          <Button size="md" onClick={() => setPicked(event)}>
                            {t('getTicket')}
                          </Button>
                        )
                      )}
                    </Group>
                  </Stack>
                </Card>
              ))}
              {events.hasNextPage && (
                <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                  {t('more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryView>
      {picked && <TicketSheet place={place} event={picked} onClose={() => setPicked(null)} />}
    </>
  );
}

type Method = 'free' | 'credits' | 'invoice' | 'card';
type Payer = 'personal' | 'company';

function TicketSheet({ place, event, onClose }: { place: EventsPlace; event: PortalEvent; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 47.99em)');
  const { location, membership, formats } = place;
  const navigate = useNavigate();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const member = membership.type === 'member';
  const billing = useBillingSummary(location.id);
  const providers = usePaymentProviders(location.id);
  const [payer, setPayer] = useState<Payer>('personal');
  const [picked, setPicked] = useState<Method | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const getTicket = useGetTicket(location.id);
  const busy = useRef(false);

  const free = isFree(event);
  const company = member ? (billing.data?.balances.company ?? null) : null;
  const companyUsable = Boolean(company?.canSpend) && !free;
  const who: Payer = companyUsable ? payer : 'personal';
  const balance = who === 'company' && company ? company : billing.data?.balances.personal;
  const cardAvailable = (providers.data?.items.length ?? 0) > 0;
  const methods: Method[] = free
    ? ['free']
    : [
        ...((event.creditPrice ?? 0) > 0 && member ? (['credits'] as const) : []),
        ...((event.price ?? 0) > 0 && member ? (['invoice'] as const) : []),
        ...((event.price ?? 0) > 0 && cardAvailable ? (['card'] as const) : []),
      ];
  const enough = (m: Method) => m !== 'credits' || (balance?.credits ?? 0) >= (event.creditPrice ?? 0);
  const method = picked && methods.includes(picked) && enough(picked) ? picked : (methods.find(enough) ?? null);
  const deadline = refundDeadline(event.startsAt, event.refundNoticeHours);
  const now = Date.now();
  const loading = (member && billing.isPending) || providers.isPending;

  const hint = (m: Method) => {
    const money = formatMinor(event.price ?? 0, event.currency);
    switch (m) {
      case 'free':
        return t('hint.free');
      case 'invoice':
        return t('hint.invoice', { price: money });
      case 'card':
        return t('hint.card', { price: money });
      default: {
        const cost = t('credits', { count: event.creditPrice ?? 0 });
        const held = t('credits', { count: balance?.credits ?? 0 });
        if (!enough(m)) return t('hint.notEnough', { cost, balance: held });
        return who === 'company' && company ? t('hint.spendCompany', { cost, company: company.name, balance: held }) : t('hint.spend', { cost, balance: held });
      }
    }
  };

  const confirm = async () => {
    if (busy.current || !method) return;
    busy.current = true;
    setError(null);
    try {
      const answer = await getTicket.mutateAsync({
        eventId: event.id,
        idempotencyKey,
        input: { paymentMethod: method, ...(method !== 'free' ? { payer: who } : {}) },
      });
      if (answer.checkoutUrl) {
        setLeaving(true);
        window.location.assign(answer.checkoutUrl);
        return;
      }
      navigate('/tickets', { state: { got: answer.ticket } satisfies GotState });
    } catch (caught) {
      setError(errorMessage(caught, { insufficient_balance: t('notEnoughLeft') }));
      void billing.refetch();
    } finally {
      busy.current = false;
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sheet.title')}
      fullScreen={phone}
      centered
      size="md"
      closeButtonProps={{ 'aria-label': t('close') }}
      styles={dialogTitleStyles}
    >
      <Stack gap="md" data-testid="ticket-sheet">
        <Stack gap={2}>
          <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
            {event.title}
          </Text>
          <Text size="lg">{formats.range(event.startsAt, event.endsAt)}</Text>
          {event.place && <Text c="dimmed">{t('where', { place: event.place })}</Text>}
          <ZoneNote timeZone={location.timeZone} />
        </Stack>
        <Group justify="space-between" wrap="nowrap" align="baseline">
          <Text c="dimmed">{t('sheet.price')}</Text>
          <Text fw={700} size="lg" ta="right">
            {priceWords(event, formats)}
          </Text>
        </Group>
        {loading ? (
          <LoadingSkeleton rows={3} />
        ) : member && billing.isError ? (
          <ErrorAlert error={billing.error} onRetry={() => void billing.refetch()} retrying={billing.isFetching} />
        ) : (
          <>
            {companyUsable && company && (
              <Radio.Group label={t('sheet.payer')} value={who} onChange={(value) => setPayer(value as Payer)} size="md">
                <Stack gap="xs" mt={6}>
                  {(['personal', 'company'] as const).map((each) => (
                    <ChoiceCard key={each} value={each} label={each === 'personal' ? t('payer.personal') : t('payer.company', { company: company.name })} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {methods.length === 0 ? (
              <Text>{t('noMethod')}</Text>
            ) : (
              !free && (
                <Radio.Group label={t('sheet.method')} value={method} onChange={(value) => setPicked(value as Method)} size="md">
                  <Stack gap="xs" mt={6}>
                    {methods.map((each) => (
                      <ChoiceCard key={each} value={each} label={t(`method.${each}`)} hint={hint(each)} disabled={!enough(each)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )
            )}
          </>
        )}
        <Text size="sm" c="dimmed" data-testid="sheet-rule">
          {free
            ? t('rule.free')
            : deadline.getTime() > now
              ? t('rule.refund', { deadline: formats.deadline(deadline, now) })
              : t('rule.late', { deadline: formats.deadline(deadline, now) })}
        </Text>
        <Stack gap="xs" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)" style={{ zIndex: 1 }}>
          <FormError message={error} />
          <Button size="lg" fullWidth onClick={() => void confirm()} loading={getTicket.isPending || leaving} disabled={!method || loading}>
            {method === 'card' ? t('confirmCard') : t('confirm')}
          </Button>
        </Stack>
      </Stack>
    </Modal>
  );
}
