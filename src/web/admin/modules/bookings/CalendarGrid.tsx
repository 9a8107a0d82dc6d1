// The calendar grid: one column per resource (per day in the week view), wall-clock time at the location running down,
// closed hours shaded, wholly assigned days marked, bookings as blocks with the booker and the payment. A click on a
// free time asks to book it; a block opens the booking.
import { Box, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { MouseEvent } from 'react';
import type { Location } from '../../../lib/types';
import { formatClockAt, formatShortDay, formatTimeAt, formatTinyDay, formatWallTime, todayAt, wallOf, weekdayOf } from '../../../lib/wall-time';
import type { Assignment, Resource } from '../resources/api';
import { t as tResources } from '../resources/messages';
import type { Booking } from './api';
import { paymentText, shortPaymentText } from './labels';
import { closedStretches, hoursShown, lanesOf, partOn, whollyAssignedOn } from './layout';
import { t } from './messages';

const DAY = 24 * 60;
const AXIS = 56;
const FOLDED = 60;
const CLOSED = 'repeating-linear-gradient(135deg, var(--mantine-color-gray-1) 0 6px, var(--mantine-color-gray-0) 6px 12px)';

interface CalendarGridProps {
  location: Location;
  days: string[];
  resources: Resource[];
  bookings: Booking[];
  assignments: Assignment[];
  onSlot: (resource: Resource, day: string, minute: number) => void;
  onBooking: (booking: Booking) => void;
  onDay: (day: string) => void;
}

export function CalendarGrid({ location, days, resources, bookings, assignments, onSlot, onBooking, onDay }: CalendarGridProps) {
  const zone = location.timeZone;
  const week = days.length > 1;
  const hourPx = week ? 44 : 60;
  const perMinute = hourPx / 60;
  const today = todayAt(zone);
  const now = wallOf(new Date().toISOString(), zone);

  const parts = days.flatMap((day) =>
    bookings.flatMap((booking) => {
      const part = partOn(booking, day, zone);
      return part ? [{ ...part, day, booking }] : [];
    }),
  );
  const [first, last] = hoursShown(location, days, parts);
  const height = (last - first) * perMinute;
  const hours = Array.from({ length: (last - first) / 60 }, (_, index) => first + index * 60);
  // In a week, a day closed all day with nothing booked shrinks to one narrow column: the open days get the room.
  const folded = (day: string) => week && location.openingHours[weekdayOf(day)].length === 0 && !parts.some((part) => part.day === day);
  const columns = days.flatMap((day): { day: string; resource: Resource | null; firstOfDay: boolean }[] =>
    folded(day) ? [{ day, resource: null, firstOfDay: true }] : resources.map((resource, index) => ({ day, resource, firstOfDay: index === 0 })),
  );
  const widths = columns.map((column) => (column.resource ? `minmax(${week ? 52 : 150}px, 1fr)` : `${FOLDED}px`));
  const background = [
    `repeating-linear-gradient(to bottom, var(--mantine-color-gray-3) 0 1px, transparent 1px ${hourPx}px)`,
    `repeating-linear-gradient(to bottom, var(--mantine-color-gray-1) 0 1px, transparent 1px ${hourPx / 2}px)`,
  ].join(', ');
  const divider = (firstOfDay: boolean) => (firstOfDay ? '2px solid var(--mantine-color-gray-4)' : '1px solid var(--mantine-color-gray-2)');

  const clickSlot = (event: MouseEvent<HTMLDivElement>, resource: Resource, day: string) => {
    const top = event.currentTarget.getBoundingClientRect().top;
    const minute = first + (event.clientY - top) / perMinute;
    const step = resource.incrementMinutes;
    onSlot(resource, day, Math.max(0, Math.min(DAY - step, Math.floor(minute / step) * step)));
  };

  return (
    <Box style={{ overflowX: 'auto' }} data-testid="calendar">
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `${AXIS}px ${widths.join(' ')}`,
          minWidth: 'fit-content',
        }}
      >
        {week && (
          <>
            <div />
            {days.map((day) => (
              <UnstyledButton
                key={day}
                onClick={() => onDay(day)}
                style={{
                  gridColumn: `span ${folded(day) ? 1 : resources.length}`,
                  borderLeft: divider(true),
                  padding: '4px 6px',
                  textAlign: 'center',
                }}
                data-testid="calendar-day"
              >
                <Text size={folded(day) ? 'xs' : 'sm'} fw={day === today ? 700 : 500} c={day === today ? 'blue.9' : undefined} truncate>
                  {folded(day) ? formatTinyDay(day) : formatShortDay(day)}
                </Text>
              </UnstyledButton>
            ))}
          </>
        )}
        <div />
        {columns.map(({ day, resource, firstOfDay }) => (
          <Box
            key={`${day}-${resource?.id ?? 'closed'}`}
            px={4}
            py={4}
            style={{ borderLeft: divider(firstOfDay), borderBottom: '1px solid var(--mantine-color-gray-3)', minWidth: 0 }}
            title={resource?.name}
          >
            <Text size={week ? '11px' : 'sm'} fw={600} ta="center" truncate c={resource ? undefined : 'dimmed'}>
              {resource ? resource.name : t('closedAllDay')}
            </Text>
            {!week && resource?.type === 'hot_desk' && (
              <Text size="xs" c="dimmed" ta="center">
                {tResources('seats', { count: resource.seats })}
              </Text>
            )}
          </Box>
        ))}
        <Box style={{ position: 'relative', height }} aria-hidden="true">
          {hours.map((minute) => (
            <Text
              key={minute}
              size="11px"
              c="dimmed"
              style={{ position: 'absolute', top: Math.max(0, (minute - first) * perMinute - 7), right: 6, lineHeight: '14px', whiteSpace: 'nowrap' }}
            >
              {formatWallTime(minute)}
            </Text>
          ))}
        </Box>
        {columns.map(({ day, resource, firstOfDay }) => {
          if (!resource)
            return (
              <UnstyledButton
                key={`${day}-closed`}
                onClick={() => onDay(day)}
                aria-label={t('openDay', { day: formatShortDay(day) })}
                style={{ height, borderLeft: divider(true), background: CLOSED }}
                data-testid="calendar-closed-day"
              />
            );
          const assigned = whollyAssignedOn(assignments, resource.id, day);
          const mine = parts.filter((part) => part.day === day && part.booking.resourceId === resource.id);
          const laid = lanesOf(mine);
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the mouse's shortcut to "Book for a customer", which the keyboard reaches from the page header
            // biome-ignore lint/a11y/useKeyWithClickEvents: as above
            <div
              key={`${day}-${resource.id}`}
              onClick={assigned ? undefined : (event) => clickSlot(event, resource, day)}
              style={{ position: 'relative', height, background, borderLeft: divider(firstOfDay), cursor: assigned ? 'default' : 'copy' }}
              data-testid="calendar-column"
              data-resource={resource.name}
              data-day={day}
              data-first-minute={first}
              data-minute-px={perMinute}
            >
              {closedStretches(location, day, first, last).map(([from, to]) => (
                <div
                  key={from}
                  style={{
                    position: 'absolute',
                    top: (from - first) * perMinute,
                    height: (to - from) * perMinute,
                    left: 0,
                    right: 0,
                    background: CLOSED,
                    pointerEvents: 'none',
                  }}
                />
              ))}
              {assigned && (
                <div
                  style={{
                    position: 'absolute',
                    inset: 0,
                    background: 'repeating-linear-gradient(135deg, var(--mantine-color-violet-0) 0 6px, var(--mantine-color-white) 6px 12px)',
                    display: 'flex',
                    justifyContent: 'center',
                    paddingTop: 8,
                  }}
                >
                  <Text size="xs" c="violet.8" fw={600} style={{ writingMode: week ? 'vertical-rl' : undefined }}>
                    {t('assigned')}
                  </Text>
                </div>
              )}
              {day === today && now.minutes >= first && now.minutes < last && (
                <div
                  style={{
                    position: 'absolute',
                    top: (now.minutes - first) * perMinute,
                    left: 0,
                    right: 0,
                    borderTop: '2px solid var(--mantine-color-red-6)',
                    pointerEvents: 'none',
                    zIndex: 2,
                  }}
                />
              )}
              {laid.placed.map(({ part, lane }) => (
                <BookingBlock
                  key={part.booking.id}
                  booking={part.booking}
                  resource={resource}
                  location={location}
                  name={part.booking.customerName || t('someone')}
                  top={(part.from - first) * perMinute}
                  blockHeight={(part.to - part.from) * perMinute}
                  lane={lane}
                  lanes={laid.count}
                  compact={week}
                  onOpen={onBooking}
                />
              ))}
            </div>
          );
        })}
      </Box>
    </Box>
  );
}

interface BookingBlockProps {
  booking: Booking;
  resource: Resource;
  location: Location;
  name: string;
  top: number;
  blockHeight: number;
  lane: number;
  lanes: number;
  compact: boolean;
  onOpen: (booking: Booking) => void;
}

function BookingBlock({ booking, resource, location, name, top, blockHeight, lane, lanes, compact, onOpen }: BookingBlockProps) {
  const zone = location.timeZone;
  const pending = booking.status === 'pending_payment';
  const times = `${formatTimeAt(booking.startsAt, zone)} – ${formatTimeAt(booking.endsAt, zone)}`;
  const payment = paymentText(booking, location.currency);
  const label = t('bookingLabel', {
    resource: resource.name,
    name,
    start: formatTimeAt(booking.startsAt, zone),
    end: formatTimeAt(booking.endsAt, zone),
    payment,
  });
  const company = booking.companyName ? t('details.paidByCompany', { company: booking.companyName }) : null;
  const lines = [booking.title || null, times, payment, company, pending ? t('status.pending_payment') : null].filter((line): line is string => line !== null);
  return (
    <Tooltip
      label={
        <Box>
          <Text size="sm" fw={600}>
            {name}
          </Text>
          {lines.map((line) => (
            <Text key={line} size="xs">
              {line}
            </Text>
          ))}
        </Box>
      }
      withinPortal
      openDelay={200}
    >
      <UnstyledButton
        onClick={(event) => {
          event.stopPropagation();
          onOpen(booking);
        }}
        data-testid="booking-block"
        style={{
          position: 'absolute',
          top: top + 1,
          height: Math.max(blockHeight - 2, 16),
          left: `calc(${(lane / lanes) * 100}% + 2px)`,
          width: `calc(${100 / lanes}% - 4px)`,
          zIndex: 1,
          overflow: 'hidden',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'flex-start',
          alignItems: 'stretch',
          textAlign: 'left',
          borderRadius: 4,
          padding: compact ? '1px 3px' : '2px 6px',
          background: pending ? 'var(--mantine-color-yellow-0)' : 'var(--mantine-color-blue-0)',
          border: `1px ${pending ? 'dashed var(--mantine-color-yellow-7)' : 'solid var(--mantine-color-blue-3)'}`,
          borderLeft: `3px solid ${pending ? 'var(--mantine-color-yellow-7)' : 'var(--mantine-color-blue-6)'}`,
          fontSize: compact ? 11 : 12,
          lineHeight: compact ? '13px' : '15px',
          color: 'var(--mantine-color-dark-7)',
        }}
      >
        <Text inherit fw={600} truncate>
          {compact ? name.split(' ')[0] : name}
        </Text>
        {!compact && booking.title && (
          <Text inherit truncate>
            {booking.title}
          </Text>
        )}
        <Text inherit truncate>
          {compact ? formatClockAt(booking.startsAt, zone) : times}
        </Text>
        <Text inherit truncate c="dimmed">
          {compact ? shortPaymentText(booking, location.currency) : payment}
        </Text>
        {/* the whole booking for a screen reader, after what the block shows (its name must contain what it shows) */}
        <VisuallyHidden>{label}</VisuallyHidden>
      </UnstyledButton>
    </Tooltip>
  );
}
