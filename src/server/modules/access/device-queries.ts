// SQL for kiosk devices: pairing codes, paired devices and failed pairings. Lookups by code or
// cookie are by their SHA-256 (installation-wide, the scope comes from the row found).
import type { Tx } from '../../deps.js';
import type { KioskDeviceTable } from '../../db/schema.js';
import { newId } from '../../lib/tokens.js';
import type { LocationKey } from '../../scope.js';

export async function insertPairingCode(
  db: Tx,
  s: LocationKey,
  c: { codeHash: string; deviceName: string; userId: string; now: Date; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('kiosk_pairing_codes')
    .values({
      id: newId(),
      organization_id: s.organizationId,
      location_id: s.locationId,
      code_hash: c.codeHash,
      device_name: c.deviceName,
      created_by_user_id: c.userId,
      created_at: c.now.toISOString(),
      expires_at: c.expiresAt,
      used_at: null,
    })
    .execute();
}

/** Marks a live code used and answers it; undefined when unknown, used or expired (one-time even under a race). */
export async function takePairingCodeUnscoped(db: Tx, codeHash: string, now: string) {
  const row = await db
    .selectFrom('kiosk_pairing_codes')
    .innerJoin('locations', 'locations.id', 'kiosk_pairing_codes.location_id')
    .select([
      'kiosk_pairing_codes.id',
      'kiosk_pairing_codes.organization_id',
      'kiosk_pairing_codes.location_id',
      'kiosk_pairing_codes.device_name',
      'kiosk_pairing_codes.created_by_user_id',
      'locations.name as location_name',
    ])
    .where('kiosk_pairing_codes.code_hash', '=', codeHash)
    .where('kiosk_pairing_codes.used_at', 'is', null)
    .where('kiosk_pairing_codes.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const taken = await db.updateTable('kiosk_pairing_codes').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? row : undefined;
}

export async function insertDevice(db: Tx, row: KioskDeviceTable): Promise<void> {
  await db.insertInto('kiosk_devices').values(row).execute();
}

export function countDevices(db: Tx, s: LocationKey) {
  return db
    .selectFrom('kiosk_devices')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** The live (not revoked) devices of a location, newest pairing first. */
export function listDevices(db: Tx, s: LocationKey) {
  return db
    .selectFrom('kiosk_devices')
    .select(['id', 'name', 'paired_at', 'last_seen_at'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('revoked_at', 'is', null)
    .orderBy('paired_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeDevice(db: Tx, s: LocationKey, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('kiosk_devices')
    .set({ revoked_at: now })
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The live device behind a cookie, with its location's name. */
export function findDeviceByTokenUnscoped(db: Tx, tokenHash: string) {
  return db
    .selectFrom('kiosk_devices')
    .innerJoin('locations', 'locations.id', 'kiosk_devices.location_id')
    .select(['kiosk_devices.id', 'kiosk_devices.organization_id', 'kiosk_devices.location_id', 'kiosk_devices.last_seen_at', 'locations.name as location_name'])
    .where('kiosk_devices.token_hash', '=', tokenHash)
    .where('kiosk_devices.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchDevice(db: Tx, id: string, now: string): Promise<void> {
  await db.updateTable('kiosk_devices').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export function countPairingFailures(db: Tx, ip: string, since: string) {
  return db
    .selectFrom('kiosk_pairing_failures')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ip', '=', ip)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function insertPairingFailure(db: Tx, ip: string, now: Date): Promise<void> {
  await db.insertInto('kiosk_pairing_failures').values({ id: newId(), ip, created_at: now.toISOString() }).execute();
}

/** Forgets failed pairings past the throttle window and codes long expired. */
export async function pruneUnscoped(db: Tx, failuresBefore: string, codesBefore: string): Promise<number> {
  const a = await db.deleteFrom('kiosk_pairing_failures').where('created_at', '<', failuresBefore).executeTakeFirst();
  const b = await db.deleteFrom('kiosk_pairing_codes').where('expires_at', '<', codesBefore).executeTakeFirst();
  return Number(a.numDeletedRows) + Number(b.numDeletedRows);
}
