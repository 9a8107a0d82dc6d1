// Kiosk devices (design 11.1): an administrator with `reception` makes a one-time pairing code; the
// tablet that enters it gets a device cookie (32 random bytes, only its SHA-256 stored) that opens
// that location's kiosk routes and nothing else, until the device is revoked. Failed pairings are
// throttled per client address.
import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { refuseForeignOrigin } from '../../http/session.js';
import { DAY, MINUTE } from '../../lib/clock.js';
import type { Sweep } from '../../lib/sweeps.js';
import { hashToken, newId, newToken } from '../../lib/tokens.js';
import type { AdminScope, LocationKey } from '../../scope.js';
import * as q from './device-queries.js';

export const DEVICE_COOKIE = 'atrium_kiosk';
/** The device cookie is sent only to the kiosk routes. */
export const DEVICE_COOKIE_PATH = '/api/v1/reception';
export const PAIRING_CODE_TTL_MS = 10 * MINUTE;
export const PAIRING_FAILURE_WINDOW_MS = 15 * MINUTE;
export const PAIRING_FAILURES_MAX = 10;
/** Browsers keep a cookie at most 400 days; the kiosk renews it at every `GET /reception/me`. */
const DEVICE_COOKIE_MS = 400 * DAY;
const DEVICE_TOUCH_MS = MINUTE;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A paired device acting at its one location. */
export interface DeviceScope extends LocationKey {
  deviceId: string;
  locationName: string;
}

/** A code as typed: case, spaces and dashes do not matter. */
const normalizeCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();
const codeHash = (code: string) => hashToken(`kiosk-pairing:${normalizeCode(code)}`);

/** A fresh one-time code (8 characters, no look-alikes), valid 10 minutes; only its hash is kept. */
export async function createPairingCode(deps: Deps, s: AdminScope, name?: string): Promise<{ code: string; expiresAt: string }> {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
  const deviceName = name?.trim() || `Tablet ${(await q.countDevices(deps.db, s)) + 1}`;
  await q.insertPairingCode(deps.db, s, { codeHash: codeHash(code), deviceName, userId: s.actorUserId, now, expiresAt });
  return { code, expiresAt };
}

/**
 * Pairs the device that typed a live code. Every attempt that does not pair counts toward 10 per
 * address in 15 minutes; past them every attempt from that address answers 429 (and still counts).
 */
export async function pairDevice(deps: Deps, typed: string, ip: string) {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - PAIRING_FAILURE_WINDOW_MS).toISOString();
  if ((await q.countPairingFailures(deps.db, ip, since)) >= PAIRING_FAILURES_MAX) {
    await q.insertPairingFailure(deps.db, ip, now);
    throw new AppError('too_many_requests', 'Too many wrong codes. Please wait 15 minutes and try again.');
  }
  const token = newToken();
  const paired = await deps.db.transaction().execute(async (trx) => {
    const c = await q.takePairingCodeUnscoped(trx, codeHash(typed), now.toISOString());
    if (!c) return null;
    const device = {
      id: newId(),
      organization_id: c.organization_id,
      location_id: c.location_id,
      name: c.device_name,
      token_hash: hashToken(token),
      paired_by_user_id: c.created_by_user_id,
      paired_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      revoked_at: null,
    };
    await q.insertDevice(trx, device);
    return { id: device.id, locationId: c.location_id, locationName: c.location_name };
  });
  if (!paired) {
    await q.insertPairingFailure(deps.db, ip, now);
    throw notFound('This code is wrong, used or expired');
  }
  return { device: paired, token };
}

export async function listDevices(deps: Deps, s: LocationKey) {
  const rows = await q.listDevices(deps.db, s);
  return rows.map((d) => ({ id: d.id, name: d.name, pairedAt: d.paired_at, lastSeenAt: d.last_seen_at }));
}

/** Revoking ends the device's cookie at once; an unknown or already revoked device is 404. */
export async function revokeDevice(deps: Deps, s: LocationKey, deviceId: string): Promise<void> {
  if (!(await q.revokeDevice(deps.db, s, deviceId, deps.clock.now().toISOString()))) throw notFound('Device not found');
}

export function setDeviceCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: DEVICE_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.secureCookies,
    expires: new Date(deps.clock.now().getTime() + DEVICE_COOKIE_MS),
  });
}

export function clearDeviceCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(DEVICE_COOKIE, { path: DEVICE_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies });
}

/** The device cookie of the request, for renewing it. */
export function deviceToken(request: FastifyRequest): string | undefined {
  return request.cookies[DEVICE_COOKIE];
}

/**
 * The scope of a kiosk request: the paired, not revoked device behind the cookie (401 otherwise),
 * acting at its own location only. A state-changing request must come from the public URL's origin.
 */
export async function deviceScope(deps: Deps, request: FastifyRequest): Promise<DeviceScope> {
  const token = deviceToken(request);
  if (!token) throw new AppError('unauthorized', 'This tablet is not paired');
  refuseForeignOrigin(deps, request);
  const d = await q.findDeviceByTokenUnscoped(deps.db, hashToken(token));
  if (!d) throw new AppError('unauthorized', 'This tablet is not paired');
  const now = deps.clock.now();
  if (now.getTime() - Date.parse(d.last_seen_at) > DEVICE_TOUCH_MS) await q.touchDevice(deps.db, d.id, now.toISOString());
  return { organizationId: d.organization_id, locationId: d.location_id, deviceId: d.id, locationName: d.location_name };
}

export const devicePruneSweep: Sweep = {
  name: 'prune-kiosk-pairings',
  run: (trx: Tx, now: Date) =>
    q.pruneUnscoped(trx, new Date(now.getTime() - PAIRING_FAILURE_WINDOW_MS).toISOString(), new Date(now.getTime() - DAY).toISOString()),
};
