// Granting many people in one transaction: inserts cut to what one statement may bind, and every
// email rendered before the transaction (an account activated meanwhile still gets its own).
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import { grantMembershipsInTx, prepareInvitations, type Membership } from './grant.js';
import { mailContext } from './service.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

async function actorScope() {
  const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', org.ownerEmail).executeTakeFirstOrThrow();
  return { organizationId: org.organizationId, locationId: org.locationId, actorUserId: owner.id };
}

const person = (email: string, firstName = 'Pat'): Membership => ({
  firstName,
  lastName: 'Doe',
  email,
  phone: null,
  companyId: null,
  companyManager: false,
  source: 'mass_invitation',
});

/** How many rows each value of `column` has: a map from the value to its count. */
function tally<T>(rows: T[], key: (r: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
}

describe('granting many at once', () => {
  it('writes 2,500 people in one transaction, more than one INSERT can bind: each once, with its activities, link and email', async () => {
    const N = 2500;
    const scope = await actorScope();
    const list = Array.from({ length: N }, (_, i) => person(`p${i}@big.test`, `P${i}`));
    const mctx = await mailContext(ctx.db, scope);
    const prepared = await prepareInvitations(ctx.deps, scope, mctx, list);
    const results = await ctx.db.transaction().execute((trx) => grantMembershipsInTx(ctx.deps, trx, scope, list, mctx, prepared));
    expect(results.filter((r) => r.outcome === 'invited')).toHaveLength(N);

    const customers = await ctx.db.selectFrom('customers').select(['id', 'status']).where('source', '=', 'mass_invitation').execute();
    expect(customers).toHaveLength(N);
    expect(customers.every((c) => c.status === 'invited')).toBe(true);
    const ids = new Set(customers.map((c) => c.id));
    const acts = await ctx.db.selectFrom('activities').select(['customer_id', 'kind']).where('organization_id', '=', org.organizationId).execute();
    const ours = acts.filter((a) => ids.has(a.customer_id));
    expect(ours).toHaveLength(2 * N);
    const perKind = tally(ours, (a) => `${a.customer_id} ${a.kind}`);
    for (const id of ids) {
      expect(perKind.get(`${id} created`)).toBe(1);
      expect(perKind.get(`${id} invited`)).toBe(1);
    }
    const links = await ctx.db.selectFrom('invitations').select('customer_id').where('organization_id', '=', org.organizationId).execute();
    expect(links).toHaveLength(N);
    expect([...tally(links, (l) => l.customer_id).values()].every((n) => n === 1)).toBe(true);
    const mail = await ctx.db.selectFrom('outbox').select(['to_address', 'priority']).where('to_address', 'like', '%@big.test').execute();
    expect(mail).toHaveLength(N);
    expect(tally(mail, (m) => m.to_address).size).toBe(N);
    // bulk mail waits behind one person's mail
    expect(mail.every((m) => Number(m.priority) === 1)).toBe(true);
    expect(await ctx.db.selectFrom('users').select('id').where('email', 'like', '%@big.test').execute()).toHaveLength(N);
  });

  it('writes a chunk of 1,000 new people with one statement per table, and looks up no record for the accounts it creates', async () => {
    const scope = await actorScope();
    const list = Array.from({ length: 1000 }, (_, i) => person(`c${i}@chunk.test`, `C${i}`));
    const mctx = await mailContext(ctx.db, scope);
    const prepared = await prepareInvitations(ctx.deps, scope, mctx, list);
    const statements: string[] = [];
    const tableOf = (node: RootOperationNode): string => {
      const n = node as unknown as { into?: { table: { identifier: { name: string } } }; from?: { froms: { table: { identifier: { name: string } } }[] } };
      return n.into?.table.identifier.name ?? n.from?.froms[0]?.table.identifier.name ?? '?';
    };
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        statements.push(`${node.kind} ${tableOf(node)}`);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await ctx.db.transaction().execute((trx) => grantMembershipsInTx(ctx.deps, trx.withPlugin(counter), scope, list, mctx, prepared));
    expect(statements.sort()).toEqual(
      [
        'InsertQueryNode activities',
        'InsertQueryNode customers',
        'InsertQueryNode invitations',
        'InsertQueryNode outbox',
        'InsertQueryNode users',
        // which of the emails already have an account
        'SelectQueryNode users',
        // what integrators hear of (webhooks): the new records read back as the API answers them, and the endpoints, once each
        'SelectQueryNode customers',
        'SelectQueryNode webhook_endpoints',
      ].sort(),
    );
  });

  it('renders "you now have access" beforehand for an activated account, and still sends it to one activated meanwhile', async () => {
    const scope = await actorScope();
    const activate = (email: string) => ctx.db.updateTable('users').set({ activated_at: ctx.clock.now().toISOString() }).where('email', '=', email).execute();
    // two accounts known to another location's records; one of them activated
    const south = (
      await ctx.request({
        method: 'POST',
        url: '/api/v1/locations',
        cookie: org.ownerCookie,
        payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
      })
    ).json().location.id as string;
    for (const email of ['early@x.test', 'late@x.test']) {
      const r = await ctx.request({
        method: 'POST',
        url: `/api/v1/locations/${south}/invitations`,
        payload: { firstName: 'Sam', email },
        cookie: org.ownerCookie,
      });
      expect(r.statusCode).toBe(201);
    }
    await activate('early@x.test');

    const list = [person('early@x.test'), person('late@x.test'), person('new@x.test')];
    const mctx = await mailContext(ctx.db, scope);
    const prepared = await prepareInvitations(ctx.deps, scope, mctx, list);
    expect(prepared.get('early@x.test')).toMatchObject({ accessGranted: { to: 'early@x.test', bulk: true } });
    expect(prepared.get('early@x.test')?.link).toBeUndefined();
    expect(prepared.get('late@x.test')?.link).toBeDefined();
    // activated between the rendering and the transaction
    await activate('late@x.test');
    const results = await ctx.db.transaction().execute((trx) => grantMembershipsInTx(ctx.deps, trx, scope, list, mctx, prepared));
    expect(results.map((r) => r.outcome)).toEqual(['access_granted', 'access_granted', 'invited']);

    for (const email of ['early@x.test', 'late@x.test']) {
      const [mail] = await ctx.mailTo(email);
      expect(mail.subject).toBe('You now have access to Acme Spaces North Hall');
      expect(mail.text).not.toContain('/activate/');
    }
    expect((await ctx.mailTo('new@x.test'))[0].text).toContain('/activate/');
    const links = await ctx.db
      .selectFrom('invitations')
      .innerJoin('users', 'users.id', 'invitations.user_id')
      .select('users.email')
      .where('invitations.location_id', '=', org.locationId)
      .execute();
    expect(links.map((l) => l.email)).toEqual(['new@x.test']);
  });
});
