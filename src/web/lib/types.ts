// Shapes of the API objects the web apps read: inferred from the server's zod schemas (types only, nothing bundled).
import type { z } from 'zod';
import type { Permission as ServerPermission } from '../../server/lib/schema';
import type { administratorSchema } from '../../server/modules/administrators/schema';
import type { meAnswer } from '../../server/modules/auth/schema';
import type { customerSchema } from '../../server/modules/customers/schema';
import type { locationSchema } from '../../server/modules/locations/schema';
import type { userSchema } from '../../server/modules/users/schema';

export const PERMISSIONS = [
  'customers',
  'billing',
  'resources',
  'content',
  'events',
  'shop',
  'benefits',
  'analytics',
  'settings',
  'reception',
] as const satisfies readonly ServerPermission[];
export type Permission = (typeof PERMISSIONS)[number];

/** The server sends permissions as plain strings; keep the ones this version of the app knows. */
export function knownPermissions(values: readonly string[]): Permission[] {
  return PERMISSIONS.filter((permission) => values.includes(permission));
}

export type User = z.infer<typeof userSchema>;
export type Me = z.infer<typeof meAnswer>;
export type Location = z.infer<typeof locationSchema>;
export type Customer = z.infer<typeof customerSchema>;
export type Administrator = z.infer<typeof administratorSchema>;
export type CustomerType = Customer['type'];
export type CustomerStatus = Customer['status'];

/** A message of the development mailbox (its schema lives in the server's mailbox routes). */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
  /** Delivery state, when the server reports one. */
  status?: string;
}

/** One page of a cursor-paged list; `total` is used when the server sends it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}
