// Transfer in one step (design 11.1): a customer of one location gets a record at another location of the
// same organization (source `transfer`), their personal subscriptions are kept, ended or canceled, the old
// record is kept, made a nonmember or removed, both records get an activity naming the other side, and the
// person gets exactly one email: the target's invitation or "you now have access" for a member, a short
// note naming the new location for a nonmember. Balances, invoices and history stay where they were.
// Above customers, companies, invitations, membership and subscriptions: it calls their services.
import { isUniqueViolation } from '../../db/database.js';
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { announced } from '../../lib/announcements.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import type { AdminScope, LocationKey } from '../../scope.js';
import * as activities from '../activities/service.js';
import * as companies from '../companies/service.js';
import type { CustomerDto } from '../customers/schema.js';
import * as customers from '../customers/service.js';
import type { CustomerRow } from '../customers/service.js';
import * as invitations from '../invitations/service.js';
import * as locations from '../locations/service.js';
import * as membership from '../membership/service.js';
import * as subscriptions from '../subscriptions/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import type { TransferInput } from './schema.js';

const m = catalogue('transfers', messages);

const alreadyCustomer = (type: string, locationName: string) =>
  new AppError('conflict', `This person is already a ${type} of ${locationName}.`, undefined, 'already_customer');
const removedCustomer = () => new AppError('conflict', 'This customer was removed: restore them before transferring them.', undefined, 'invalid_state');

/**
 * Whether the person's record at the target (if any) allows the transfer: a removed one is restored, a
 * nonmember becomes a member; the same type, or a nonmember transfer onto a member, answers 409.
 */
function checkTarget(existing: CustomerRow | undefined, type: TransferInput['type'], locationName: string): void {
  if (!existing || existing.status === 'removed') return;
  if (type === 'nonmember' || existing.type === 'member') throw alreadyCustomer(existing.type, locationName);
}

async function mustFind(db: Tx, s: LocationKey, id: string): Promise<CustomerRow> {
  const c = await customers.findCustomer(db, s, id);
  if (!c) throw notFound('Customer not found');
  return c;
}

/** What ending the customer's personal subscriptions would take away, each as the transfer would end it. */
export async function preview(deps: Deps, from: AdminScope, customerId: string, mode: subscriptions.EndMode) {
  await mustFind(deps.db, from, customerId);
  return { items: await subscriptions.personalOffboarding(deps, from, customerId, mode) };
}

/** POST .../customers/:customerId/transfer. `to` is the caller's scope at the target, with `customers` there. */
export async function transfer(
  deps: Deps,
  from: AdminScope,
  to: AdminScope,
  customerId: string,
  input: TransferInput,
): Promise<{ from: CustomerDto; to: CustomerDto }> {
  const c = await mustFind(deps.db, from, customerId);
  if (input.oldCustomer === 'remove' && input.endSubscriptions !== 'now')
    throw new AppError(
      'unprocessable',
      'Removing the old record ends its subscriptions now: choose to end them now.',
      [{ path: 'endSubscriptions', message: 'Must be "now" to remove the old record' }],
      'remove_needs_end_now',
    );
  if (c.status === 'removed') throw removedCustomer();
  const [fromLocation, ctx] = await Promise.all([locations.findLocation(deps.db, from.organizationId, from.locationId), invitations.mailContext(deps.db, to)]);
  if (!fromLocation) throw notFound('Location not found');
  const target = ctx.location;
  const company = input.companyId ? await companies.findCompany(deps.db, to, input.companyId) : null;
  if (input.companyId && !company) throw notFound('Company not found');
  if (target.id === fromLocation.id) throw alreadyCustomer(c.type, target.name);
  if (input.oldCustomer === 'remove') await membership.checkRemovable(deps.db, from, c);
  const known = await customers.findCustomerByUser(deps.db, to, c.user_id);
  checkTarget(known, input.type, target.name);

  // a member's email is rendered before the transaction (an operator's template may be slow)
  // no company asked: a record converted at the target keeps the company it has
  const live = known && known.status !== 'removed' ? known : undefined;
  const grant: invitations.Membership = {
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    phone: c.phone,
    companyId: input.companyId,
    companyManager: Boolean(input.companyId && live?.company_id === input.companyId && live.company_manager),
    source: 'transfer',
  };
  const prepared = input.type === 'member' ? await invitations.prepareInvitations(deps, to, ctx, [grant]) : null;
  const now = deps.clock.now();

  try {
    return await deps.db.transaction().execute(async (trx) => {
      // decided on the record as it is now: of identical transfers at once, one goes through
      await customers.lockCustomer(trx, deps.dbKind, from, c.id);
      const current = await customers.findCustomer(trx, from, c.id);
      if (!current || current.status === 'removed') throw removedCustomer();
      const existing = await customers.findCustomerByUser(trx, to, current.user_id);
      checkTarget(existing, input.type, target.name);

      let targetId: string;
      if (prepared) {
        targetId = (await invitations.grantMembershipInTx(deps, trx, to, grant, ctx, prepared)).customerId;
      } else {
        targetId = await addNonmemberInTx(trx, to, current, existing, now);
        if (company) await companies.joinInTx(trx, to, (await customers.findCustomer(trx, to, targetId))!, company, false, now);
        await queueNonmemberMail(deps, trx, to, ctx, current, fromLocation.name);
      }

      let ended = { ending: 0, canceled: 0 };
      if (input.endSubscriptions !== 'keep') ended = await subscriptions.endPersonalSubscriptionsInTx(deps, trx, from, current.id, input.endSubscriptions);
      // read again: a canceled subscription may have made them a nonmember (the location's auto-remove)
      const old = (await customers.findCustomer(trx, from, current.id))!;
      if (input.oldCustomer === 'nonmember') await membership.makeNonmemberInTx(deps, trx, from, old, 'transfer');
      if (input.oldCustomer === 'remove') await membership.endAccessInTx(deps, trx, from, old);

      await activities.record(
        trx,
        {
          ...from,
          customerId: current.id,
          kind: 'transferred_out',
          data: {
            toLocationId: target.id,
            toLocationName: target.name,
            toCustomerId: targetId,
            type: input.type,
            endSubscriptions: input.endSubscriptions,
            oldCustomer: input.oldCustomer,
            subscriptionsEnding: ended.ending,
            subscriptionsCanceled: ended.canceled,
          },
        },
        now,
      );
      await activities.record(
        trx,
        {
          ...to,
          customerId: targetId,
          kind: 'transferred_in',
          data: { fromLocationId: fromLocation.id, fromLocationName: fromLocation.name, fromCustomerId: current.id },
        },
        now,
      );
      const answer = {
        from: customers.toCustomerDto((await customers.findCustomer(trx, from, current.id))!),
        to: customers.toCustomerDto((await customers.findCustomer(trx, to, targetId))!),
      };
      await announced.publish(trx, { organizationId: from.organizationId, locationId: from.locationId, type: 'customer.transferred', data: answer, at: now });
      return answer;
    });
  } catch (err) {
    // two transfers of one person to the same location at once: the second finds the record taken
    if (isUniqueViolation(err)) throw alreadyCustomer(input.type, target.name);
    throw err;
  }
}

/** The nonmember record at the target: a removed one is restored as a nonmember, else a new one (source `transfer`). */
async function addNonmemberInTx(trx: Tx, to: AdminScope, person: CustomerRow, existing: CustomerRow | undefined, now: Date): Promise<string> {
  if (existing) {
    await customers.updateCustomer(trx, to, existing.id, { type: 'nonmember', status: 'active', previous_type: null, removed_at: null, invited_at: null });
    await customers.refreshSearchForCustomer(trx, existing.id);
    await activities.record(trx, { ...to, customerId: existing.id, kind: 'restored', data: { type: 'nonmember' } }, now);
    return existing.id;
  }
  const account = await users.findUserById(trx, person.user_id);
  if (!account) throw notFound('Customer not found');
  return customers.addCustomerInTx(
    trx,
    to,
    {
      userId: person.user_id,
      type: 'nonmember',
      status: 'active',
      source: 'transfer',
      entered: { firstName: person.first_name, lastName: person.last_name, phone: person.phone },
      account,
      companyName: null,
    },
    now,
    to.actorUserId,
  );
}

/** The one email of a nonmember transfer: it names the new location (no invitation link: nothing to activate). */
async function queueNonmemberMail(deps: Deps, trx: Tx, to: AdminScope, ctx: invitations.MailContext, person: CustomerRow, fromLocationName: string) {
  const account = await users.findUserById(trx, person.user_id);
  const lang = languageFor(account?.language, undefined, ctx.location);
  const vars = {
    location_name: ctx.location.name,
    from_location_name: fromLocationName,
    organization_name: ctx.organizationName,
    inviter_name: ctx.inviterName ?? ctx.organizationName,
  };
  const mail = renderLayout(
    lang,
    {
      greeting: greeting(lang, account?.activated_at ? account.first_name : person.first_name),
      paragraphs: [m(lang, 'nonmemberBody', vars)],
      button: { label: m(lang, 'openButton', vars), url: publicLink(deps, '/') },
    },
    organizations.mailBrand(deps, ctx.organization, ctx.location),
  );
  await queueMail(deps, trx, { organizationId: to.organizationId, to: person.email, subject: m(lang, 'nonmemberSubject', vars), ...mail });
}
