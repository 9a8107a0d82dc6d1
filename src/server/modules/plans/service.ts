// Plans: create, edit, archive and delete (billing permission), and the plans a person may see.
import type { Deps } from '../../deps.js';
import { isForeignKeyViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { LocationKey } from '../../scope.js';
import * as locations from '../locations/service.js';
import * as q from './queries.js';
import type { CreatePlanInput, PlanDto, UpdatePlanInput } from './schema.js';

export type { PlanRow } from './queries.js';

export function toPlanDto(p: q.PlanRow, currency: string): PlanDto {
  return {
    id: p.id,
    locationId: p.location_id,
    name: p.name,
    description: p.description,
    price: p.price,
    currency,
    cycle: p.cycle,
    setupFee: p.setup_fee,
    credits: p.credits,
    dayPasses: p.day_passes,
    taxRateBps: p.tax_rate_bps,
    visibility: p.visibility,
    selfSignUp: p.self_sign_up === 1,
    archived: p.archived_at !== null,
    createdAt: p.created_at,
  };
}

async function currencyOf(deps: Deps, s: LocationKey): Promise<string> {
  const l = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!l) throw notFound('Location not found');
  return l.currency;
}

/** Self sign-up opens a plan to people, so it needs a level broader than administrators (design 7.1). */
function checkSelfSignUp(visibility: q.PlanRow['visibility'], selfSignUp: boolean): void {
  if (selfSignUp && visibility === 'administrators')
    throw new AppError(
      'unprocessable',
      'Self sign-up needs a plan that members can see.',
      [{ path: 'visibility', message: 'Broader than administrators' }],
      'invalid_visibility',
    );
}

export async function createPlan(deps: Deps, s: LocationKey, input: CreatePlanInput): Promise<PlanDto> {
  checkSelfSignUp(input.visibility, input.selfSignUp);
  const now = deps.clock.now().toISOString();
  const row: q.PlanRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    name: input.name,
    description: input.description,
    price: input.price,
    cycle: input.cycle,
    setup_fee: input.setupFee,
    credits: input.credits,
    day_passes: input.dayPasses,
    tax_rate_bps: input.taxRateBps,
    visibility: input.visibility,
    self_sign_up: input.selfSignUp ? 1 : 0,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await q.insertPlan(deps.db, row);
  return toPlanDto(row, await currencyOf(deps, s));
}

export async function updatePlan(deps: Deps, s: LocationKey, id: string, input: UpdatePlanInput): Promise<PlanDto> {
  const p = await q.findPlan(deps.db, s, id);
  if (!p) throw notFound('Plan not found');
  checkSelfSignUp(input.visibility ?? p.visibility, input.selfSignUp ?? p.self_sign_up === 1);
  const set: Partial<q.PlanRow> = { updated_at: deps.clock.now().toISOString() };
  if (input.name !== undefined) set.name = input.name;
  if (input.description !== undefined) set.description = input.description;
  if (input.price !== undefined) set.price = input.price;
  if (input.cycle !== undefined) set.cycle = input.cycle;
  if (input.setupFee !== undefined) set.setup_fee = input.setupFee;
  if (input.credits !== undefined) set.credits = input.credits;
  if (input.dayPasses !== undefined) set.day_passes = input.dayPasses;
  if (input.taxRateBps !== undefined) set.tax_rate_bps = input.taxRateBps;
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.selfSignUp !== undefined) set.self_sign_up = input.selfSignUp ? 1 : 0;
  if (input.archived !== undefined) set.archived_at = input.archived ? (p.archived_at ?? deps.clock.now().toISOString()) : null;
  await q.updatePlan(deps.db, s, id, set);
  return toPlanDto({ ...p, ...set }, await currencyOf(deps, s));
}

/** Deletes a plan never sold; one with subscriptions is kept (409 `plan_in_use`): archive it instead. */
export async function deletePlan(deps: Deps, s: LocationKey, id: string): Promise<void> {
  if (!(await q.findPlan(deps.db, s, id))) throw notFound('Plan not found');
  try {
    await q.deletePlan(deps.db, s, id);
  } catch (err) {
    // the subscriptions' foreign key refuses it, also for a sale made a moment ago
    if (isForeignKeyViolation(err)) throw new AppError('conflict', 'This plan was sold: archive it instead.', undefined, 'plan_in_use');
    throw err;
  }
}

export async function listPlans(deps: Deps, s: LocationKey, f: { archived?: 'true' | 'false'; limit: number; cursor?: string }) {
  const after = f.cursor ? decodeCursor(f.cursor, 'plans') : null;
  const rows = await q.listPlans(deps.db, s, { archived: f.archived === undefined ? undefined : f.archived === 'true', limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'plans', (r) => r.name);
  const currency = await currencyOf(deps, s);
  return { items: page.rows.map((r) => toPlanDto(r, currency)), nextCursor: page.nextCursor };
}

/** A plan to sell: it must exist here and not be archived (422 `plan_archived`). */
export async function planForSale(deps: Deps, s: LocationKey, id: string): Promise<q.PlanRow> {
  const p = await q.findPlan(deps.db, s, id);
  if (!p) throw notFound('Plan not found');
  if (p.archived_at) throw new AppError('unprocessable', 'This plan is archived and sells nothing.', undefined, 'plan_archived');
  return p;
}

export const findPlan = q.findPlan;
export const plansVisibleAt = q.plansVisibleAt;
