// Invitations, activation and the location's invitation template.
import { z } from 'zod';
import { emailSchema, nameSchema, optionalNameSchema, permissionSchema, phoneInputSchema } from '../../lib/schema.js';
import { customerSchema } from '../customers/schema.js';
import { publicBrandSchema } from '../organizations/schema.js';
import { userSchema } from '../users/schema.js';

export const inviteBody = z.object({
  firstName: nameSchema,
  lastName: optionalNameSchema,
  email: emailSchema,
  phone: phoneInputSchema,
  companyId: z.string().uuid().optional().nullable(),
  companyManager: z.boolean().default(false),
  administrator: z.boolean().default(false),
  permissions: z.array(permissionSchema).max(20).default([]),
});
export type InviteInput = z.infer<typeof inviteBody>;

/** A company user invites a colleague into their own company from the portal. */
export const colleagueBody = inviteBody.pick({ firstName: true, lastName: true, email: true, phone: true });

export const inviteAnswer = z.object({
  customer: customerSchema,
  /** "invited": an activation email went out; "access_granted": the account was already activated */
  outcome: z.enum(['invited', 'access_granted']),
  /** true when the account is activated and kept its own name rather than the one typed */
  nameKept: z.boolean(),
});

const tokenSchema = z.string().trim().min(20).max(200);
export const activationBody = z.object({ token: tokenSchema });
export const activationVerifyBody = z.object({
  token: tokenSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code'),
});
/**
 * The operator who sent a live invitation, for the page that asks for its code or a sign-in: its organization (the
 * sign-in link of that page names it, `/sign-in?o=<organizationId>`), name, logo (the location's own, else the
 * organization's) and accent colour. A link that no longer works answers 404 and shows none.
 */
export const activationBrandSchema = publicBrandSchema.extend({ organizationId: z.string() });

export const activationAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), user: userSchema, locationId: z.string() }),
  z.object({ status: z.literal('code_required'), email: z.string(), brand: activationBrandSchema }),
  z.object({ status: z.literal('sign_in_required'), email: z.string(), brand: activationBrandSchema }),
]);

export const templateBody = z.object({
  subject: z.string().trim().min(1, 'Required').max(300),
  body: z.string().trim().min(1, 'Required').max(20_000),
});
export const templateAnswer = z.object({ custom: z.boolean(), subject: z.string(), body: z.string(), variables: z.array(z.string()) });
export const previewAnswer = z.object({ subject: z.string(), html: z.string(), text: z.string() });

export const bulkBody = z.object({
  text: z.string().max(8 * 1024 * 1024),
  companyId: z.string().uuid().nullable().optional(),
});
/** Why a pasted row is skipped or invalid, as a stable code the web apps translate (its `reason` says it in English). */
export const ROW_CODES = [
  'missing_first_name',
  'name_too_long',
  'missing_email',
  'invalid_email',
  'duplicate_email',
  'invalid_phone',
  'unknown_company',
  'already_member',
  'blacklisted',
] as const;
export type RowCode = (typeof ROW_CODES)[number];

export const bulkPreviewAnswer = z.object({
  rows: z.array(
    z.object({
      line: z.number(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      phone: z.string(),
      company: z.string(),
      status: z.enum(['ready', 'skipped', 'invalid']),
      /** why a skipped or invalid row is so, stable for the web apps to translate */
      code: z.enum(ROW_CODES).optional(),
      /** the same in English (as in the CSV of invalid rows) */
      reason: z.string().optional(),
      /** for duplicate_email: the line where the email first appeared */
      duplicateOf: z.number().optional(),
    }),
  ),
  counts: z.object({ ready: z.number(), skipped: z.number(), invalid: z.number() }),
  /** the invalid rows with their reasons, as CSV to download */
  invalidCsv: z.string(),
});
export const bulkJobAnswer = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number(),
  processed: z.number(),
  invited: z.number(),
  skipped: z.number(),
  invalid: z.number(),
  error: z.string().nullable(),
});
