// The customer profile's spaces cards: "Assigned resources" (what is theirs, whole or some seats, and when; the company
// page shows the same card for the company) and "Upcoming bookings" (each with its time, payment and a cancel that says
// the refund first).
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Location } from '../../../lib/types';
import { addDays, todayAt, wallOf } from '../../../lib/wall-time';
import { QueryView } from '../../../ui/QueryView';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { useAssignments, useResources } from '../resources/api';
import { assignmentDates, assignmentPhase } from '../resources/AssignmentsSection';
import { t as tResources } from '../resources/messages';
import { type Booking, useBookings } from './api';
import { CancelBookingModal } from './CancelBookingModal';
import { paymentText, whenText } from './labels';
import { t } from './messages';

interface SectionsProps {
  location: Location;
  customerId: string;
  /** The customer's name, for the cancel dialog. */
  name: string;
}

export function CustomerSpacesSections({ location, customerId, name }: SectionsProps) {
  return (
    <>
      <AssignedResourcesSection location={location} owner={{ customerId }} />
      <UpcomingBookings location={location} customerId={customerId} name={name} />
    </>
  );
}

/** What is assigned to a customer or a company now or later (ended assignments left out). */
export function AssignedResourcesSection({ location, owner }: { location: Location; owner: { customerId: string } | { companyId: string } }) {
  const assignments = useAssignments(location.id, owner);
  const today = todayAt(location.timeZone);
  return (
    <ProfileSection id="assigned-resources" title={t('profile.assigned')}>
      <QueryView query={assignments} rows={2}>
        {({ items }) => (
          <ProfileList
            items={items.filter((item) => assignmentPhase(item, today) !== 'ended')}
            empty={'companyId' in owner ? t('profile.assignedNoneCompany') : t('profile.assignedNone')}
            spacing="sm"
            testId="assigned-resources"
            itemTestId="assigned-resource"
          >
            {(assignment) => (
              <Stack gap={2}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/l/${location.id}/resources?resource=${assignment.resourceId}`} size="sm" fw={600}>
                    {assignment.resourceName}
                  </Anchor>
                  {assignmentPhase(assignment, today) === 'upcoming' && (
                    <Badge variant="light" color="blue" tt="none">
                      {tResources('assignments.upcoming')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  {assignment.seats === null ? tResources('assignments.whole') : tResources('assignments.seats', { count: assignment.seats })} ·{' '}
                  {assignmentDates(assignment)}
                </Text>
              </Stack>
            )}
          </ProfileList>
        )}
      </QueryView>
    </ProfileSection>
  );
}

function UpcomingBookings({ location, customerId, name }: SectionsProps) {
  const today = todayAt(location.timeZone);
  const bookings = useBookings(location.id, { from: today, to: addDays(today, Math.max(location.bookAheadDays, 365)), customerId });
  const resources = useResources(location.id);
  const [canceling, setCanceling] = useState<Booking | null>(null);
  const resourceName = (booking: Booking) => resources.data?.items.find((resource) => resource.id === booking.resourceId)?.name ?? '';
  const now = Date.now();
  return (
    <ProfileSection id="upcoming-bookings" title={t('profile.bookings')}>
      <QueryView query={bookings} rows={2}>
        {({ items }) => (
          <ProfileList
            items={items.filter((booking) => booking.status !== 'canceled' && Date.parse(booking.endsAt) > now)}
            empty={t('profile.bookingsNone')}
            spacing="sm"
            testId="upcoming-bookings"
            itemTestId="upcoming-booking"
          >
            {(booking) => (
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    {resourceName(booking)}
                    {booking.title ? ` · ${booking.title}` : ''}
                  </Text>
                  <Anchor
                    component={Link}
                    to={`/l/${location.id}/bookings?view=day&date=${wallOf(booking.startsAt, location.timeZone).day}`}
                    size="sm"
                    title={t('profile.openCalendar')}
                  >
                    {whenText(booking, location.timeZone)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {paymentText(booking, location.currency)}
                    {booking.status === 'pending_payment' ? ` · ${t('status.pending_payment')}` : ''}
                  </Text>
                </Stack>
                {Date.parse(booking.startsAt) > now && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('profile.cancelFor', { resource: resourceName(booking), day: whenText(booking, location.timeZone) })}
                    onClick={() => setCanceling(booking)}
                  >
                    {t('profile.cancel')}
                  </Button>
                )}
              </Group>
            )}
          </ProfileList>
        )}
      </QueryView>
      <CancelBookingModal
        location={location}
        booking={canceling}
        resourceName={canceling ? resourceName(canceling) : ''}
        customerName={name}
        onClose={() => setCanceling(null)}
      />
    </ProfileSection>
  );
}
