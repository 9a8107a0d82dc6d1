// A booking as an iCalendar event (the confirmation email's invite.ics), with ical-generator.
import icalGenerator from 'ical-generator';
import type { Location } from '../../db/schema.js';
import type { BookingRow } from './queries.js';

export function bookingCalendar(
  b: Pick<BookingRow, 'id' | 'starts_at' | 'ends_at' | 'title'>,
  what: string,
  location: Pick<Location, 'name' | 'address'>,
  host: string,
): string {
  const cal = icalGenerator({ name: location.name, prodId: { company: 'Atrium', product: 'Atrium' } });
  cal.createEvent({
    id: `booking-${b.id}@${host}`,
    start: new Date(b.starts_at),
    end: new Date(b.ends_at),
    summary: b.title ? `${what}: ${b.title}` : what,
    location: [location.name, location.address].filter(Boolean).join(', '),
  });
  return cal.toString();
}
