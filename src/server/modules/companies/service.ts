// Companies: businesses that are customers of a location; their users and managers.
import type { Deps, Tx } from '../../deps.js';
import type { Company } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { normalisePhone } from '../../lib/phone.js';
import { newId } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as q from './queries.js';
import type { CompanyDto, CreateCompanyInput, UpdateCompanyInput } from './schema.js';
import type { ActorScope, MemberScope } from '../../scope.js';

export const findCompany = q.findCompany;
export const lockCompany = q.lockCompany;
export const lockCompanies = q.lockCompanies;
export const findCompanies = q.findCompanies;
export const findByNamesCaseInsensitive = q.findByNamesCaseInsensitive;
export const countCompanies = (deps: Deps, s: q.LocationKey) => q.countCompanies(deps.db, s);

export interface NewCompany {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  taxId?: string | null;
}

export async function createCompanyInTx(trx: Tx, s: q.LocationKey, c: NewCompany, now: Date): Promise<string> {
  const id = newId();
  await q.insertCompany(trx, {
    id,
    organization_id: s.organizationId,
    location_id: s.locationId,
    name: c.name,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: c.address ?? null,
    tax_id: c.taxId ?? null,
    created_at: now.toISOString(),
    deleted_at: null,
    company_users_may_spend: 0,
  });
  return id;
}

function toDto(r: q.CompanyRow): CompanyDto {
  return {
    id: r.id,
    locationId: r.location_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: r.address,
    taxId: r.tax_id,
    userCount: Number(r.user_count ?? 0),
    companyUsersMaySpend: r.company_users_may_spend === 1,
    createdAt: r.created_at,
  };
}

async function country(deps: Deps, s: q.LocationKey): Promise<string> {
  return (await locations.findLocation(deps.db, s.organizationId, s.locationId))?.country ?? 'US';
}

export async function getCompany(deps: Deps, s: q.LocationKey, id: string): Promise<CompanyDto> {
  const row = await q.findCompanyWithCount(deps.db, s, id);
  if (!row) throw notFound('Company not found');
  return toDto(row);
}

export async function listCompanies(deps: Deps, s: q.LocationKey, f: { q?: string; cursor?: string; limit: number }) {
  const rows = await q.listCompanies(deps.db, s, f, f.cursor ? decodeCursor(f.cursor, 'name') : null);
  const page = cutPage(rows, f.limit, 'name', (last) => last.name.toLowerCase());
  return { items: page.rows.map(toDto), nextCursor: page.nextCursor };
}

export async function createCompany(deps: Deps, s: ActorScope, input: CreateCompanyInput): Promise<CompanyDto> {
  const phone = normalisePhone(input.phone, await country(deps, s));
  const id = await createCompanyInTx(deps.db, s, { ...input, phone }, deps.clock.now());
  return getCompany(deps, s, id);
}

export async function updateCompany(deps: Deps, s: ActorScope, id: string, input: UpdateCompanyInput): Promise<CompanyDto> {
  const existing = await q.findCompany(deps.db, s, id);
  if (!existing) throw notFound('Company not found');
  const set: Partial<Company> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.email !== undefined) set.email = input.email ?? null;
  if (input.phone !== undefined) set.phone = normalisePhone(input.phone, await country(deps, s));
  if (input.address !== undefined) set.address = input.address ?? null;
  if (input.taxId !== undefined) set.tax_id = input.taxId ?? null;
  if (input.companyUsersMaySpend !== undefined) set.company_users_may_spend = input.companyUsersMaySpend ? 1 : 0;
  await deps.db.transaction().execute(async (trx) => {
    await q.updateCompany(trx, s, id, set);
    if (set.name !== undefined && set.name !== existing.name) await customers.refreshSearchForCompany(trx, id);
  });
  return getCompany(deps, s, id);
}

/** Deleting a company keeps its people as customers of the location. */
export async function deleteCompany(deps: Deps, s: ActorScope, id: string): Promise<void> {
  const company = await q.findCompany(deps.db, s, id);
  if (!company) throw notFound('Company not found');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const people = await q.detachPeople(trx, s, id);
    await q.updateCompany(trx, s, id, { deleted_at: now.toISOString() });
    for (const p of people) {
      await activities.record(
        trx,
        { ...s, customerId: p.id, kind: 'left_company', data: { companyId: id, companyName: company.name, reason: 'company deleted' } },
        now,
      );
      await customers.refreshSearchForCustomer(trx, p.id);
    }
  });
}

/** Adds an existing customer of the location to the company (or moves them from another). */
export async function addPerson(deps: Deps, s: ActorScope, companyId: string, customerId: string, manager: boolean): Promise<void> {
  const company = await q.findCompany(deps.db, s, companyId);
  if (!company) throw notFound('Company not found');
  const c = await customers.findCustomer(deps.db, s, customerId);
  if (!c) throw notFound('Customer not found');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (c.company_id && c.company_id !== companyId)
      await activities.record(trx, { ...s, customerId, kind: 'left_company', data: { companyId: c.company_id, companyName: c.company_name } }, now);
    await q.setMembership(trx, s, customerId, companyId, manager);
    if (c.company_id !== companyId)
      await activities.record(trx, { ...s, customerId, kind: 'joined_company', data: { companyId, companyName: company.name, manager } }, now);
    else if (Boolean(c.company_manager) !== manager)
      await activities.record(trx, { ...s, customerId, kind: manager ? 'manager_on' : 'manager_off', data: { companyId, companyName: company.name } }, now);
    await customers.refreshSearchForCustomer(trx, customerId);
  });
}

export async function setManager(deps: Deps, s: ActorScope, companyId: string, customerId: string, manager: boolean): Promise<void> {
  const c = await customers.findCustomer(deps.db, s, customerId);
  if (!c || c.company_id !== companyId) throw notFound('This person is not in this company');
  if (Boolean(c.company_manager) === manager) return;
  await deps.db.transaction().execute(async (trx) => {
    await q.setMembership(trx, s, customerId, companyId, manager);
    await activities.record(
      trx,
      { ...s, customerId, kind: manager ? 'manager_on' : 'manager_off', data: { companyId, companyName: c.company_name } },
      deps.clock.now(),
    );
  });
}

/**
 * Puts a customer into a company of the same location in the caller's transaction (a transfer's company at
 * the target), leaving the one they were in, with the activities of `addPerson`. The company was checked.
 */
export async function joinInTx(
  trx: Tx,
  s: ActorScope,
  c: { id: string; company_id: string | null; company_name: string | null },
  company: { id: string; name: string },
  manager: boolean,
  now: Date,
): Promise<void> {
  if (c.company_id === company.id) return;
  if (c.company_id)
    await activities.record(trx, { ...s, customerId: c.id, kind: 'left_company', data: { companyId: c.company_id, companyName: c.company_name } }, now);
  await q.setMembership(trx, s, c.id, company.id, manager);
  await activities.record(trx, { ...s, customerId: c.id, kind: 'joined_company', data: { companyId: company.id, companyName: company.name, manager } }, now);
  await customers.refreshSearchForCustomer(trx, c.id);
}

/** Takes a person out of the company; they stay a customer of the location. */
export async function removePerson(deps: Deps, s: ActorScope, companyId: string, customerId: string): Promise<void> {
  const c = await customers.findCustomer(deps.db, s, customerId);
  if (!c || c.company_id !== companyId) throw notFound('This person is not in this company');
  await deps.db.transaction().execute(async (trx) => {
    await q.setMembership(trx, s, customerId, null, false);
    await activities.record(trx, { ...s, customerId, kind: 'left_company', data: { companyId, companyName: c.company_name } }, deps.clock.now());
    await customers.refreshSearchForCustomer(trx, customerId);
  });
}

/** The company of a member's portal request: 404 for someone who is in none at this location. */
export function companyOfMember(s: MemberScope): string {
  if (!s.companyId) throw new AppError('not_found', 'You are not part of a company at this location');
  return s.companyId;
}
