// Posts and pages through the API: the four visibility levels as a visitor, a member of another
// location, a member and an administrator see them; drafts and scheduled posts under a faked clock;
// the feed's order and paging; pages in the menu and by slug (409 slug_taken); hostile Markdown
// rendered inert in the HTML the portal receives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeMember, createTestContext, outsiders, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string | undefined, path: string, locationId = org.locationId) =>
  ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${locationId}${path}`, ...(cookie ? { cookie } : {}) });
const publicFeed = (locationId = org.locationId, query = '') => ctx.request({ method: 'GET', url: `/api/v1/public/locations/${locationId}/feed${query}` });

const memberAt = async (locationId: string, firstName: string, email: string) => (await activeMember(ctx, org, locationId, firstName, email)).cookie;

async function post(body: Record<string, unknown>) {
  const res = await admin('POST', '/posts', { kind: 'post', body: '', visibility: 'public', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().post as { id: string; status: string; publishedAt: string | null; bodyHtml: string; slug: string | null };
}

const titles = (res: { json: () => { items: { title: string }[] } }) => res.json().items.map((i) => i.title);

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('visibility', () => {
  it('shows each caller the levels they may see, in the feed and one by one; the rest answers 404', async () => {
    const ids: Record<string, string> = {};
    for (const visibility of ['administrators', 'location_members', 'network_members', 'public']) {
      ids[visibility] = (await post({ title: visibility, visibility })).id;
      ctx.clock.set(new Date(ctx.clock.now().getTime() + 60_000).toISOString());
    }
    const { neighbour: elsewhere, visitor: stranger } = await outsiders(ctx, org);
    const member = await memberAt(org.locationId, 'Mia', 'mia@x.test');

    // a visitor: the public feed; the portal asks them to sign in
    expect(titles(await publicFeed())).toEqual(['public']);
    expect((await portal(undefined, '/feed')).statusCode).toBe(401);
    // someone signed in with nothing at this organization sees what a visitor sees
    expect(titles(await portal(stranger, '/feed'))).toEqual(['public']);
    expect(titles(await portal(elsewhere, '/feed'))).toEqual(['public', 'network_members']);
    expect(titles(await portal(member, '/feed'))).toEqual(['public', 'network_members', 'location_members']);
    expect(titles(await portal(org.ownerCookie, '/feed'))).toEqual(['public', 'network_members', 'location_members', 'administrators']);
    // the public feed stays public whoever asks
    expect(titles(await ctx.request({ method: 'GET', url: `/api/v1/public/locations/${org.locationId}/feed`, cookie: org.ownerCookie }))).toEqual(['public']);

    const seen = async (cookie: string) => {
      const out: string[] = [];
      for (const [visibility, id] of Object.entries(ids)) {
        const res = await portal(cookie, `/posts/${id}`);
        expect([200, 404], res.body).toContain(res.statusCode);
        if (res.statusCode === 200) out.push(res.json().post.title);
        else expect(res.body).not.toContain(visibility === 'public' ? '"title"' : visibility);
      }
      return out;
    };
    expect(await seen(stranger)).toEqual(['public']);
    expect(await seen(elsewhere)).toEqual(['network_members', 'public']);
    expect(await seen(member)).toEqual(['location_members', 'network_members', 'public']);
    expect(await seen(org.ownerCookie)).toEqual(['administrators', 'location_members', 'network_members', 'public']);
  });

  it('shows each caller the pages of the levels they may see, in the menu and by address; the rest answers 404', async () => {
    const levels = ['administrators', 'location_members', 'network_members', 'public'];
    for (const visibility of levels) {
      const res = await admin('POST', '/posts', { kind: 'page', title: `Page ${visibility}`, body: 'Hello', visibility, slug: visibility.replace('_', '-') });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { neighbour: elsewhere, visitor: stranger } = await outsiders(ctx, org);
    const member = await memberAt(org.locationId, 'Mia', 'mia@x.test');
    const sees: [string, string, string[]][] = [
      ['visitor', stranger, ['public']],
      ['member of another location', elsewhere, ['network_members', 'public']],
      ['member', member, ['location_members', 'network_members', 'public']],
      ['administrator', org.ownerCookie, levels],
    ];
    for (const [who, cookie, visible] of sees) {
      const menu = (await portal(cookie, '/pages')).json().items.map((p: { slug: string }) => p.slug);
      expect(menu.sort(), who).toEqual(visible.map((v) => v.replace('_', '-')).sort());
      for (const v of levels) {
        const res = await portal(cookie, `/pages/${v.replace('_', '-')}`);
        expect(res.statusCode, `${who} opens ${v}`).toBe(visible.includes(v) ? 200 : 404);
        if (!visible.includes(v)) expect(res.body).not.toContain(`Page ${v}`);
      }
    }
    // not signed in: the portal's menu asks who is there
    expect((await portal(undefined, '/pages')).statusCode).toBe(401);
  });

  it('stops showing members-only posts to a member once removed', async () => {
    await post({ title: 'Members only', visibility: 'location_members' });
    await post({ title: 'For everyone', visibility: 'public' });
    const member = await memberAt(org.locationId, 'Mia', 'mia@x.test');
    expect(titles(await portal(member, '/feed'))).toEqual(['For everyone', 'Members only']);
    const people = (await admin('GET', '/customers?type=member')).json().items as { id: string; email: string }[];
    const mia = people.find((c) => c.email === 'mia@x.test')!;
    expect((await admin('DELETE', `/customers/${mia.id}`)).statusCode).toBe(204);
    expect(titles(await portal(member, '/feed'))).toEqual(['For everyone']);
  });

  it('answers 404 for an unknown location, and for an administrator of another organization writing here', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expect((await publicFeed(nowhere)).statusCode).toBe(404);
    expect((await portal(org.ownerCookie, '/feed', nowhere)).statusCode).toBe(404);
    const rival = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    const mine = await post({ title: 'Ours', visibility: 'administrators' });
    const hostile = (method: 'GET' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>) =>
      ctx.request({ method, url: url(path), cookie: rival.ownerCookie, ...(payload ? { payload } : {}) });
    expect((await hostile('GET', '/posts')).statusCode).toBe(404);
    expect((await hostile('PATCH', `/posts/${mine.id}`, { title: 'Taken over' })).statusCode).toBe(404);
    expect((await hostile('DELETE', `/posts/${mine.id}`)).statusCode).toBe(404);
    // their own location with our post's id
    const theirs = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${rival.locationId}/posts/${mine.id}`,
      cookie: rival.ownerCookie,
      payload: { title: 'X' },
    });
    expect(theirs.statusCode).toBe(404);
    expect((await admin('GET', `/posts/${mine.id}`)).json().post.title).toBe('Ours');
  });
});

describe('drafts and scheduled posts', () => {
  it('keeps drafts and scheduled posts out of the feed until their time, with their status for administrators', async () => {
    const now = await post({ title: 'Now' });
    expect(now).toMatchObject({ status: 'published', publishedAt: expect.stringMatching(/^2027-03-22T08:00:00\./) });
    const draft = await post({ title: 'Draft', publishedAt: null });
    expect(draft).toMatchObject({ status: 'draft', publishedAt: null });
    const later = await post({ title: 'Later', publishedAt: '2027-03-22T10:00:00+01:00' });
    expect(later).toMatchObject({ status: 'scheduled', publishedAt: '2027-03-22T09:00:00.000Z' });

    expect(titles(await publicFeed())).toEqual(['Now']);
    expect(titles(await portal(org.ownerCookie, '/feed'))).toEqual(['Now']);
    expect((await portal(org.ownerCookie, `/posts/${draft.id}`)).statusCode).toBe(404);
    expect((await portal(org.ownerCookie, `/posts/${later.id}`)).statusCode).toBe(404);
    const statuses = (await admin('GET', '/posts')).json().items.map((p: { title: string; status: string }) => `${p.title}:${p.status}`);
    expect(statuses.sort()).toEqual(['Draft:draft', 'Later:scheduled', 'Now:published']);

    ctx.clock.set('2027-03-22T09:00:00Z');
    expect(titles(await publicFeed())).toEqual(['Later', 'Now']);
    expect((await portal(org.ownerCookie, `/posts/${later.id}`)).statusCode).toBe(200);
    expect((await admin('GET', `/posts/${later.id}`)).json().post.status).toBe('published');

    // publish the draft now; unpublish the first post back to a draft
    const published = await admin('PATCH', `/posts/${draft.id}`, { publishedAt: 'now' });
    expect(published.json().post).toMatchObject({ status: 'published', publishedAt: expect.stringMatching(/^2027-03-22T09:00:00\./) });
    expect((await admin('PATCH', `/posts/${now.id}`, { publishedAt: null })).json().post.status).toBe('draft');
    expect(titles(await publicFeed())).toEqual(['Draft', 'Later']);
  });
});

describe('the feed', () => {
  it('orders pinned first, then newest first, and pages with a cursor; pages stay out of it', async () => {
    const at = (minute: number) => `2027-03-2${minute < 60 ? 0 : 1}T0${minute % 10}:00:00Z`;
    for (let i = 0; i < 7; i++) await post({ title: `P${i}`, publishedAt: at(i), pinned: i === 2 || i === 4 });
    await admin('POST', '/posts', { kind: 'page', title: 'House rules', body: 'Be kind', visibility: 'public', slug: 'house-rules' });
    const first = await publicFeed(org.locationId, '?limit=3');
    expect(titles(first)).toEqual(['P4', 'P2', 'P6']);
    const second = await publicFeed(org.locationId, `?limit=3&cursor=${first.json().nextCursor}`);
    expect(titles(second)).toEqual(['P5', 'P3', 'P1']);
    const third = await publicFeed(org.locationId, `?limit=3&cursor=${second.json().nextCursor}`);
    expect(titles(third)).toEqual(['P0']);
    expect(third.json().nextCursor).toBeNull();
    expect((await publicFeed(org.locationId, '?cursor=forged')).statusCode).toBe(400);
    const item = first.json().items[0];
    expect(item).toMatchObject({ kind: 'post', pinned: true, visibility: 'public' });
    expect(item).not.toHaveProperty('body');
  });
});

describe('pages', () => {
  it('join the menu of those who may see them, open by slug, and keep their slug unique per location', async () => {
    const rules = await admin('POST', '/posts', {
      kind: 'page',
      title: 'House rules',
      body: '**Be kind**',
      visibility: 'location_members',
      slug: 'house-rules',
    });
    expect(rules.statusCode, rules.body).toBe(201);
    await admin('POST', '/posts', { kind: 'page', title: 'About us', body: 'Hi', visibility: 'public', slug: 'about' });
    await admin('POST', '/posts', { kind: 'page', title: 'Wifi', body: 'secret', visibility: 'public', slug: 'wifi', publishedAt: null });

    const taken = await admin('POST', '/posts', { kind: 'page', title: 'Rules again', visibility: 'public', slug: 'house-rules' });
    expect([taken.statusCode, taken.json().error.reason]).toEqual([409, 'slug_taken']);
    const renamed = await admin('PATCH', `/posts/${rules.json().post.id}`, { slug: 'about' });
    expect([renamed.statusCode, renamed.json().error.reason]).toEqual([409, 'slug_taken']);
    // at the same moment: one page takes the address, the others are told it is taken
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) => admin('POST', '/posts', { kind: 'page', title: `FAQ ${i}`, visibility: 'public', slug: 'faq' })),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(racing.filter((r) => r.statusCode === 409).every((r) => r.json().error.reason === 'slug_taken')).toBe(true);
    expect((await admin('POST', '/posts', { kind: 'page', title: 'No address', visibility: 'public' })).statusCode).toBe(400);
    expect((await admin('POST', '/posts', { kind: 'post', title: 'Addressed', visibility: 'public', slug: 'x' })).statusCode).toBe(400);
    expect((await admin('POST', '/posts', { kind: 'page', title: 'Bad', visibility: 'public', slug: 'Not A Slug' })).statusCode).toBe(400);

    const member = await memberAt(org.locationId, 'Mia', 'mia@x.test');
    const stranger = (await setupOrganization(ctx, 'Rival Works', 'boss@rival.test')).ownerCookie;
    const menu = (cookie: string) => portal(cookie, '/pages').then((r) => r.json().items.map((p: { slug: string }) => p.slug));
    expect(await menu(member)).toEqual(['about', 'faq', 'house-rules']);
    expect(await menu(stranger)).toEqual(['about', 'faq']);
    const page = await portal(member, '/pages/house-rules');
    expect(page.statusCode).toBe(200);
    expect(page.json().page).toMatchObject({ kind: 'page', title: 'House rules', slug: 'house-rules' });
    expect(page.json().page.bodyHtml).toContain('<strong>Be kind</strong>');
    expect((await portal(stranger, '/pages/house-rules')).statusCode).toBe(404);
    expect((await portal(member, '/pages/wifi')).statusCode).toBe(404);
    expect((await portal(member, '/pages/nothing-here')).statusCode).toBe(404);
    expect((await portal(member, '/pages/Bad%00Slug')).statusCode).toBe(400);
    // a page is not a post
    expect((await portal(member, `/posts/${rules.json().post.id}`)).statusCode).toBe(404);

    // another location of the organization may use the same address
    const south = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    const there = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${south.json().location.id}/posts`,
      cookie: org.ownerCookie,
      payload: { kind: 'page', title: 'House rules', visibility: 'public', slug: 'house-rules' },
    });
    expect(there.statusCode, there.body).toBe(201);
  });
});

describe('editing', () => {
  it('updates, re-renders and deletes', async () => {
    const p = await post({ title: 'Hello', body: 'First' });
    const edited = await admin('PATCH', `/posts/${p.id}`, { title: 'Hello again', body: '*Second*', visibility: 'location_members', pinned: true });
    expect(edited.json().post).toMatchObject({
      title: 'Hello again',
      body: '*Second*',
      bodyHtml: '<p><em>Second</em></p>\n',
      visibility: 'location_members',
      pinned: true,
    });
    const preview = await admin('POST', '/posts/preview', { body: '# Title' });
    expect(preview.json()).toEqual({ bodyHtml: '<h1>Title</h1>\n' });
    expect((await admin('DELETE', `/posts/${p.id}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `/posts/${p.id}`)).statusCode).toBe(404);
    expect((await admin('GET', '/posts')).json().items).toEqual([]);
  });
});

describe('Markdown', () => {
  it('reaches the portal with scripts, javascript: links and image handlers inert', async () => {
    const hostile = [
      '<script>window.pwned = 1</script>',
      '[click me](javascript:alert(1)) [encoded](&#106;avascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
      '<img src=x onerror="window.pwned = 1">',
      '![x](x" onerror="window.pwned=1) ![js](javascript:alert(1))',
      '<a href="javascript:alert(1)">raw</a> <iframe src="https://evil.test"></iframe>',
      '[fine](https://example.com) [rules](/pages/house-rules) [mail](mailto:team@example.com) ![ok](https://example.com/a.png)',
    ].join('\n\n');
    await post({ title: 'Hostile', body: hostile });
    const html: string = (await publicFeed()).json().items[0].bodyHtml;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/src="\s*(javascript|data|x)/i);
    expect(html).not.toMatch(/<a href="javascript/i);
    // the raw HTML shows as text
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.pwned = 1&quot;&gt;');
    // what is allowed still works
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">fine</a>');
    expect(html).toContain('<a href="/pages/house-rules">rules</a>');
    expect(html).toContain('<a href="mailto:team@example.com">mail</a>');
    expect(html).toContain('<img src="https://example.com/a.png" alt="ok"');
  });
});
