// The modules of the app, lowest first: what each serves (routes), what it runs every minute
// (sweeps) and what it does when a server starts and stops. app.ts and runtime.ts read this list
// and never reach into a module; adding a domain adds one entry here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';
import type { Sweep } from '../lib/sweeps.js';
import { analyticsRoutes } from './analytics/routes.js';
import { administratorRoutes } from './administrators/routes.js';
import { apiKeyRoutes } from './api-keys/routes.js';
import { assignmentRoutes } from './assignments/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { authRoutes } from './auth/routes.js';
import { blacklistRoutes } from './blacklist/routes.js';
import { pruneCodeRequestsSweep } from './auth/service.js';
import { benefitRoutes } from './benefits/routes.js';
import { bookingRoutes } from './bookings/routes.js';
import { bookingSweeps } from './bookings/sweeps.js';
import { contentRoutes } from './content/routes.js';
import { companyRoutes } from './companies/routes.js';
import { customerRoutes } from './customers/routes.js';
import { eventRoutes } from './events/routes.js';
import { ticketHoldSweep } from './events/tickets.js';
import { healthRoutes } from './health/routes.js';
import { jobsSettled, jobSweep, resumeUnfinished, stopJobs } from './invitations/bulk.js';
import { invitationRoutes } from './invitations/routes.js';
import { invoiceRoutes } from './invoices/routes.js';
import { invoiceOverdueSweep } from './invoices/sweeps.js';
import { reminderSweep } from './invitations/reminders.js';
import { joinRequestRoutes } from './join-requests/routes.js';
import { ledgerRoutes } from './ledger/routes.js';
import { expireLotsSweep } from './ledger/sweeps.js';
import { locationRoutes } from './locations/routes.js';
import { mailboxRoutes } from './mailbox/routes.js';
import { membershipRoutes } from './membership/routes.js';
import { noteRoutes } from './notes/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { peopleRoutes } from './people/routes.js';
import { planRoutes } from './plans/routes.js';
import { purchaseHistoryRoutes } from './purchase-history/routes.js';
import { devicePruneSweep } from './access/devices.js';
import { receptionRoutes } from './reception/routes.js';
import { resourceRoutes } from './resources/routes.js';
import { setupRoutes } from './setup/routes.js';
import { shopRoutes } from './shop/routes.js';
import { shopSweeps } from './shop/sweeps.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { subscriptionSweeps } from './subscriptions/sweeps.js';
import { transferRoutes } from './transfers/routes.js';
import { startWebhookDispatcher, stopWebhookDispatcher } from './webhooks/dispatcher.js';
import { webhookRoutes } from './webhooks/routes.js';
import { usageRoutes } from './usage/routes.js';

export interface Module {
  name: string;
  routes?: (deps: Deps) => FastifyPluginAsyncZod;
  /** idempotent rules over due rows, run every minute by every server and by `atrium sweep` */
  sweeps?: (deps: Deps) => Sweep[];
  /** once the server listens (e.g. resume background work); returns a count worth logging */
  onStart?: (deps: Deps) => Promise<number>;
  /** on a graceful stop, before the database closes (e.g. release background work) */
  onStop?: (deps: Deps) => Promise<unknown>;
  /** resolves once the background work its sweeps started is done (`atrium sweep` waits for it) */
  settled?: (deps: Deps) => Promise<void>;
}

// access (sessions, grants, scopes), users and activities serve no routes of
// their own: the modules below call them.
export const modules: Module[] = [
  { name: 'health', routes: healthRoutes },
  { name: 'setup', routes: setupRoutes },
  { name: 'auth', routes: authRoutes, sweeps: () => [pruneCodeRequestsSweep] },
  { name: 'locations', routes: locationRoutes },
  { name: 'organizations', routes: organizationRoutes },
  { name: 'administrators', routes: administratorRoutes },
  { name: 'customers', routes: customerRoutes },
  { name: 'plans', routes: planRoutes },
  { name: 'ledger', routes: ledgerRoutes, sweeps: (deps) => [expireLotsSweep(deps)] },
  { name: 'invoices', routes: invoiceRoutes, sweeps: (deps) => [invoiceOverdueSweep(deps)] },
  { name: 'payments', routes: paymentRoutes },
  { name: 'subscriptions', routes: subscriptionRoutes, sweeps: subscriptionSweeps },
  { name: 'resources', routes: resourceRoutes },
  { name: 'bookings', routes: bookingRoutes, sweeps: bookingSweeps },
  { name: 'assignments', routes: assignmentRoutes },
  { name: 'membership', routes: membershipRoutes },
  { name: 'companies', routes: companyRoutes },
  { name: 'notes', routes: noteRoutes },
  { name: 'attachments', routes: attachmentRoutes },
  {
    name: 'invitations',
    routes: invitationRoutes,
    sweeps: (deps) => [reminderSweep(deps), jobSweep(deps)],
    onStart: resumeUnfinished,
    onStop: stopJobs,
    settled: jobsSettled,
  },
  { name: 'join-requests', routes: joinRequestRoutes },
  { name: 'mailbox', routes: mailboxRoutes },
  { name: 'events', routes: eventRoutes, sweeps: (deps) => [ticketHoldSweep(deps)] },
  { name: 'content', routes: contentRoutes },
  { name: 'shop', routes: shopRoutes, sweeps: shopSweeps },
  { name: 'benefits', routes: benefitRoutes },
  { name: 'purchase-history', routes: purchaseHistoryRoutes },
  { name: 'transfers', routes: transferRoutes },
  { name: 'reception', routes: receptionRoutes, sweeps: () => [devicePruneSweep] },
  { name: 'api-keys', routes: apiKeyRoutes },
  // listens to every module's announcements (lib/announcements.ts) and queues deliveries in their transactions
  { name: 'webhooks', routes: webhookRoutes, onStart: startWebhookDispatcher, onStop: stopWebhookDispatcher },
  { name: 'blacklist', routes: blacklistRoutes },
  { name: 'people', routes: peopleRoutes },
  { name: 'usage', routes: usageRoutes },
  { name: 'analytics', routes: analyticsRoutes },
];

/** Every module's sweeps, in module order. */
export function sweeps(deps: Deps): Sweep[] {
  return modules.flatMap((m) => m.sweeps?.(deps) ?? []);
}
