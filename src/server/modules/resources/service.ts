// Resources: create, edit and archive (resources permission), and the resources a person may see.
import type { Deps } from '../../deps.js';
import type { Visibility } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { LocationKey } from '../../scope.js';
import * as locations from '../locations/service.js';
import * as q from './queries.js';
import type { CreateResourceInput, ResourceDto, UpdateResourceInput } from './schema.js';

export type { ResourceRow } from './queries.js';

const LEVELS: Visibility[] = ['administrators', 'location_members', 'network_members', 'public'];
/** Whether level a is broader than level b (public is the broadest). */
export const broader = (a: Visibility, b: Visibility) => LEVELS.indexOf(a) > LEVELS.indexOf(b);

export function toResourceDto(r: q.ResourceRow, currency: string): ResourceDto {
  return {
    id: r.id,
    locationId: r.location_id,
    type: r.type,
    name: r.name,
    description: r.description,
    seats: r.seats,
    capacity: r.capacity,
    pricePerHour: r.price_per_hour,
    creditsPerHour: r.credits_per_hour,
    currency,
    dayPassAccepted: r.day_pass_accepted === 1,
    minMinutes: r.min_minutes,
    maxMinutes: r.max_minutes,
    incrementMinutes: r.increment_minutes,
    visibility: r.visibility,
    bookingLevel: r.booking_level,
    bookable: r.bookable === 1,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
  };
}

async function currencyOf(deps: Deps, s: LocationKey): Promise<string> {
  const l = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!l) throw notFound('Location not found');
  return l.currency;
}

/** The rules between fields: booking level within visibility, a duration range on the grid, seats for zones and offices only. */
function check(r: Pick<q.ResourceRow, 'type' | 'seats' | 'visibility' | 'booking_level' | 'min_minutes' | 'max_minutes' | 'increment_minutes'>): void {
  if (broader(r.booking_level, r.visibility))
    throw new AppError(
      'unprocessable',
      'Who may book cannot be broader than who may see the resource.',
      [{ path: 'bookingLevel', message: 'Broader than the visibility' }],
      'invalid_visibility',
    );
  if (r.min_minutes > r.max_minutes)
    throw new AppError('bad_request', 'The shortest booking is longer than the longest.', [{ path: 'minMinutes', message: 'Above the maximum' }]);
  for (const [path, v] of [
    ['minMinutes', r.min_minutes],
    ['maxMinutes', r.max_minutes],
  ] as const)
    if (v % r.increment_minutes !== 0)
      throw new AppError('bad_request', `Durations must be multiples of ${r.increment_minutes} minutes.`, [{ path, message: 'Not on the increment' }]);
  if (r.seats > 1 && r.type !== 'hot_desk' && r.type !== 'private_office')
    throw new AppError('bad_request', 'Only hot-desk zones and private offices have several seats.', [{ path: 'seats', message: 'Must be 1' }]);
}

export async function createResource(deps: Deps, s: LocationKey, input: CreateResourceInput): Promise<ResourceDto> {
  const now = deps.clock.now().toISOString();
  const row: q.ResourceRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    type: input.type,
    name: input.name,
    description: input.description,
    seats: input.seats,
    capacity: input.capacity,
    price_per_hour: input.pricePerHour,
    credits_per_hour: input.creditsPerHour,
    day_pass_accepted: (input.dayPassAccepted ?? input.type === 'hot_desk') ? 1 : 0,
    min_minutes: input.minMinutes,
    max_minutes: input.maxMinutes,
    increment_minutes: input.incrementMinutes,
    visibility: input.visibility,
    booking_level: input.bookingLevel,
    bookable: (input.bookable ?? !(input.type === 'dedicated_desk' || input.type === 'private_office')) ? 1 : 0,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  check(row);
  await q.insertResource(deps.db, row);
  return toResourceDto(row, await currencyOf(deps, s));
}

export async function getResource(deps: Deps, s: LocationKey, id: string): Promise<ResourceDto> {
  const r = await q.findResource(deps.db, s, id);
  if (!r) throw notFound('Resource not found');
  return toResourceDto(r, await currencyOf(deps, s));
}

export async function updateResource(deps: Deps, s: LocationKey, id: string, input: UpdateResourceInput): Promise<ResourceDto> {
  const r = await q.findResource(deps.db, s, id);
  if (!r) throw notFound('Resource not found');
  const set: Partial<q.ResourceRow> = { updated_at: deps.clock.now().toISOString() };
  if (input.name !== undefined) set.name = input.name;
  if (input.description !== undefined) set.description = input.description;
  if (input.seats !== undefined) set.seats = input.seats;
  if (input.capacity !== undefined) set.capacity = input.capacity;
  if (input.pricePerHour !== undefined) set.price_per_hour = input.pricePerHour;
  if (input.creditsPerHour !== undefined) set.credits_per_hour = input.creditsPerHour;
  if (input.dayPassAccepted !== undefined) set.day_pass_accepted = input.dayPassAccepted ? 1 : 0;
  if (input.minMinutes !== undefined) set.min_minutes = input.minMinutes;
  if (input.maxMinutes !== undefined) set.max_minutes = input.maxMinutes;
  if (input.incrementMinutes !== undefined) set.increment_minutes = input.incrementMinutes;
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.bookingLevel !== undefined) set.booking_level = input.bookingLevel;
  if (input.bookable !== undefined) set.bookable = input.bookable ? 1 : 0;
  if (input.archived !== undefined) set.archived_at = input.archived ? (r.archived_at ?? deps.clock.now().toISOString()) : null;
  const next = { ...r, ...set };
  check(next);
  await q.updateResource(deps.db, s, id, set);
  return toResourceDto(next, await currencyOf(deps, s));
}

/** DELETE archives: bookings and assignments keep pointing at it, and it leaves the grid. */
export async function archiveResource(deps: Deps, s: LocationKey, id: string): Promise<void> {
  await updateResource(deps, s, id, { archived: true });
}

export async function listResources(
  deps: Deps,
  s: LocationKey,
  f: { type?: q.ResourceRow['type']; archived?: 'true' | 'false'; limit: number; cursor?: string },
) {
  const after = f.cursor ? decodeCursor(f.cursor, 'resources') : null;
  const rows = await q.listResources(
    deps.db,
    s,
    { type: f.type, archived: f.archived === undefined ? undefined : f.archived === 'true', limit: f.limit },
    after,
  );
  const page = cutPage(rows, f.limit, 'resources', (r) => `${r.type}\u0001${r.name}`);
  const currency = await currencyOf(deps, s);
  return { items: page.rows.map((r) => toResourceDto(r, currency)), nextCursor: page.nextCursor };
}

export const findResource = q.findResource;
export const lockResource = q.lockResource;
export const resourcesVisibleAt = q.resourcesVisibleAt;
