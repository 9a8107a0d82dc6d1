// Invitation lifecycle: invite, activate within 24 hours or by code, remind at 3 days, resend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.js';
import { sweepOnce } from '../../runtime.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const invite = (payload: Record<string, unknown>, cookie = org.ownerCookie, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: `/api/v1/locations/${locationId}/invitations`, payload, cookie });

const tokenOf = (link: string) => link.split('/activate/')[1];

describe('invite and activate', () => {
  it('invites, and the link within 24 hours signs in and activates', async () => {
    const res = await invite({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test', phone: '06 12 34 56 78' });
    expect(res.statusCode).toBe(201);
    expect(res.json().customer).toMatchObject({ status: 'invited', type: 'member', phone: '+33612345678', email: 'pat@x.test' });
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.text).toContain('Activate my account');
    const link = linkFrom(mail.text);
    expect(link.startsWith('http://atrium.test/activate/')).toBe(true);
    ctx.clock.advance(23 * HOUR);
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(act.statusCode).toBe(200);
    expect(act.json().status).toBe('signed_in');
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: sessionCookie(act) });
    expect(me.json().memberships[0]).toMatchObject({ locationId: org.locationId, status: 'active', type: 'member' });
    const again = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(again.json().status).toBe('sign_in_required');
  });

  it('after 24 hours asks for a code, and the code signs in', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const link = linkFrom((await ctx.mailTo('pat@x.test'))[0].text);
    ctx.clock.advance(25 * HOUR);
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(act.json()).toMatchObject({ status: 'code_required', email: 'pat@x.test' });
    const code = codeFrom((await ctx.mailTo('pat@x.test'))[0].text);
    const v = await ctx.request({ method: 'POST', url: '/api/v1/activation/verify', payload: { token: tokenOf(link), code } });
    expect(v.statusCode).toBe(200);
    expect(v.json().status).toBe('signed_in');
  });

  it('sends one reminder at 3 days, never twice', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const mails = await ctx.mailTo('pat@x.test');
    expect(mails.filter((m) => m.subject.startsWith('Reminder')).length).toBe(1);
  });

  it('409 when already a member', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const res = await invite({ firstName: 'Pat', email: ' PAT@x.test ' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('already a member');
  });
});
