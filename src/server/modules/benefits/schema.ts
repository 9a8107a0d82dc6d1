// Benefits (design 10.1, 10.2): perks with a call to action, and the applications people make for them.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { visibilitySchema } from '../plans/schema.js';

export const allowanceSchema = z.enum(['unlimited', 'once']);
export const applicationStatusSchema = z.enum(['new', 'approved', 'declined']);

/** A link people open: http or https only (never javascript:), or null for none. */
const ctaUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'Use an http or https link')
  .nullable();

const fields = {
  title: z.string().trim().min(1, 'Required').max(150, 'At most 150 characters'),
  description: z.string().trim().max(5000),
  provider: z.string().trim().max(150),
  visibility: visibilitySchema,
  applications: z.boolean(),
  allowance: allowanceSchema,
  ctaUrl,
  confirmationText: z.string().trim().max(2000),
};

export const createBenefitBody = z.object({
  title: fields.title,
  description: fields.description.default(''),
  provider: fields.provider.default(''),
  visibility: fields.visibility.default('location_members'),
  applications: fields.applications.default(true),
  allowance: fields.allowance.default('unlimited'),
  ctaUrl: fields.ctaUrl.default(null),
  confirmationText: fields.confirmationText.default(''),
});
export type CreateBenefitInput = z.infer<typeof createBenefitBody>;

export const updateBenefitBody = z.object({
  title: fields.title.optional(),
  description: fields.description.optional(),
  provider: fields.provider.optional(),
  visibility: fields.visibility.optional(),
  applications: fields.applications.optional(),
  allowance: fields.allowance.optional(),
  ctaUrl: fields.ctaUrl.optional(),
  confirmationText: fields.confirmationText.optional(),
});
export type UpdateBenefitInput = z.infer<typeof updateBenefitBody>;

export const benefitSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  title: z.string(),
  description: z.string(),
  provider: z.string(),
  visibility: visibilitySchema,
  applications: z.boolean(),
  allowance: allowanceSchema,
  ctaUrl: z.string().nullable(),
  confirmationText: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BenefitDto = z.infer<typeof benefitSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  /** per location: #1, #2... */
  number: z.number().int(),
  benefitId: z.string(),
  benefitTitle: z.string(),
  customerId: z.string(),
  applicant: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }),
  message: z.string(),
  status: applicationStatusSchema,
  note: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ApplicationDto = z.infer<typeof applicationSchema>;

export const applyBody = z.object({ message: z.string().trim().max(2000).optional() }).nullish();
export const decideBody = z.object({ status: z.enum(['approved', 'declined']), note: z.string().trim().max(2000).optional() });
export type DecideInput = z.infer<typeof decideBody>;

export const benefitParams = z.object({ locationId: idSchema, benefitId: idSchema });
export const applicationParams = z.object({ locationId: idSchema, applicationId: idSchema });
export const listBenefitsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const listApplicationsQuery = z.object({
  status: applicationStatusSchema.optional(),
  benefitId: idSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
