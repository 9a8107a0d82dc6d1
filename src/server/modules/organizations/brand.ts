// The operator's brand: logos stored under the data directory (`brand/<organizationId>/<logoId>`, like attachments),
// checked by content (PNG, JPEG or WebP; never SVG, which can carry script), and the brand each page and email shows.
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { type Deps, publicLink } from '../../deps.js';
import type { Location, Organization } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { MailBrand } from '../../lib/mail/layout.js';
import { DEFAULT_ACCENT, readableAccent } from '../../lib/schema.js';
import { newId } from '../../lib/tokens.js';
import { locationLogoPath } from '../locations/service.js';
import { type BrandDto, MAX_LOGO_BYTES } from './schema.js';

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** The public path of an organization's logo, versioned by its id; null without one. */
export function organizationLogoPath(o: Pick<Organization, 'id' | 'logo_id'>): string | null {
  return o.logo_id ? `/api/v1/public/organizations/${o.id}/logo?v=${o.logo_id}` : null;
}

/** The brand of an organization, at one of its locations when given (the location's own logo wins). */
export function brandOf(
  o: Pick<Organization, 'id' | 'name' | 'logo_id' | 'accent_color' | 'support_email'>,
  location?: Pick<Location, 'id' | 'logo_id'> | null,
): BrandDto {
  return {
    name: o.name,
    logoUrl: (location && locationLogoPath(location)) ?? organizationLogoPath(o),
    accentColor: o.accent_color,
    accentTextColor: readableAccent(o.accent_color ?? DEFAULT_ACCENT),
    supportEmail: o.support_email,
  };
}

/** The brand of an email: as brandOf, with the logo's absolute URL built from PUBLIC_URL. No organization: Atrium's. */
export function mailBrand(
  deps: Deps,
  o: Pick<Organization, 'id' | 'name' | 'logo_id' | 'accent_color' | 'support_email'> | null | undefined,
  location?: Pick<Location, 'id' | 'logo_id'> | null,
): MailBrand {
  if (!o) return { name: 'Atrium' };
  const b = brandOf(o, location);
  return { name: b.name, logoUrl: b.logoUrl ? publicLink(deps, b.logoUrl) : null, accentColor: b.accentColor, supportEmail: b.supportEmail };
}

function logoDir(deps: Deps, organizationId: string): string {
  return path.join(deps.config.dataDir, 'brand', organizationId);
}

/** Checks an uploaded logo by its content and size; 422 `logo_not_image` or 413 `logo_too_large` say what is wrong. */
export async function checkLogo(data: Buffer): Promise<(typeof LOGO_TYPES)[number]> {
  if (data.length > MAX_LOGO_BYTES) throw logoTooLarge();
  const detected = data.length > 0 ? await fileTypeFromBuffer(data) : undefined;
  const type = LOGO_TYPES.find((t) => t === detected?.mime);
  if (!type) {
    throw new AppError(
      'unprocessable',
      'The logo must be a PNG, JPEG or WebP image.',
      [{ path: 'file', message: 'Not a PNG, JPEG or WebP image' }],
      'logo_not_image',
    );
  }
  return type;
}

export function logoTooLarge(): AppError {
  return new AppError(
    'payload_too_large',
    `The logo is larger than ${MAX_LOGO_BYTES / 1024 / 1024} MB.`,
    [{ path: 'file', message: 'Too large' }],
    'logo_too_large',
  );
}

/** Writes a checked logo under the organization's folder; returns its new id. */
export async function storeLogo(deps: Deps, organizationId: string, data: Buffer): Promise<string> {
  const id = newId();
  const dir = logoDir(deps, organizationId);
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, id), data, { flag: 'wx' });
  return id;
}

/** Removes a logo's file (the row no longer names it); a missing file is no error. */
export async function dropLogo(deps: Deps, organizationId: string, logoId: string | null | undefined): Promise<void> {
  if (logoId) await fs.promises.rm(path.join(logoDir(deps, organizationId), logoId), { force: true });
}

/** A stored logo's bytes, or null when the file is gone. */
export async function readLogo(deps: Deps, organizationId: string, logoId: string): Promise<Buffer | null> {
  // ids are ours (uuids), never a path a caller chose
  if (!/^[0-9a-f-]{36}$/.test(logoId)) return null;
  return fs.promises.readFile(path.join(logoDir(deps, organizationId), logoId)).catch(() => null);
}
