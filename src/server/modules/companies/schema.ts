// Companies: businesses that are customers of a location, and their people.
import { z } from 'zod';
import { emailSchema } from '../../lib/schema.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const companySchema = z.object({
  id: z.string(),
  locationId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  taxId: z.string().nullable(),
  userCount: z.number(),
  /** whether company users who are not managers may spend the company's credits and day passes */
  companyUsersMaySpend: z.boolean(),
  createdAt: z.string(),
});
export type CompanyDto = z.infer<typeof companySchema>;

export const createCompanyBody = z.object({
  name: z.string().trim().min(1, 'Required').max(200),
  email: emailSchema
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: optionalText(40),
  address: optionalText(500),
  taxId: optionalText(100),
});
export type CreateCompanyInput = z.infer<typeof createCompanyBody>;
export const updateCompanyBody = createCompanyBody.partial().extend({ companyUsersMaySpend: z.boolean().optional() });
export type UpdateCompanyInput = z.infer<typeof updateCompanyBody>;

export const listCompaniesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const companyParams = z.object({ locationId: z.string().uuid(), companyId: z.string().uuid() });
export const companyMemberBody = z.object({ customerId: z.string().uuid(), manager: z.boolean().default(false) });
export const companyMemberParams = z.object({ locationId: z.string().uuid(), companyId: z.string().uuid(), customerId: z.string().uuid() });
export const managerBody = z.object({ manager: z.boolean() });
