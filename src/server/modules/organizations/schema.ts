// Organization settings (the owner's) and the brand the portal, the kiosk, the admin app and every email show.
import { z } from 'zod';
import { emailSchema, hexColorSchema, idSchema, languageSchema } from '../../lib/schema.js';

export const organizationParams = z.object({ organizationId: idSchema });
export const organizationLogoParams = z.object({ organizationId: idSchema });
export const locationLogoParams = z.object({ locationId: idSchema });
/** `v` versions a logo's URL (the logo's id): with the current one, the answer may be cached for good. */
export const logoQuery = z.object({ v: z.string().max(100).optional() });

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** the logo's public path on this server (versioned), or null */
  logoUrl: z.string().nullable(),
  /** #rrggbb, or null for Atrium's blue */
  accentColor: z.string().nullable(),
  /** the contrast-checked accent: the colour behind white text and of links (darkened when needed for 4.5:1) */
  accentTextColor: z.string(),
  supportEmail: z.string().nullable(),
  /** the language new locations start with, and that of emails tied to no location */
  language: languageSchema,
  createdAt: z.string(),
});
export type OrganizationDto = z.infer<typeof organizationSchema>;

export const updateOrganizationBody = z.object({
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters').optional(),
  accentColor: hexColorSchema.nullable().optional(),
  supportEmail: emailSchema.nullable().optional(),
  language: languageSchema.optional(),
});
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationBody>;

/** What a page shows of the operator: the organization's name, the logo (the location's own, else the organization's) and colours. */
export const brandSchema = z.object({
  name: z.string(),
  logoUrl: z.string().nullable(),
  accentColor: z.string().nullable(),
  /** the accent colour checked for contrast (see accentTextColor above) */
  accentTextColor: z.string(),
  supportEmail: z.string().nullable(),
});
export type BrandDto = z.infer<typeof brandSchema>;

/**
 * The brand a page shows before anyone signs in (the sign-in page reached by a link of one operator, an activation
 * link): the name, the logo and the accent colour, nothing else.
 */
export const publicBrandSchema = z.object({ name: z.string(), logoUrl: z.string().nullable(), accentColor: z.string().nullable() });
export type PublicBrandDto = z.infer<typeof publicBrandSchema>;

/** The logo's size limit: a header image, not a poster. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
