// Book for a customer: the customer, the resource, the day and the start and end on its grid (wall times at the location),
// how it is paid (credits, day pass, invoice, card when online payment is set up, or free with the price waived) and by
// whom, with what it costs. An administrator may book outside opening hours and for any length: the form says so rather
// than refusing. One Idempotency-Key per opened form, so a double click or a retry books once. A card booking waits for
// its payment: the form then offers the payment page (for the customer at the desk) before closing.
import { Alert, Anchor, Button, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/error-messages';
import { formatMinor } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer, Location } from '../../../lib/types';
import { elapsedMinutes, formatWallTime, instantAt, minutesOf, weekdayOf } from '../../../lib/wall-time';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useAdmin } from '../../admin-context';
import { RESOURCE_TYPES, type Resource } from '../resources/api';
import { CustomerPicker } from '../resources/CustomerPicker';
import { durationText, groupLabel } from '../resources/labels';
import { newIdempotencyKey } from '../invoices/api';
import { type Booking, type PaymentMethod, useBook, usePaymentProviders } from './api';
import { priceFor, whenText } from './labels';
import { t } from './messages';

const DAY = 24 * 60;

export interface BookingDraft {
  resourceId?: string;
  day: string;
  /** wall-clock minutes since midnight */
  start?: number;
}

/** What it costs in each accepted way: "€45.00 or 3 credits". */
function costText(resource: Resource, minutes: number): string {
  const price = priceFor(resource, minutes);
  const money = price.money ? formatMinor(price.money, resource.currency) : null;
  if (money && price.credits) return t('form.cost.both', { money, credits: price.credits });
  if (money) return money;
  if (price.credits) return t('form.cost.credits', { credits: price.credits });
  return t('form.cost.free');
}

const isFree = (resource: Resource) => (resource.pricePerHour ?? 0) === 0 && (resource.creditsPerHour ?? 0) === 0;

/** The ways this resource can be paid for, each with what it costs; a card only with online payment set up. */
function methodsFor(resource: Resource, minutes: number, cardAvailable: boolean): { value: PaymentMethod; label: string }[] {
  const price = priceFor(resource, minutes);
  const methods: { value: PaymentMethod; label: string }[] = [];
  if ((resource.creditsPerHour ?? 0) > 0) methods.push({ value: 'credits', label: t('method.credits', { count: price.credits ?? 0 }) });
  if (resource.type === 'hot_desk' && resource.dayPassAccepted) methods.push({ value: 'day_pass', label: t('method.day_pass') });
  if ((resource.pricePerHour ?? 0) > 0)
    methods.push({ value: 'invoice', label: t('method.invoice', { amount: formatMinor(price.money ?? 0, resource.currency) }) });
  if ((resource.pricePerHour ?? 0) > 0 && cardAvailable)
    methods.push({ value: 'card', label: t('method.card', { amount: formatMinor(price.money ?? 0, resource.currency) }) });
  methods.push({ value: 'free', label: isFree(resource) ? t('method.free') : t('method.waive') });
  return methods;
}

/** Wall times on the resource's grid: starts from midnight, ends up to the next midnight. */
function timeOptions(step: number, from: number, to: number) {
  const options: { value: string; label: string }[] = [];
  for (let minutes = from; minutes <= to; minutes += step)
    options.push({ value: String(minutes), label: minutes === DAY ? t('form.midnight') : formatWallTime(minutes) });
  return options;
}

const snap = (minutes: number, step: number) => Math.floor(minutes / step) * step;

/** Whether [start, end) fits in one opening interval of the day. */
function insideOpening(location: Location, day: string, start: number, end: number): boolean {
  return location.openingHours[weekdayOf(day)].some(([from, to]) => minutesOf(from) <= start && end <= minutesOf(to));
}

interface BookingFormProps {
  location: Location;
  /** The bookable resources, in the order the calendar shows them. */
  resources: Resource[];
  draft: BookingDraft;
  onDone: (booking: Booking) => void;
}

export function BookingForm({ location, resources, draft, onDone }: BookingFormProps) {
  const { access } = useAdmin();
  const book = useBook(location.id);
  const providers = usePaymentProviders(location.id);
  // one key for this opened form: a second click, or a retry after a lost answer, books once
  const [idempotencyKey] = useState(newIdempotencyKey);
  // a ref, not state: a second click in the same tick must see the first one running
  const busy = useRef(false);
  const [awaiting, setAwaiting] = useState<{ booking: Booking; checkoutUrl: string; text: string } | null>(null);
  const first = resources.find((resource) => resource.id === draft.resourceId) ?? resources[0];
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [resourceId, setResourceId] = useState<string | null>(first?.id ?? null);
  const [day, setDay] = useState(draft.day);
  const step = (resources.find((resource) => resource.id === resourceId) ?? first)?.incrementMinutes ?? 30;
  const initialStart = Math.min(snap(draft.start ?? 9 * 60, step), DAY - step);
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(Math.min(DAY, initialStart + Math.max(first?.minMinutes ?? 60, 60)));
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [payer, setPayer] = useState<'personal' | 'company'>('personal');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'customer' | 'resource' | 'day' | 'end', string>>>({});

  if (!access.can(location, 'customers')) return <Alert color="yellow">{t('form.noCustomersPermission')}</Alert>;
  if (!first) return <Alert color="yellow">{t('form.noBookable')}</Alert>;

  const resource = resources.find((candidate) => candidate.id === resourceId) ?? null;
  const minutes = day ? elapsedMinutes(instantAt(day, start, location.timeZone), instantAt(day, end, location.timeZone)) : end - start;
  const methods = resource ? methodsFor(resource, minutes, (providers.data?.items.length ?? 0) > 0) : [];
  const chosen = methods.find((option) => option.value === method) ?? methods[0];
  const withCompany = customer?.companyId && chosen?.value !== 'free';

  const changeResource = (id: string | null) => {
    setResourceId(id);
    const next = resources.find((candidate) => candidate.id === id);
    if (!next) return;
    const nextStart = Math.min(snap(start, next.incrementMinutes), DAY - next.incrementMinutes);
    setStart(nextStart);
    setEnd(Math.min(DAY, Math.max(nextStart + next.incrementMinutes, Math.ceil(end / next.incrementMinutes) * next.incrementMinutes)));
    setMethod(null);
  };
  const changeStart = (value: string | null) => {
    if (value === null) return;
    const next = Number(value);
    // The length stays as it was, within the day.
    setEnd(Math.min(DAY, next + Math.max(end - start, step)));
    setStart(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (book.isPending || busy.current) return;
    const found: typeof errors = {};
    if (!customer) found.customer = t('form.customerRequired');
    if (!resource) found.resource = t('form.resourceRequired');
    if (!day) found.day = t('form.dateRequired');
    if (end <= start) found.end = t('form.endAfterStart');
    setErrors(found);
    if (Object.keys(found).length > 0 || !customer || !resource || !chosen) return;
    busy.current = true;
    book
      .mutateAsync({
        idempotencyKey,
        input: {
          customerId: customer.id,
          resourceId: resource.id,
          startsAt: instantAt(day, start, location.timeZone),
          endsAt: instantAt(day, end, location.timeZone),
          paymentMethod: chosen.value,
          payer: withCompany ? payer : undefined,
          title: title.trim() || undefined,
        },
      })
      .then(
        ({ booking, checkoutUrl }) => {
          const words = { resource: resource.name, name: fullName(customer), when: whenText(booking, location.timeZone) };
          if (booking.status === 'pending_payment' && checkoutUrl) {
            setAwaiting({ booking, checkoutUrl, text: t('form.awaitingCard', words) });
            return;
          }
          notifySuccess(t('form.booked', words));
          onDone(booking);
        },
        // Shown under the form (book.error).
        () => undefined,
      )
      .finally(() => {
        busy.current = false;
      });
  };

  if (awaiting) {
    return (
      <Stack gap="sm" data-testid="awaiting-card">
        <Alert color="yellow" variant="light" title={t('status.pending_payment')}>
          <Stack gap={6}>
            <Text size="sm">{awaiting.text}</Text>
            <Text size="sm">{t('form.awaitingCardHelp')}</Text>
          </Stack>
        </Alert>
        <Group justify="flex-end">
          <Anchor href={awaiting.checkoutUrl} target="_blank" rel="noopener noreferrer" size="sm">
            {t('form.openCheckout')}
          </Anchor>
          <Button onClick={() => onDone(awaiting.booking)}>{t('form.done')}</Button>
        </Group>
      </Stack>
    );
  }

  const resourceOptions = RESOURCE_TYPES.map((type) => ({
    group: groupLabel(type),
    items: resources.filter((candidate) => candidate.type === type).map((candidate) => ({ value: candidate.id, label: candidate.name })),
  })).filter((group) => group.items.length > 0);
  const outside = resource && day && end > start && !insideOpening(location, day, start, end);
  const odd = resource && end > start && (minutes < resource.minMinutes || minutes > resource.maxMinutes);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <CustomerPicker
          locationId={location.id}
          label={t('form.customer')}
          value={customer}
          onChange={(next) => {
            setCustomer(next);
            setPayer('personal');
          }}
          error={errors.customer}
          autoFocus
        />
        <Select
          label={t('form.resource')}
          withAsterisk
          data={resourceOptions}
          value={resourceId}
          onChange={changeResource}
          allowDeselect={false}
          error={errors.resource}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('form.date')} withAsterisk value={day} onChange={(event) => setDay(event.currentTarget.value)} error={errors.day} />
          <Select
            label={t('form.start')}
            data={timeOptions(step, 0, DAY - step)}
            value={String(start)}
            onChange={changeStart}
            allowDeselect={false}
            maxDropdownHeight={260}
          />
          <Select
            label={t('form.end')}
            data={timeOptions(step, start + step, DAY)}
            value={String(end)}
            onChange={(value) => value !== null && setEnd(Number(value))}
            allowDeselect={false}
            maxDropdownHeight={260}
            error={errors.end}
          />
        </SimpleGrid>
        {outside && (
          <Alert color="yellow" variant="light" p="xs">
            {t('form.outsideHours')}
          </Alert>
        )}
        {odd && (
          <Alert color="yellow" variant="light" p="xs">
            {t('form.durationOutside', { min: durationText(resource.minMinutes), max: durationText(resource.maxMinutes) })}
          </Alert>
        )}
        {resource && (
          <Radio.Group label={t('form.payment')} value={chosen?.value ?? null} onChange={(value) => setMethod(value as PaymentMethod)}>
            <Stack gap={6} mt={4}>
              {methods.map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {withCompany && (
          <Select
            label={t('form.payer')}
            data={[
              { value: 'personal', label: t('form.payer.personal', { name: fullName(customer) }) },
              { value: 'company', label: t('form.payer.company', { company: customer.companyName ?? '' }) },
            ]}
            value={payer}
            onChange={(value) => setPayer(value === 'company' ? 'company' : 'personal')}
            allowDeselect={false}
          />
        )}
        <TextInput
          label={t('form.title')}
          description={t('form.titleHint')}
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        {resource && end > start && (
          <Text size="sm" c="dimmed" data-testid="booking-summary">
            {t('form.summary', { duration: durationText(minutes), price: costText(resource, minutes) })}
          </Text>
        )}
        <FormError
          message={
            book.isError
              ? errorMessage(book.error, {
                  insufficient_balance: t('error.insufficientBalance'),
                  members_only: t('error.membersOnly'),
                  company_spend_not_allowed: t('error.companySpend'),
                })
              : null
          }
        />
        <Group justify="flex-end">
          <Button type="submit" loading={book.isPending}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
