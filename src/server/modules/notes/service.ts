// Notes that administrators keep on a customer profile.
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { newId } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import * as q from './queries.js';
import type { AdminScope } from '../../scope.js';

async function customerKey(deps: Deps, s: AdminScope, customerId: string): Promise<q.CustomerKey> {
  if (!(await customers.findCustomer(deps.db, s, customerId))) throw notFound('Customer not found');
  return { organizationId: s.organizationId, locationId: s.locationId, customerId };
}

export async function list(deps: Deps, s: AdminScope, customerId: string) {
  const rows = await q.listNotes(deps.db, await customerKey(deps, s, customerId));
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    author: { id: r.author_user_id, name: `${r.first_name} ${r.last_name}`.trim() },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function add(deps: Deps, s: AdminScope, customerId: string, body: string) {
  const k = await customerKey(deps, s, customerId);
  const id = newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.insertNote(trx, k, { id, authorUserId: s.actorUserId, body, now: now.toISOString() });
    await activities.record(trx, { ...s, customerId, kind: 'note_added', data: { noteId: id } }, now);
  });
  return (await list(deps, s, customerId)).find((n) => n.id === id)!;
}

export async function edit(deps: Deps, s: AdminScope, customerId: string, noteId: string, body: string) {
  const k = await customerKey(deps, s, customerId);
  if (!(await q.updateNote(deps.db, k, noteId, body, deps.clock.now().toISOString()))) throw notFound('Note not found');
  return (await list(deps, s, customerId)).find((n) => n.id === noteId)!;
}

export async function remove(deps: Deps, s: AdminScope, customerId: string, noteId: string): Promise<void> {
  const k = await customerKey(deps, s, customerId);
  if (!(await q.deleteNote(deps.db, k, noteId))) throw notFound('Note not found');
}
