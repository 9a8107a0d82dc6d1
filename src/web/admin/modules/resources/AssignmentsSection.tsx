// The assignments of one resource, in its drawer: who has it (all of it or some seats) and when; assign it to a customer
// or a company, set or change an assignment's end date. Refusals say why: no seats left, or the bookings in the way.
import { Alert, Anchor, Badge, Button, Group, List, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-messages';
import { formatDay } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer, Location } from '../../../lib/types';
import { formatShortDay, formatTimeAt, todayAt, wallOf } from '../../../lib/wall-time';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { CompanySelect } from '../companies/CompanySelect';
import { ProfileList } from '../customers/ProfileSection';
import { type Assignment, type Resource, useAddAssignment, useAssignments, useSetAssignmentEnd } from './api';
import { CustomerPicker } from './CustomerPicker';
import { hasSeats } from './labels';
import { useKept } from '../../../ui/use-kept';
import { t } from './messages';
import { useCompanyNames, useCustomerNames } from './names';

/** Current, upcoming or ended on a local date. */
export function assignmentPhase(assignment: Pick<Assignment, 'startDate' | 'endDate'>, today: string): 'current' | 'upcoming' | 'ended' {
  if (assignment.startDate > today) return 'upcoming';
  if (assignment.endDate !== null && assignment.endDate < today) return 'ended';
  return 'current';
}

const PHASE_COLOR = { current: 'green', upcoming: 'blue', ended: 'gray' } as const;

export function assignmentDates(assignment: Pick<Assignment, 'startDate' | 'endDate'>): string {
  return assignment.endDate
    ? t('assignments.range', { start: formatDay(assignment.startDate), end: formatDay(assignment.endDate) })
    : t('assignments.from', { date: formatDay(assignment.startDate) });
}

/** The owner's name, once read; "A customer" or "A company" until then (or without the customers permission). */
export function ownerName(assignment: Pick<Assignment, 'customerId' | 'companyId'>, customers: Map<string, string>, companies: Map<string, string>) {
  if (assignment.customerId) return customers.get(assignment.customerId) ?? t('assignments.someone');
  return (assignment.companyId && companies.get(assignment.companyId)) || t('assignments.someCompany');
}

export function AssignmentsSection({ location, resource }: { location: Location; resource: Resource }) {
  const assignments = useAssignments(location.id, { resourceId: resource.id });
  const items = assignments.data?.items ?? [];
  const customers = useCustomerNames(items.map((item) => item.customerId));
  const companies = useCompanyNames(items.map((item) => item.companyId));
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Assignment | null>(null);
  const today = todayAt(location.timeZone);
  const endingTitle = useKept(ending ? t('assignments.endTitle', { name: ownerName(ending, customers, companies) }) : '');
  return (
    <Stack component="section" gap="sm" aria-labelledby="assignments-title" data-testid="resource-assignments">
      <Group justify="space-between">
        <Title order={2} size="h4" id="assignments-title">
          {t('assignments.title')}
        </Title>
        {!resource.archived && (
          <Button size="compact-sm" variant="default" onClick={() => setAdding(true)}>
            {t('assignments.add')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('assignments.help')}
      </Text>
      <QueryView query={assignments} rows={2}>
        {() => (
          <ProfileList items={items} empty={t('assignments.none')} spacing="sm" testId="assignments-list" itemTestId="assignment">
            {(assignment) => {
              const phase = assignmentPhase(assignment, today);
              const name = ownerName(assignment, customers, companies);
              return (
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Stack gap={2}>
                    <Group gap="xs">
                      {assignment.customerId ? (
                        <Anchor component={Link} to={`/l/${location.id}/customers/${assignment.customerId}`} size="sm" fw={600}>
                          {name}
                        </Anchor>
                      ) : (
                        <Anchor component={Link} to={`/l/${location.id}/companies/${assignment.companyId}`} size="sm" fw={600}>
                          {name}
                        </Anchor>
                      )}
                      <Badge variant="light" color={PHASE_COLOR[phase]} tt="none">
                        {t(`assignments.${phase}`)}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      {assignment.seats === null ? t('assignments.whole') : t('assignments.seats', { count: assignment.seats })} · {assignmentDates(assignment)}
                    </Text>
                    {assignment.subscriptionId && (
                      <Text size="xs" c="dimmed">
                        {t('assignments.withSubscription')}
                      </Text>
                    )}
                  </Stack>
                  {phase !== 'ended' && (
                    <Button size="compact-sm" variant="subtle" onClick={() => setEnding(assignment)}>
                      {assignment.endDate ? t('assignments.changeEnd') : t('assignments.setEnd')}
                    </Button>
                  )}
                </Group>
              );
            }}
          </ProfileList>
        )}
      </QueryView>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('assignments.addTitle', { name: resource.name })} size="lg">
        {adding && <AddAssignmentForm location={location} resource={resource} onDone={() => setAdding(false)} />}
      </Modal>
      <Modal opened={ending !== null} onClose={() => setEnding(null)} title={endingTitle}>
        {ending && <EndDateForm location={location} assignment={ending} name={ownerName(ending, customers, companies)} onDone={() => setEnding(null)} />}
      </Modal>
    </Stack>
  );
}

/** The bookings an assignment would push out, with their local day and times, each linking to the calendar's day. */
export function ConflictingBookings({ error, location }: { error: unknown; location: Location }) {
  if (!(error instanceof ApiError) || error.reason !== 'conflicts_with_bookings') return null;
  const bookings = error.details.filter((detail) => detail.extra?.startsAt && detail.extra.endsAt);
  return (
    <Alert color="red" role="alert" p="xs" data-testid="conflicting-bookings">
      <Stack gap={4}>
        <Text size="sm">{t('assignments.conflicts')}</Text>
        <List size="sm" spacing={2}>
          {bookings.map((detail) => {
            const startsAt = detail.extra!.startsAt;
            const day = wallOf(startsAt, location.timeZone).day;
            return (
              <List.Item key={detail.extra!.bookingId ?? startsAt}>
                <Anchor component={Link} to={`/l/${location.id}/bookings?view=day&date=${day}`} size="sm">
                  {t('assignments.conflict', {
                    date: formatShortDay(day),
                    start: formatTimeAt(startsAt, location.timeZone),
                    end: formatTimeAt(detail.extra!.endsAt, location.timeZone),
                  })}
                </Anchor>
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Alert>
  );
}

type OwnerKind = 'customer' | 'company';

function AddAssignmentForm({ location, resource, onDone }: { location: Location; resource: Resource; onDone: () => void }) {
  const add = useAddAssignment(location.id);
  const today = todayAt(location.timeZone);
  const [kind, setKind] = useState<OwnerKind>('customer');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const companyName = useCompanyNames([companyId]).get(companyId ?? '') ?? t('assignments.someCompany');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [seats, setSeats] = useState<number | string>('');
  const [errors, setErrors] = useState<Partial<Record<'owner' | 'startDate' | 'endDate' | 'seats', string>>>({});
  const severalSeats = hasSeats(resource.type) && resource.seats > 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    const found: typeof errors = {};
    if (kind === 'customer' && !customer) found.owner = t('assignments.customerRequired');
    if (kind === 'company' && !companyId) found.owner = t('assignments.companyRequired');
    if (!startDate) found.startDate = t('assignments.dateRequired');
    if (endDate && startDate && endDate < startDate) found.endDate = t('assignments.endBeforeStart');
    const seatCount = seats === '' ? undefined : Number(seats);
    if (seatCount !== undefined && !(Number.isInteger(seatCount) && seatCount >= 1 && seatCount <= resource.seats))
      found.seats = t('assignments.seatsInvalid', { max: resource.seats });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const owner = kind === 'customer' ? { customerId: customer!.id } : { companyId: companyId! };
    const name = kind === 'customer' ? fullName(customer!) : companyName;
    add.mutateAsync({ resourceId: resource.id, ...owner, startDate, endDate: endDate || null, seats: seatCount }).then(
      () => {
        notifySuccess(t('assignments.added', { resource: resource.name, name }));
        onDone();
      },
      // Shown under the form (add.error).
      () => undefined,
    );
  };

  const conflicts = add.error instanceof ApiError && add.error.reason === 'conflicts_with_bookings';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="owner-kind-label">
            {t('assignments.ownerKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="owner-kind-label"
            value={kind}
            onChange={(next) => {
              setKind(next as OwnerKind);
              setErrors({});
            }}
            data={(['customer', 'company'] as const).map((value) => ({ value, label: t(`assignments.ownerKind.${value}`) }))}
            w="fit-content"
          />
        </Stack>
        {kind === 'customer' ? (
          <CustomerPicker locationId={location.id} label={t('assignments.customer')} value={customer} onChange={setCustomer} error={errors.owner} autoFocus />
        ) : (
          <CompanySelect
            locationId={location.id}
            label={t('assignments.company')}
            placeholder={t('assignments.companyPlaceholder')}
            withAsterisk
            value={companyId}
            onChange={setCompanyId}
            error={errors.owner}
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('assignments.startDate')}
            withAsterisk
            value={startDate}
            onChange={(event) => setStartDate(event.currentTarget.value)}
            error={errors.startDate}
          />
          <TextInput
            type="date"
            label={t('assignments.endDate')}
            description={t('assignments.endDateHint')}
            min={startDate || undefined}
            value={endDate}
            onChange={(event) => setEndDate(event.currentTarget.value)}
            error={errors.endDate}
          />
        </Group>
        {severalSeats && (
          <NumberInput
            label={t('assignments.seatsField')}
            description={t('assignments.seatsHint', { count: resource.seats })}
            min={1}
            max={resource.seats}
            allowDecimal={false}
            value={seats}
            onChange={setSeats}
            error={errors.seats}
          />
        )}
        {conflicts ? (
          <ConflictingBookings error={add.error} location={location} />
        ) : (
          <FormError message={add.isError ? errorMessage(add.error, { slot_unavailable: t('assignments.noSeatsLeft') }) : null} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('assignments.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EndDateForm({ location, assignment, name, onDone }: { location: Location; assignment: Assignment; name: string; onDone: () => void }) {
  const update = useSetAssignmentEnd(location.id);
  const [endDate, setEndDate] = useState(assignment.endDate ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    if (endDate && endDate < assignment.startDate) return setInvalid(true);
    update.mutateAsync({ assignmentId: assignment.id, endDate: endDate || null }).then(
      () => {
        notifySuccess(endDate ? t('assignments.endSaved', { name, date: formatDay(endDate) }) : t('assignments.endRemoved', { name }));
        onDone();
      },
      () => undefined,
    );
  };
  const conflicts = update.error instanceof ApiError && update.error.reason === 'conflicts_with_bookings';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('assignments.endDate')}
          description={t('assignments.endHint')}
          min={assignment.startDate}
          value={endDate}
          onChange={(event) => {
            setEndDate(event.currentTarget.value);
            setInvalid(false);
          }}
          error={invalid ? t('assignments.endBeforeStart') : undefined}
          data-autofocus
        />
        {conflicts ? (
          <ConflictingBookings error={update.error} location={location} />
        ) : (
          <FormError message={update.isError ? errorMessage(update.error, { slot_unavailable: t('assignments.noSeatsLeft') }) : null} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('assignments.endSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
