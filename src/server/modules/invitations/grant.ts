// Granting member access to many people at once (one invitation is a batch of one): one account
// per email, multi-row inserts, and every email queued in the same transaction.
import { type Deps, type Tx, publicLink } from '../../deps.js';
import type { Customer, Location, User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { enqueueMails, type QueuedMail } from '../../lib/mail/outbox.js';
import type { Permission } from '../../lib/schema.js';
import { hashToken, newId, newToken } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import type { NewActivity } from '../activities/service.js';
import * as admins from '../administrators/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import type { CustomerDto } from '../customers/schema.js';
import * as users from '../users/service.js';
import { accessGrantedMail, renderInvitation } from './mail.js';
import * as q from './queries.js';

export interface ActorScope {
  organizationId: string;
  locationId: string;
  actorUserId: string | null;
}

export interface MailContext {
  location: Location;
  organizationName: string;
  inviterName: string;
}

export interface Membership {
  firstName: string;
  lastName: string;
  /** normalised (trimmed, lower-case) */
  email: string;
  /** E.164 or null */
  phone: string | null;
  companyId?: string | null;
  companyManager?: boolean;
  source: CustomerDto['source'];
  /** permissions to grant as administrator at the location, or null */
  adminPermissions?: Permission[] | null;
}

export interface GrantResult {
  customerId: string | null;
  outcome: 'invited' | 'access_granted' | 'skipped';
  nameKept: boolean;
}

export interface LinkTarget {
  customerId: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** Emails fresh activation links (each with its own 24-hour window) and records them. */
export async function sendActivationLinksInTx(deps: Deps, trx: Tx, scope: ActorScope, ctx: MailContext, targets: LinkTarget[], kind: q.LinkKind): Promise<void> {
  const links: { customerId: string; userId: string; tokenHash: string; kind: q.LinkKind }[] = [];
  const mails: QueuedMail[] = [];
  for (const t of targets) {
    const token = newToken();
    links.push({ customerId: t.customerId, userId: t.userId, tokenHash: hashToken(token), kind });
    const mail = await renderInvitation(
      ctx.location,
      {
        first_name: t.firstName,
        last_name: t.lastName,
        location_name: ctx.location.name,
        organization_name: ctx.organizationName,
        inviter_name: ctx.inviterName,
        activation_url: publicLink(deps, `/activate/${token}`),
      },
      kind === 'reminder' ? 'reminder' : 'invitation',
    );
    mails.push({ organizationId: scope.organizationId, to: t.email, ...mail });
  }
  const now = deps.clock.now();
  await q.insertInvitations(trx, scope, links, now);
  await enqueueMails(trx, now, deps.config.publicUrl, mails);
}

/**
 * Gives each person member access at the location. Emails must be distinct. An existing
 * activated account gets access at once (and an email saying so); a nonmember or removed
 * customer becomes a member again; a current member is skipped.
 */
export async function grantMembershipsInTx(deps: Deps, trx: Tx, scope: ActorScope, list: Membership[], ctx: MailContext): Promise<GrantResult[]> {
  const now = deps.clock.now();
  const companyIds = [...new Set(list.map((m) => m.companyId).filter((c): c is string => Boolean(c)))];
  const companyNames = new Map<string, string>();
  for (const id of companyIds) {
    const company = await companies.findCompany(trx, scope, id);
    if (!company) throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
    companyNames.set(id, company.name);
  }

  // Accounts: one per email; before activation the administrator's latest name wins.
  const known = new Map((await users.findUsersByEmails(trx, list.map((m) => m.email))).map((u) => [u.email, u]));
  const fresh: User[] = [];
  const nameKept = new Set<string>();
  for (const m of list) {
    const u = known.get(m.email);
    if (!u) {
      const row: User = { id: newId(), email: m.email, first_name: m.firstName, last_name: m.lastName, phone: m.phone, activated_at: null, email_verified_at: null, last_active_at: null, created_at: now.toISOString() };
      fresh.push(row);
      known.set(m.email, row);
    } else if (!u.activated_at) {
      if (u.first_name !== m.firstName || u.last_name !== m.lastName || (m.phone && m.phone !== u.phone)) {
        await users.updateUserFields(trx, u.id, { firstName: m.firstName, lastName: m.lastName, ...(m.phone ? { phone: m.phone } : {}) });
        known.set(m.email, { ...u, first_name: m.firstName, last_name: m.lastName, phone: m.phone ?? u.phone });
      }
    } else if (u.first_name !== m.firstName || u.last_name !== m.lastName) {
      nameKept.add(m.email);
    }
  }
  await users.insertUsers(trx, fresh);

  const existing = new Map((await customers.findCustomersByUsers(trx, scope, list.map((m) => known.get(m.email)!.id))).map((c) => [c.user_id, c]));
  const newCustomers: Customer[] = [];
  const acts: NewActivity[] = [];
  const toLink: LinkTarget[] = [];
  const granted: QueuedMail[] = [];
  const results: GrantResult[] = [];
  const act = (customerId: string, kind: string, data?: Record<string, unknown>) => acts.push({ ...scope, customerId, kind, data });

  for (const m of list) {
    const u = known.get(m.email)!;
    const c = existing.get(u.id);
    if (c && c.type === 'member' && c.status !== 'removed') {
      results.push({ customerId: c.id, outcome: 'skipped', nameKept: false });
      continue;
    }
    const activated = u.activated_at !== null;
    const status = activated ? 'active' : 'invited';
    let customerId: string;
    if (c) {
      customerId = c.id;
      await customers.makeMemberInTx(trx, scope, customerId, { status, companyId: m.companyId, companyManager: m.companyManager, invitedByUserId: scope.actorUserId }, now);
      act(customerId, c.status === 'removed' ? 'restored' : 'became_member', { type: 'member' });
    } else {
      customerId = newId();
      newCustomers.push(
        customers.newCustomerRow(
          scope,
          {
            userId: u.id,
            type: 'member',
            status,
            source: m.source,
            companyId: m.companyId ?? null,
            companyManager: m.companyManager,
            invitedByUserId: scope.actorUserId,
            invited: !activated,
            person: { firstName: u.first_name, lastName: u.last_name, email: u.email, phone: u.phone, companyName: m.companyId ? companyNames.get(m.companyId)! : null, lastActiveAt: u.last_active_at },
          },
          customerId,
          now,
        ),
      );
      act(customerId, 'created', { type: 'member', source: m.source });
    }
    if (m.companyId) act(customerId, 'joined_company', { companyId: m.companyId, companyName: companyNames.get(m.companyId), manager: Boolean(m.companyManager) });
    if (activated) {
      act(customerId, 'access_granted', { source: m.source });
      granted.push({
        organizationId: scope.organizationId,
        to: u.email,
        ...accessGrantedMail({ first_name: u.first_name, location_name: ctx.location.name, organization_name: ctx.organizationName, inviter_name: ctx.inviterName, portal_url: publicLink(deps, '/') }),
      });
    } else {
      act(customerId, 'invited', { source: m.source, email: u.email });
      toLink.push({ customerId, userId: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name });
    }
    if (m.adminPermissions) {
      await admins.grantInTx(deps, trx, { organizationId: scope.organizationId, actorUserId: scope.actorUserId ?? '' }, u.id, scope.locationId, m.adminPermissions);
      act(customerId, 'admin_on', { permissions: m.adminPermissions });
    }
    results.push({ customerId, outcome: activated ? 'access_granted' : 'invited', nameKept: nameKept.has(m.email) });
  }

  await customers.insertCustomers(trx, newCustomers);
  await activities.recordMany(trx, acts, now);
  const kind: q.LinkKind = list[0]?.source === 'join_request' ? 'join_request' : 'invitation';
  await sendActivationLinksInTx(deps, trx, scope, ctx, toLink, kind);
  await enqueueMails(trx, now, deps.config.publicUrl, granted);
  return results;
}
