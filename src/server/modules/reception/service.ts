// The reception kiosk's use cases (design 11.1), each at the paired device's own location: what the
// tablet shows, "Leave your contacts" (a lead: a nonmember with source `reception`, the consent in
// its `lead_created` activity), visitors checked in with their host emailed, and event check-in.
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { announced } from '../../lib/announcements.js';
import { DAY, HOUR } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import { hashToken, newId } from '../../lib/tokens.js';
import type { DeviceScope } from '../access/devices.js';
import * as blacklist from '../blacklist/service.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import { checkInByCode } from '../events/tickets.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { queueVisitorMail } from './mail.js';
import * as q from './queries.js';
import type { HostDto, KioskDto, KioskTicketDto, LeadInput, VisitDto, VisitInput } from './schema.js';

export const LEADS_PER_DEVICE_PER_HOUR = 20;
export const HOSTS_LIMIT = 10;

async function locationOf(deps: Deps, s: DeviceScope): Promise<Location> {
  const l = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!l) throw new AppError('unauthorized', 'This tablet is not paired');
  return l;
}

export async function kiosk(deps: Deps, s: DeviceScope): Promise<KioskDto> {
  const l = await locationOf(deps, s);
  return {
    locationId: l.id,
    name: l.name,
    leaveContacts: l.reception_leave_contacts === 1,
    visitors: l.reception_visitors === 1,
    consentText: l.reception_consent_text,
    brand: (await organizations.brandAtLocation(deps.db, l.id))!,
  };
}

const lastInitial = (lastName: string) => lastName.trim().charAt(0).toUpperCase();

/**
 * A lead left at the kiosk. Without consent 422 `consent_required` (not counted); past 20 accepted
 * leads of the device in an hour 429. Every accepted lead answers the same, whether it stored a new
 * nonmember, only an activity on a known record, or nothing (the same email within 24 hours).
 */
export async function leaveContacts(deps: Deps, s: DeviceScope, input: LeadInput): Promise<void> {
  const location = await locationOf(deps, s);
  if (location.reception_leave_contacts !== 1) throw notFound('Leaving contacts is off at this location');
  if (input.consent !== true) {
    throw new AppError('unprocessable', 'Please agree to the consent sentence', [{ path: 'consent', message: 'Required' }], 'consent_required');
  }
  const phone = normalisePhone(input.phone, location.country);
  const now = deps.clock.now();
  if ((await q.countLeadsOfDevice(deps.db, s, s.deviceId, new Date(now.getTime() - HOUR).toISOString())) >= LEADS_PER_DEVICE_PER_HOUR) {
    throw new AppError('too_many_requests', 'Too many contacts were left on this tablet. Please try again later.');
  }
  const emailHash = hashToken(`lead:${input.email}`);
  await deps.db.transaction().execute(async (trx) => {
    const stored = await acceptLead(trx, s, location, input, phone, emailHash, now);
    // every accepted lead counts toward the device's hourly throttle, even one that stored nothing
    await q.insertLead(trx, {
      id: newId(),
      organization_id: s.organizationId,
      location_id: s.locationId,
      device_id: s.deviceId,
      email_hash: stored ? emailHash : null,
      created_at: now.toISOString(),
    });
  });
}

/**
 * The one place a lead is accepted: whatever must store nothing returns null before anything is written
 * (an email on the organization's blacklist; the same email within 24 hours here).
 * A new email becomes a nonmember with source `reception`; a known one (a record here, removed or not)
 * only gets the `lead_created` activity, which holds the consent sentence and its time.
 */
async function acceptLead(trx: Tx, s: DeviceScope, location: Location, input: LeadInput, phone: string | null, emailHash: string, now: Date) {
  if (await blacklist.isBlacklisted(trx, s.organizationId, input.email)) return null;
  if (await q.hasRecentLead(trx, s, emailHash, new Date(now.getTime() - DAY).toISOString())) return null;
  const consent = { consentText: location.reception_consent_text, consentAt: now.toISOString() };
  const user = await users.findUserByEmail(trx, input.email);
  const known = user ? await customers.findCustomerByUser(trx, s, user.id) : undefined;
  let customerId = known?.id;
  if (!customerId) {
    const entered = { firstName: input.firstName, lastName: input.lastName, phone };
    const account = user ?? (await users.findOrCreateAccount(trx, now, { email: input.email, ...entered }));
    customerId = await customers.addCustomerInTx(
      trx,
      s,
      { userId: account.id, type: 'nonmember', status: 'active', source: 'reception', entered, account, companyName: null },
      now,
      null,
    );
  }
  const details = { ...(input.company ? { company: input.company } : {}), ...(input.message ? { message: input.message } : {}) };
  await activities.record(trx, { ...s, customerId, actorUserId: null, kind: 'lead_created', data: { ...consent, ...details } }, now);
  await announced.publish(trx, {
    organizationId: s.organizationId,
    locationId: s.locationId,
    type: 'lead.created',
    data: {
      customerId,
      locationId: s.locationId,
      newCustomer: !known,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone,
      company: input.company ?? null,
      message: input.message ?? null,
      ...consent,
    },
    at: now,
  });
  return { customerId };
}

function visitorsOn(location: Location): void {
  if (location.reception_visitors !== 1) throw notFound('Visitor check-in is off at this location');
}

const toHost = (c: customers.CustomerRow): HostDto => ({
  id: c.id,
  firstName: c.first_name,
  lastInitial: lastInitial(c.last_name),
  company: c.company_name,
});

/** Members whose name or company contains the typed letters (2 at least), at most 10: first name, last initial, company. */
export async function hosts(deps: Deps, s: DeviceScope, typed: string): Promise<HostDto[]> {
  visitorsOn(await locationOf(deps, s));
  const rows = await customers.hostCandidates(deps.db, s, typed.trim().toLowerCase(), HOSTS_LIMIT);
  return rows.map(toHost);
}

/** A visitor checked in for a host (a member here, not removed; else 404), who is emailed at once. */
export async function checkInVisitor(deps: Deps, s: DeviceScope, input: VisitInput): Promise<VisitDto> {
  const location = await locationOf(deps, s);
  visitorsOn(location);
  const host = await customers.findCustomer(deps.db, s, input.hostCustomerId);
  if (host?.type !== 'member' || host.status === 'removed') throw notFound('Host not found');
  const now = deps.clock.now();
  const visit = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    device_id: s.deviceId,
    host_customer_id: host.id,
    first_name: input.firstName,
    last_name: input.lastName ?? '',
    email: input.email ?? null,
    status: 'checked_in' as const,
    checked_in_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await q.insertVisit(trx, visit);
    await queueVisitorMail(
      deps,
      trx,
      s,
      location,
      { email: host.email, first_name: host.first_name },
      {
        firstName: visit.first_name,
        lastName: visit.last_name,
        email: visit.email,
        at: now,
      },
    );
  });
  return { id: visit.id, firstName: visit.first_name, lastName: visit.last_name, status: visit.status, checkedInAt: visit.checked_in_at, host: toHost(host) };
}

/** An event ticket checked in by its code at the device's location (the events module's rules and answers). */
export async function checkInTicket(deps: Deps, s: DeviceScope, code: string): Promise<KioskTicketDto> {
  const t = await checkInByCode(deps, s, code);
  return { id: t.id, eventTitle: t.eventTitle, firstName: t.holder.firstName, lastInitial: lastInitial(t.holder.lastName), checkedInAt: t.checkedInAt ?? '' };
}
