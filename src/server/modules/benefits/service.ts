// Benefits (design 10.1): perks an administrator with `benefits` writes, the ones a person may see (one visibility
// rule), applying (numbered per location under the benefit's lock, once or unlimited, a nonmember record for a person
// without one), approving or declining with a note, and the applications in a customer's purchase history.
import { announced } from '../../lib/announcements.js';
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as customers from '../customers/service.js';
import * as invoices from '../invoices/service.js';
import * as locations from '../locations/service.js';
import * as purchases from '../purchases/service.js';
import type { PurchaseCursor, PurchaseItem, PurchaseOwner } from '../purchases/schema.js';
import { queueAdminNotices, queueAppliedMail, queueDecisionMail } from './mail.js';
import * as q from './queries.js';
import type { ApplicationDto, BenefitDto, CreateBenefitInput, DecideInput, UpdateBenefitInput } from './schema.js';

export function toBenefitDto(b: q.BenefitRow): BenefitDto {
  return {
    id: b.id,
    locationId: b.location_id,
    title: b.title,
    description: b.description,
    provider: b.provider,
    visibility: b.visibility,
    applications: b.applications === 1,
    allowance: b.allowance,
    ctaUrl: b.cta_url,
    confirmationText: b.confirmation_text,
    createdAt: b.created_at,
    updatedAt: b.updated_at,
  };
}

export function toApplicationDto(a: q.ApplicationView): ApplicationDto {
  return {
    id: a.id,
    locationId: a.location_id,
    number: a.number,
    benefitId: a.benefit_id,
    benefitTitle: a.benefit_title,
    customerId: a.customer_id,
    applicant: { firstName: a.first_name, lastName: a.last_name, email: a.email },
    message: a.message,
    status: a.status,
    note: a.note,
    createdAt: a.created_at,
    decidedAt: a.decided_at,
  };
}

export async function createBenefit(deps: Deps, s: LocationKey, input: CreateBenefitInput): Promise<BenefitDto> {
  const now = deps.clock.now().toISOString();
  const row: q.BenefitRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    title: input.title,
    description: input.description,
    provider: input.provider,
    visibility: input.visibility,
    applications: input.applications ? 1 : 0,
    allowance: input.allowance,
    cta_url: input.ctaUrl,
    confirmation_text: input.confirmationText,
    created_at: now,
    updated_at: now,
  };
  await q.insertBenefit(deps.db, row);
  return toBenefitDto(row);
}

export async function updateBenefit(deps: Deps, s: LocationKey, id: string, input: UpdateBenefitInput): Promise<BenefitDto> {
  const b = await q.findBenefit(deps.db, s, id);
  if (!b) throw notFound('Benefit not found');
  const set: Partial<q.BenefitRow> = { updated_at: deps.clock.now().toISOString() };
  if (input.title !== undefined) set.title = input.title;
  if (input.description !== undefined) set.description = input.description;
  if (input.provider !== undefined) set.provider = input.provider;
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.applications !== undefined) set.applications = input.applications ? 1 : 0;
  if (input.allowance !== undefined) set.allowance = input.allowance;
  if (input.ctaUrl !== undefined) set.cta_url = input.ctaUrl;
  if (input.confirmationText !== undefined) set.confirmation_text = input.confirmationText;
  await q.updateBenefit(deps.db, s, id, set);
  return toBenefitDto({ ...b, ...set });
}

export async function listBenefits(deps: Deps, s: LocationKey, f: { cursor?: string; limit: number }) {
  const after = f.cursor ? decodeCursor(f.cursor, 'benefits') : null;
  const rows = await q.listBenefits(deps.db, s, { limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'benefits', (r) => r.created_at);
  return { items: page.rows.map(toBenefitDto), nextCursor: page.nextCursor };
}

/** The location of a portal request by its id (404 when there is none). */
export async function portalLocation(deps: Deps, locationId: string): Promise<Location> {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  return location;
}
const keyOf = (l: Location): LocationKey => ({ organizationId: l.organization_id, locationId: l.id });

/** The benefits a person (or a visitor, userId null) may see at the location, newest first. */
export async function visibleBenefits(deps: Deps, userId: string | null, location: Location, f: { cursor?: string; limit: number }) {
  const levels = await visibleLevels(deps, userId, location);
  const after = f.cursor ? decodeCursor(f.cursor, 'portal-benefits') : null;
  const rows = await q.listBenefits(deps.db, keyOf(location), { levels, limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'portal-benefits', (r) => r.created_at);
  return { items: page.rows.map(toBenefitDto), nextCursor: page.nextCursor };
}

/**
 * Applies for a benefit: a benefit the person may not see is 404, applications off 409
 * `applications_closed`; then, under the benefit's lock, their record (a nonmember with source
 * `purchase` when they have none), `once` already used 409 `already_applied`, the next number of the
 * location, the row, the applicant's confirmation and the administrators' notices, in one transaction.
 */
export async function apply(deps: Deps, userId: string, location: Location, benefitId: string, message: string): Promise<ApplicationDto> {
  const s = keyOf(location);
  const benefit = await q.findBenefit(deps.db, s, benefitId);
  const levels = await visibleLevels(deps, userId, location);
  if (!benefit || !levels.includes(benefit.visibility)) throw notFound('Benefit not found');
  if (benefit.applications !== 1) throw new AppError('conflict', 'Applications for this benefit are closed.', undefined, 'applications_closed');
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await q.lockBenefit(trx, deps.dbKind, s, benefitId);
    if (!locked) throw notFound('Benefit not found');
    if (locked.applications !== 1) throw new AppError('conflict', 'Applications for this benefit are closed.', undefined, 'applications_closed');
    const record = await purchases.buyerRecordInTx(deps, trx, s, { userId });
    if (locked.allowance === 'once' && (await q.hasApplied(trx, s, locked.id, record.id)))
      throw new AppError('conflict', 'You already applied for this benefit.', undefined, 'already_applied');
    const number = await invoices.takeNumber(trx, location.id, 'benefit_application', '');
    const now = deps.clock.now().toISOString();
    const row: q.ApplicationRow = {
      id,
      organization_id: s.organizationId,
      location_id: s.locationId,
      benefit_id: locked.id,
      customer_id: record.id,
      user_id: userId,
      number,
      message,
      status: 'new',
      note: '',
      decided_at: null,
      decided_by_user_id: null,
      created_at: now,
      updated_at: now,
    };
    await q.insertApplication(trx, row);
    const who = { email: record.email, first_name: record.first_name, last_name: record.last_name };
    await queueAppliedMail(deps, trx, s, location, locked, row, who);
    await queueAdminNotices(deps, trx, s, location, locked, row, who);
    const data = toApplicationDto((await q.findApplication(trx, s, id))!);
    await announced.publish(trx, {
      organizationId: s.organizationId,
      locationId: s.locationId,
      type: 'benefit_application.created',
      data,
      at: deps.clock.now(),
    });
  });
  return toApplicationDto((await q.findApplication(deps.db, s, id))!);
}

export async function listApplications(
  deps: Deps,
  s: LocationKey,
  f: { status?: q.ApplicationRow['status']; benefitId?: string; customerId?: string; cursor?: string; limit: number },
) {
  const sort = f.customerId ? 'my-applications' : 'applications';
  const after = f.cursor ? decodeCursor(f.cursor, sort) : null;
  const rows = await q.listApplications(deps.db, s, f, after);
  const page = cutPage(rows, f.limit, sort, (r) => String(r.number));
  return { items: page.rows.map(toApplicationDto), nextCursor: page.nextCursor };
}

/** The person's own applications at the location (none when they have no record there). */
export async function myApplications(deps: Deps, userId: string, location: Location, f: { cursor?: string; limit: number }) {
  const s = keyOf(location);
  const record = await customers.findCustomerByUser(deps.db, s, userId);
  if (!record || record.status === 'removed') return { items: [], nextCursor: null };
  return listApplications(deps, s, { customerId: record.id, cursor: f.cursor, limit: f.limit });
}

/** Approves or declines a new application (anything else is 409 `invalid_transition`) and emails the applicant. */
export async function decide(deps: Deps, s: ActorScope, id: string, input: DecideInput): Promise<ApplicationDto> {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  await deps.db.transaction().execute(async (trx) => {
    const a = await q.lockApplication(trx, deps.dbKind, s, id);
    if (!a) throw notFound('Application not found');
    if (a.status !== 'new') throw new AppError('conflict', 'This application was already decided.', undefined, 'invalid_transition');
    const now = deps.clock.now().toISOString();
    const set = { status: input.status, note: input.note ?? '', decided_at: now, decided_by_user_id: s.actorUserId, updated_at: now };
    await q.updateApplication(trx, s, id, set);
    const view = (await q.findApplication(trx, s, id))!;
    await queueDecisionMail(deps, trx, s, location, view.benefit_title, { ...a, ...set }, view);
  });
  return toApplicationDto((await q.findApplication(deps.db, s, id))!);
}

/**
 * The purchase-history lines of benefit applications (design 10.1): a customer's own, newest first,
 * strictly after the cursor. An application costs nothing and no company pays for one, so a company has none.
 */
export async function purchasesOf(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number): Promise<PurchaseItem[]> {
  if (!('customerId' in who)) return [];
  const rows = await q.applicationsOfCustomer(db, s, who.customerId, after, limit);
  return rows.map((r) => ({
    kind: 'benefit_application',
    id: r.id,
    title: `#${r.number} ${r.title}`,
    at: r.created_at,
    status: r.status,
    price: 0,
    credits: 0,
    dayPasses: 0,
    payer: 'personal',
  }));
}
