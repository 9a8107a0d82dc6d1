// The booking summary (full screen on a phone): the resource and the time in the location's zone, the duration (on the
// resource's grid, within its shortest and longest booking, over free slots), the price each way it is sold, who pays
// (me, or my company when I may use it), how (the ways the resource offers; card only with online payment), the refund
// rule, an optional title, and Confirm. One Idempotency-Key per summary, so a double tap or a retry books once; a card goes to checkout.
import { Button, Group, Modal, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-messages';
import { formatMinor } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { useBillingSummary } from '../billing/api';
import { type AvailableResource, type BookedState, useBook, usePaymentProviders } from './api';
import type { BookingPlace } from './BookingFrame';
import { dialogTitleStyles, ZoneNote } from './BookingFrame';
import { durationsFrom, isFree, newIdempotencyKey, type PaymentMethod, paymentMethods, priceOf, refundDeadline } from './booking-time';
import { t } from './messages';
import { costWords, durationWords } from './words';
import { ChoiceCard } from '../../../ui/ChoiceCard';

type Payer = 'personal' | 'company';

interface Props {
  place: BookingPlace;
  resource: AvailableResource;
  startsAt: string;
  onClose: () => void;
  /** The time was taken meanwhile: the page says so and shows the fresh grid. */
  onSlotGone: () => void;
}

export function BookingSummary({ place, resource, startsAt, onClose, onSlotGone }: Props) {
  const phone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('summary.title')}
      fullScreen={phone}
      centered
      size="md"
      closeButtonProps={{ 'aria-label': t('close') }}
      styles={dialogTitleStyles}
    >
      <Summary place={place} resource={resource} startsAt={startsAt} onClose={onClose} onSlotGone={onSlotGone} />
    </Modal>
  );
}

function Summary({ place, resource, startsAt, onSlotGone }: Props) {
  const { location, membership, formats } = place;
  const navigate = useNavigate();
  // one key for this summary: a second tap, or a retry after a lost answer, books once
  const [idempotencyKey] = useState(newIdempotencyKey);
  const durations = durationsFrom(resource, startsAt);
  const [minutes, setMinutes] = useState(durations[0]?.minutes ?? 0);
  const duration = durations.find((each) => each.minutes === minutes) ?? durations[0];
  const billing = useBillingSummary(location.id);
  const providers = usePaymentProviders(location.id);
  const [payer, setPayer] = useState<Payer>('personal');
  const [picked, setPicked] = useState<PaymentMethod | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const book = useBook(location.id);
  // a ref, not state: a second tap in the same tick must see the first one running
  const busy = useRef(false);

  if (!duration) return <FormError message={t('slotGone')} />;
  const endsAt = duration.endsAt;
  const company = billing.data?.balances.company ?? null;
  const companyUsable = Boolean(company?.canSpend) && !isFree(resource);
  const who: Payer = companyUsable ? payer : 'personal';
  const balance = who === 'company' && company ? company : billing.data?.balances.personal;
  const price = priceOf(resource, duration.minutes);
  const methods = paymentMethods(resource, {
    member: membership.type === 'member',
    cardAvailable: (providers.data?.items.length ?? 0) > 0,
    startsAt,
    endsAt,
    timeZone: location.timeZone,
  });
  const enough = (method: PaymentMethod) =>
    method === 'credits' ? (balance?.credits ?? 0) >= (price.credits ?? 0) : method === 'day_pass' ? (balance?.dayPasses ?? 0) >= 1 : true;
  const method = picked && methods.includes(picked) && enough(picked) ? picked : (methods.find(enough) ?? null);
  const deadline = refundDeadline(startsAt, location.cancellationNoticeHours);
  const now = Date.now();

  const confirm = async () => {
    if (busy.current || !method) return;
    busy.current = true;
    setError(null);
    try {
      const answer = await book.mutateAsync({
        idempotencyKey,
        input: {
          resourceId: resource.id,
          startsAt,
          endsAt,
          paymentMethod: method,
          ...(method !== 'free' ? { payer: who } : {}),
          ...(title.trim() ? { title: title.trim() } : {}),
        },
      });
      if (answer.checkoutUrl) {
        setLeaving(true);
        window.location.assign(answer.checkoutUrl);
        return;
      }
      // said on My bookings rather than in a notification, which would cover the bottom navigation of a phone
      navigate('/bookings', { state: { booked: answer.booking } satisfies BookedState });
    } catch (caught) {
      if (isApiError(caught) && caught.reason === 'slot_unavailable') {
        onSlotGone();
        return;
      }
      setError(errorMessage(caught, { insufficient_balance: t('notEnoughLeft') }));
      void billing.refetch();
    } finally {
      busy.current = false;
    }
  };

  const hint = (each: PaymentMethod) => {
    const money = formatMinor(price.money ?? 0, resource.currency);
    const cost = each === 'credits' ? t('credits', { count: price.credits ?? 0 }) : t('dayPasses', { count: 1 });
    const held = each === 'credits' ? t('credits', { count: balance?.credits ?? 0 }) : t('dayPasses', { count: balance?.dayPasses ?? 0 });
    switch (each) {
      case 'free':
        return t('hint.free');
      case 'invoice':
        return t('hint.invoice', { price: money });
      case 'card':
        return t('hint.card', { price: money });
      default:
        if (!enough(each)) return t('hint.notEnough', { cost, balance: held });
        return who === 'company' && company ? t('hint.spendCompany', { cost, company: company.name, balance: held }) : t('hint.spend', { cost, balance: held });
    }
  };

  return (
    <Stack gap="md" data-testid="booking-summary">
      <Stack gap={2}>
        <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {resource.name}
        </Text>
        <Text size="lg" data-testid="summary-when">
          {formats.range(startsAt, endsAt)}
        </Text>
        <ZoneNote timeZone={location.timeZone} />
      </Stack>
      <NativeSelect
        size="md"
        label={t('summary.duration')}
        value={String(duration.minutes)}
        onChange={(event) => setMinutes(Number(event.currentTarget.value))}
        data={durations.map((each) => ({
          value: String(each.minutes),
          label: t('duration.option', { duration: durationWords(each.minutes), time: formats.time(each.endsAt) }),
        }))}
      />
      <Group justify="space-between" wrap="nowrap" align="baseline">
        <Text c="dimmed">{t('summary.price')}</Text>
        <Text fw={700} size="lg" ta="right" data-testid="summary-price">
          {costWords(resource, duration.minutes, formats, methods.includes('day_pass'))}
        </Text>
      </Group>
      {billing.isPending || providers.isPending ? (
        <LoadingSkeleton rows={3} />
      ) : billing.isError ? (
        <ErrorAlert error={billing.error} onRetry={() => void billing.refetch()} retrying={billing.isFetching} />
      ) : (
        <>
          {companyUsable && company && (
            <Radio.Group label={t('summary.payer')} value={who} onChange={(value) => setPayer(value as Payer)} size="md">
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
            methods[0] !== 'free' && (
              <Radio.Group label={t('summary.method')} value={method} onChange={(value) => setPicked(value as PaymentMethod)} size="md">
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
      <TextInput
        size="md"
        label={t('summary.titleField')}
        description={t('summary.titleHint')}
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <Text size="sm" c="dimmed" data-testid="summary-rule">
        {isFree(resource)
          ? t('rule.free')
          : deadline.getTime() > now
            ? t('rule.refund', { deadline: formats.deadline(deadline, now) })
            : t('rule.lateNew', { hours: location.cancellationNoticeHours })}
      </Text>
      {/* kept in reach at the bottom of the screen while the choices above scroll */}
      <Stack gap="xs" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)" style={{ zIndex: 1 }}>
        <FormError message={error} />
        <Button size="lg" fullWidth onClick={() => void confirm()} loading={book.isPending || leaving} disabled={!method || billing.isPending}>
          {method === 'card' ? t('confirmCard') : t('confirm')}
        </Button>
      </Stack>
    </Stack>
  );
}
