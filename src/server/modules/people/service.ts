// The Users page (design 11.1): every account the organization holds through a customer record, an
// administrator grant or its ownership, with its locations, activity and blacklist mark.
import type { Deps } from '../../deps.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import type { OrganizationScope } from '../../scope.js';
import * as q from './queries.js';
import type { ListUsersQuery, OrganizationUserDto } from './schema.js';

const SORT = 'email';

export async function listUsers(
  deps: Deps,
  scope: OrganizationScope,
  query: ListUsersQuery,
): Promise<{ items: OrganizationUserDto[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, SORT) : null;
  const blacklisted = query.blacklisted === undefined ? undefined : query.blacklisted === 'true';
  const rows = await q.listAccounts(deps.db, scope.organizationId, { q: query.q, blacklisted }, after, query.limit);
  const page = cutPage(rows, query.limit, SORT, (r) => r.email);
  const ids = page.rows.map((r) => r.id);
  const [records, grants, ownerId, entries] = await Promise.all([
    q.recordsOf(deps.db, scope.organizationId, ids),
    q.grantsOf(deps.db, scope.organizationId, ids),
    q.ownerOf(deps.db, scope.organizationId),
    q.entriesFor(
      deps.db,
      scope.organizationId,
      page.rows.map((r) => r.email),
    ),
  ]);
  const entryByEmail = new Map(entries.map((e) => [e.email, e.id]));
  const items = page.rows.map((u): OrganizationUserDto => {
    const own = records.filter((r) => r.user_id === u.id);
    const granted = grants.filter((g) => g.user_id === u.id);
    const owner = u.id === ownerId;
    // before activation the names this organization entered are the ones it shows
    const entered = own[0] ?? granted[0];
    const names = u.activated_at || !entered ? { first: u.first_name, last: u.last_name } : { first: entered.first_name, last: entered.last_name };
    const entryId = entryByEmail.get(u.email) ?? null;
    return {
      id: u.id,
      email: u.email,
      firstName: names.first,
      lastName: names.last,
      activated: u.activated_at !== null,
      createdAt: u.created_at,
      lastActiveAt: u.last_active_at,
      blacklisted: entryId !== null,
      blacklistEntryId: entryId,
      owner,
      administrator: granted.length > 0,
      removedOnly: !owner && granted.length === 0 && own.length > 0 && own.every((r) => r.status === 'removed'),
      locations: [...own]
        .sort((a, b) => a.location_name.localeCompare(b.location_name) || a.location_id.localeCompare(b.location_id))
        .map((r) => ({ locationId: r.location_id, name: r.location_name, customerId: r.id, type: r.type, status: r.status })),
    };
  });
  return { items, nextCursor: page.nextCursor };
}
