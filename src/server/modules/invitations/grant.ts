// Granting member access to many people at once (one invitation is a batch of one): one account
// per email, multi-row inserts, and every email queued in the same transaction. The emails are
// rendered before the transaction (`prepareInvitations`), so a slow template never holds it open.
import { type Deps, type Tx, publicLink } from '../../deps.js';
import type { Customer, Location, Organization } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { languageFor, type Language } from '../../lib/i18n.js';
import { enqueueMails, type QueuedMail } from '../../lib/mail/outbox.js';
import type { Permission } from '../../lib/schema.js';
import { slicer } from '../../lib/slices.js';
import { hashToken, newId, newToken } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import type { NewActivity } from '../activities/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import type { CustomerDto } from '../customers/schema.js';
import * as users from '../users/service.js';
import { accessGrantedMail, inviterName, renderInvitation } from './mail.js';
import * as q from './queries.js';
import type { ActorScope } from '../../scope.js';
import * as access from '../access/service.js';
import * as organizations from '../organizations/service.js';

export interface MailContext {
  location: Location;
  organizationName: string;
  /** the organization's row, for the brand of the emails (organizations.mailBrand) */
  organization: Organization;
  /** the inviting person's name; null when nobody invites (a sweep): the location's team then */
  inviterName: string | null;
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
  /** a colleague invited from the portal: only people the location does not know yet (409 otherwise) */
  newCustomersOnly?: boolean;
}

export interface GrantResult {
  customerId: string | null;
  outcome: 'invited' | 'access_granted' | 'skipped';
  nameKept: boolean;
}

/** An activation link and its email, rendered outside any transaction and written later. */
export interface PreparedLink {
  tokenHash: string;
  mail: QueuedMail;
}

/** Who a link goes to: the email and the names this organization knows them by. */
export interface LinkAddressee {
  email: string;
  firstName: string;
  lastName: string;
}

/** What a batch sends one person, rendered before its transaction: an invitation link, or "you now have access". */
export interface PreparedInvitation {
  link?: PreparedLink;
  /** for an account already activated when the batch was prepared */
  accessGranted?: QueuedMail;
}

/** Calls `render` for each item, giving the event loop back every few milliseconds (a slow template, a long batch). */
async function renderEach<T>(items: T[], render: (item: T) => unknown): Promise<void> {
  const slice = slicer();
  for (const item of items) {
    if (slice.due()) await slice.pause();
    await render(item);
  }
}

/**
 * Renders an activation email with a fresh link (its own 24-hour window) for each person.
 * `bulk` (a mass invitation, a reminder) sends them after one person's mail.
 */
export async function prepareLinks(
  deps: Deps,
  scope: ActorScope,
  ctx: MailContext,
  people: LinkAddressee[],
  kind: q.LinkKind,
  bulk = kind === 'reminder',
): Promise<Map<string, PreparedLink>> {
  const languages = await users.languagesByEmail(
    deps.db,
    people.map((p) => p.email),
  );
  return renderLinks(deps, scope, ctx, people, languages, kind, bulk);
}

async function renderLinks(
  deps: Deps,
  scope: ActorScope,
  ctx: MailContext,
  people: LinkAddressee[],
  languages: Map<string, Language | null>,
  kind: q.LinkKind,
  bulk: boolean,
): Promise<Map<string, PreparedLink>> {
  const out = new Map<string, PreparedLink>();
  await renderEach(people, async (p) => {
    const token = newToken();
    const lang = languageFor(languages.get(p.email), undefined, ctx.location);
    const mail = await renderInvitation(
      lang,
      ctx.location,
      {
        first_name: p.firstName,
        last_name: p.lastName,
        location_name: ctx.location.name,
        organization_name: ctx.organizationName,
        inviter_name: inviterName(lang, ctx),
        activation_url: publicLink(deps, `/activate/${token}`),
      },
      kind === 'reminder' ? 'reminder' : 'invitation',
      { brand: organizations.mailBrand(deps, ctx.organization, ctx.location) },
    );
    out.set(p.email, { tokenHash: hashToken(token), mail: { organizationId: scope.organizationId, to: p.email, ...mail, bulk } });
  });
  return out;
}

/** "You now have access", for an account that is already activated: no link is needed. */
function accessGrantedFor(
  deps: Deps,
  scope: ActorScope,
  ctx: MailContext,
  to: { email: string; firstName: string; language: Language | null },
  bulk: boolean,
): QueuedMail {
  const lang = languageFor(to.language, undefined, ctx.location);
  return {
    organizationId: scope.organizationId,
    to: to.email,
    bulk,
    ...accessGrantedMail(
      lang,
      {
        first_name: to.firstName,
        location_name: ctx.location.name,
        organization_name: ctx.organizationName,
        inviter_name: inviterName(lang, ctx),
        portal_url: publicLink(deps, '/'),
      },
      organizations.mailBrand(deps, ctx.organization, ctx.location),
    ),
  };
}

export async function prepareLink(deps: Deps, scope: ActorScope, ctx: MailContext, person: LinkAddressee, kind: q.LinkKind): Promise<PreparedLink> {
  return (await prepareLinks(deps, scope, ctx, [person], kind)).get(person.email)!;
}

/** Records prepared links and queues their emails, in the transaction of the change that sends them. */
export async function writeLinksInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  links: { customerId: string; userId: string; link: PreparedLink }[],
  kind: q.LinkKind,
): Promise<void> {
  const now = deps.clock.now();
  await q.insertInvitations(
    trx,
    scope,
    links.map((l) => ({ customerId: l.customerId, userId: l.userId, tokenHash: l.link.tokenHash, kind })),
    now,
  );
  await enqueueMails(
    trx,
    now,
    deps.config.publicUrl,
    links.map((l) => l.link.mail),
  );
}

const linkKindOf = (list: Membership[]): q.LinkKind => (list[0]?.source === 'join_request' ? 'join_request' : 'invitation');
const isBulk = (list: Membership[]) => list[0]?.source === 'mass_invitation';

/**
 * The emails of a batch, rendered before its transaction (emails must be distinct): the
 * "you now have access" email for an account already activated (activation is never undone, and
 * an activated account never deleted, so it will still be), an invitation link for everyone else.
 */
export async function prepareInvitations(deps: Deps, scope: ActorScope, ctx: MailContext, list: Membership[]): Promise<Map<string, PreparedInvitation>> {
  const accounts = await users.mailDetailsByEmail(
    deps.db,
    list.map((m) => m.email),
  );
  const bulk = isBulk(list);
  const out = new Map<string, PreparedInvitation>();
  const activated = list.filter((m) => accounts.get(m.email)?.activated_at);
  await renderEach(activated, (m) => {
    const a = accounts.get(m.email)!;
    out.set(m.email, { accessGranted: accessGrantedFor(deps, scope, ctx, { email: m.email, firstName: a.first_name, language: a.language }, bulk) });
  });
  const languages = new Map([...accounts].map(([email, a]) => [email, a.language]));
  const links = await renderLinks(
    deps,
    scope,
    ctx,
    list.filter((m) => !out.has(m.email)),
    languages,
    linkKindOf(list),
    bulk,
  );
  for (const [email, link] of links) out.set(email, { link });
  return out;
}

export const askAnAdministrator = (email: string, locationName: string) =>
  new AppError(
    'conflict',
    `${email} is already known at ${locationName}. Ask an administrator of ${locationName} to add them to your company.`,
    undefined,
    'ask_an_administrator',
  );

/**
 * Gives each person member access at the location. Emails must be distinct; `prepared` holds each
 * one's email from `prepareInvitations`. An existing activated account gets access at once
 * (and an email saying so); a nonmember or removed customer becomes a member again; a current
 * member is skipped. What this organization entered goes on its own records, never on the
 * shared account.
 */
export async function grantMembershipsInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  list: Membership[],
  ctx: MailContext,
  prepared: Map<string, PreparedInvitation>,
): Promise<GrantResult[]> {
  const now = deps.clock.now();
  const companyIds = [...new Set(list.map((m) => m.companyId).filter((c): c is string => Boolean(c)))];
  const companyNames = new Map<string, string>();
  for (const id of companyIds) {
    const company = await companies.findCompany(trx, scope, id);
    if (!company) throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
    companyNames.set(id, company.name);
  }

  const { byEmail: accounts, created } = await users.findOrCreateAccounts(trx, now, list);
  // an account created just now has no record anywhere: only the others are looked up
  const existing = new Map(
    (
      await customers.findCustomersByUsers(
        trx,
        scope,
        list.filter((m) => !created.has(m.email)).map((m) => accounts.get(m.email)!.id),
      )
    ).map((c) => [c.user_id, c]),
  );
  const newCustomers: Customer[] = [];
  const acts: NewActivity[] = [];
  const toLink: { customerId: string; userId: string; link: PreparedLink }[] = [];
  const granted: QueuedMail[] = [];
  const results: GrantResult[] = [];
  const act = (customerId: string, kind: string, data?: Record<string, unknown>) => acts.push({ ...scope, customerId, kind, data });

  for (const m of list) {
    const u = accounts.get(m.email)!;
    const c = existing.get(u.id);
    if (c && c.type === 'member' && c.status !== 'removed') {
      results.push({ customerId: c.id, outcome: 'skipped', nameKept: false });
      continue;
    }
    // restoring a removed customer or converting a nonmember is an administrator's decision
    if (c && m.newCustomersOnly) throw askAnAdministrator(m.email, ctx.location.name);
    const activated = u.activated_at !== null;
    const status = activated ? 'active' : 'invited';
    const entered = { firstName: m.firstName, lastName: m.lastName, phone: m.phone };
    let customerId: string;
    if (c) {
      customerId = c.id;
      await customers.makeMemberInTx(
        trx,
        scope,
        customerId,
        { status, companyId: m.companyId, companyManager: m.companyManager, invitedByUserId: scope.actorUserId, entered },
        now,
      );
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
            entered,
            account: u,
            companyName: m.companyId ? companyNames.get(m.companyId)! : null,
          },
          customerId,
          now,
        ),
      );
      act(customerId, 'created', { type: 'member', source: m.source });
    }
    if (m.companyId)
      act(customerId, 'joined_company', { companyId: m.companyId, companyName: companyNames.get(m.companyId), manager: Boolean(m.companyManager) });
    if (activated) {
      act(customerId, 'access_granted', { source: m.source });
      // activated since the batch was prepared: this email is catalogue text only, quick to render here
      granted.push(
        prepared.get(m.email)?.accessGranted ??
          accessGrantedFor(deps, scope, ctx, { email: u.email, firstName: u.first_name, language: u.language }, m.source === 'mass_invitation'),
      );
    } else {
      act(customerId, 'invited', { source: m.source, email: u.email });
      const link = prepared.get(m.email)?.link;
      if (!link) throw new Error(`no prepared invitation for ${m.email}`);
      toLink.push({ customerId, userId: u.id, link });
    }
    if (m.adminPermissions) {
      await access.grantInTx(
        deps,
        trx,
        { organizationId: scope.organizationId, actorUserId: scope.actorUserId ?? '' },
        u.id,
        scope.locationId,
        m.adminPermissions,
        entered,
      );
      act(customerId, 'admin_on', { permissions: m.adminPermissions });
    }
    const nameKept = activated && (u.first_name !== m.firstName || u.last_name !== m.lastName);
    results.push({ customerId, outcome: activated ? 'access_granted' : 'invited', nameKept });
  }

  await customers.insertCustomers(trx, newCustomers);
  await activities.recordMany(trx, acts, now);
  await customers.announceCustomers(
    trx,
    scope,
    'customer.created',
    newCustomers.map((c) => c.id),
    now,
  );
  const newIds = new Set(newCustomers.map((c) => c.id));
  const changed = results.flatMap((r) => (r.outcome !== 'skipped' && r.customerId && !newIds.has(r.customerId) ? [r.customerId] : []));
  await customers.announceCustomers(trx, scope, 'customer.updated', changed, now);
  await writeLinksInTx(deps, trx, scope, toLink, linkKindOf(list));
  await enqueueMails(trx, now, deps.config.publicUrl, granted);
  return results;
}
