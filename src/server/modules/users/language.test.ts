// The person's language: saved with PATCH /me, shown in /me, and the language of every email
// Atrium writes to them (else their browser's, for the emails their own request causes).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.js';
import { sweepOnce } from '../../runtime.js';
import { codeFrom, createTestContext, linkFrom, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const setLanguage = (cookie: string, language: unknown) => ctx.request({ method: 'PATCH', url: '/api/v1/me', payload: { language }, cookie });
const invite = (payload: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/invitations`, payload, cookie: org.ownerCookie });

describe('the saved language', () => {
  it('PATCH /me saves it, /me returns it, null forgets it, and anything else is 400', async () => {
    const me0 = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie });
    expect(me0.json().user.language).toBeNull();
    const set = await setLanguage(org.ownerCookie, 'fr');
    expect(set.statusCode).toBe(200);
    expect(set.json().user.language).toBe('fr');
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie });
    expect(me.json().user).toMatchObject({ language: 'fr', firstName: 'Olivia' });
    for (const bad of ['de', 'FR', '', 3]) {
      const res = await setLanguage(org.ownerCookie, bad);
      expect(res.statusCode).toBe(400);
    }
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie })).json().user.language).toBe('fr');
    const cleared = await setLanguage(org.ownerCookie, null);
    expect(cleared.json().user.language).toBeNull();
  });

  it('a person who reads French gets the sign-in code in French', async () => {
    await setLanguage(org.ownerCookie, 'fr');
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: org.ownerEmail } });
    expect(res.statusCode).toBe(202);
    const [mail] = await ctx.mailTo(org.ownerEmail);
    expect(mail.subject).toBe('Votre code de connexion à Atrium');
    expect(mail.text).toContain('Bonjour Olivia,');
    expect(mail.text).toContain('Votre code pour vous connecter à Atrium :');
    expect(mail.text).toContain('pendant 10 minutes');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.text).not.toContain('sign in');
    // and the code works
    const signIn = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: codeFrom(mail.text) } });
    expect(signIn.statusCode).toBe(200);
  });

  it('the saved language wins over the browser', async () => {
    await setLanguage(org.ownerCookie, 'en');
    await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: org.ownerEmail }, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect((await ctx.mailTo(org.ownerEmail))[0].subject).toBe('Your Atrium sign-in code');
  });

  it('with no saved language, the browser of the request picks the code email, else English', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'pat@x.test' }, headers: { 'accept-language': 'fr-FR' } });
    const [fr] = await ctx.mailTo('pat@x.test');
    expect(fr.subject).toBe('Votre code de connexion à Atrium');
    expect(fr.text).toContain('Il n’est valable qu’une fois');
    ctx.clock.advance(HOUR);
    await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/code',
      payload: { email: 'pat@x.test' },
      headers: { 'accept-language': 'de-DE, en;q=0.8, fr;q=0.5' },
    });
    expect((await ctx.mailTo('pat@x.test'))[0].subject).toBe('Your Atrium sign-in code');
    ctx.clock.advance(HOUR);
    await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'pat@x.test' }, headers: { 'accept-language': 'de-DE' } });
    const [en] = await ctx.mailTo('pat@x.test');
    expect(en.subject).toBe('Your Atrium sign-in code');
    expect(en.text).toContain('Your code to sign in to Atrium is:');
  });

  it('a person who reads French gets the default invitation, the activation code and "you now have access" in French', async () => {
    // an account that chose French before activating (set directly: today only an activated person can choose)
    const customerId = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer.id;
    const [en] = await ctx.mailTo('pat@x.test');
    expect(en.subject).toBe('You are invited to Acme Spaces North Hall');
    await ctx.db.updateTable('users').set({ language: 'fr' }).where('email', '=', 'pat@x.test').execute();
    ctx.clock.advance(HOUR);
    const resend = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/customers/${customerId}/resend-invitation`,
      cookie: org.ownerCookie,
    });
    expect(resend.statusCode).toBeLessThan(300);
    const [fr] = await ctx.mailTo('pat@x.test');
    expect(fr.subject).toBe('Invitation à rejoindre Acme Spaces North Hall');
    expect(fr.text).toContain('Bonjour Pat,');
    expect(fr.text).toContain('Olivia Owner vous invite à devenir membre de Acme Spaces North Hall (Acme Spaces).');
    expect(fr.text).toContain('pendant 24 heures');
    expect(fr.text).toContain('Activer mon compte : http://atrium.test/activate/');
    expect(fr.html).toContain('Ou ouvrez ce lien :');
    expect(fr.text).toContain('Si vous n’attendiez pas cette invitation');

    // the activation code asked for after 24 hours is French too
    ctx.clock.advance(25 * HOUR);
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: linkFrom(fr.text).split('/activate/')[1] } });
    expect(act.json().status).toBe('code_required');
    const [code] = await ctx.mailTo('pat@x.test');
    expect(code.subject).toBe('Votre code d’activation');
    expect(code.text).toContain('Votre code pour activer votre compte :');

    // the owner, who reads French, is given member access with the account she already uses
    await setLanguage(org.ownerCookie, 'fr');
    const granted = await invite({ firstName: 'Olivia', lastName: 'Owner', email: org.ownerEmail });
    expect(granted.statusCode).toBe(201);
    const [access] = await ctx.mailTo(org.ownerEmail);
    expect(access.subject).toBe('Vous avez désormais accès à Acme Spaces North Hall');
    expect(access.text).toContain('Bonjour Olivia,');
    expect(access.text).toContain('Olivia Owner vous a donné un accès membre à Acme Spaces North Hall.');
    expect(access.text).toContain('Ouvrir Acme Spaces North Hall : http://atrium.test/');
  });

  it("an operator's own template is sent as written, with Atrium's words around it in the person's language", async () => {
    const tpl = await ctx.request({
      method: 'PUT',
      url: `/api/v1/locations/${org.locationId}/invitation-template`,
      payload: { subject: 'Welcome, {{ first_name }}', body: 'Come and see us, {{ first_name }}.' },
      cookie: org.ownerCookie,
    });
    expect(tpl.statusCode).toBe(200);
    const customerId = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer.id;
    await ctx.db.updateTable('users').set({ language: 'fr' }).where('email', '=', 'pat@x.test').execute();
    await ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/customers/${customerId}/resend-invitation`, cookie: org.ownerCookie });
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.subject).toBe('Welcome, Pat');
    expect(mail.text).toContain('Come and see us, Pat.');
    expect(mail.text).toContain('Activer mon compte : ');
    // the editor still shows the English default when reset
    const reset = await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/invitation-template`, cookie: org.ownerCookie });
    expect([200, 204]).toContain(reset.statusCode);
    const shown = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/invitation-template`, cookie: org.ownerCookie });
    expect(shown.json()).toMatchObject({ custom: false, subject: 'You are invited to {{ location_name }}' });
    expect(shown.json().body).toContain('The button works for 24 hours;');
  });

  it('the reminder of a person who reads French is French', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    await ctx.db.updateTable('users').set({ language: 'fr' }).where('email', '=', 'pat@x.test').execute();
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    const [reminder] = await ctx.mailTo('pat@x.test');
    expect(reminder.subject).toBe('Rappel : Invitation à rejoindre Acme Spaces North Hall');
    expect(reminder.text).toContain('Petit rappel : votre invitation à rejoindre Acme Spaces North Hall vous attend.');
  });

  it("a visitor's join request code follows their browser, and a decline their saved language", async () => {
    const open = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${org.locationId}`,
      cookie: org.ownerCookie,
      payload: { joinRequests: 'approval' },
    });
    expect(open.statusCode).toBe(200);
    const url = `/api/v1/locations/${org.locationId}/join-requests`;
    const asked = await ctx.request({
      method: 'POST',
      url,
      payload: { firstName: 'Vic', email: 'vic@x.test' },
      headers: { 'accept-language': 'fr-CH, en;q=0.3' },
    });
    expect(asked.statusCode).toBe(202);
    const [code] = await ctx.mailTo('vic@x.test');
    expect(code.subject).toBe('Confirmez votre adresse e-mail pour rejoindre Acme Spaces North Hall');
    expect(code.text).toContain('Bonjour Vic,');
    expect(code.text).toContain('Votre code pour confirmer votre demande pour rejoindre Acme Spaces North Hall :');

    // the administrator reads French, but the email is the visitor's: no account, no saved language, English
    await setLanguage(org.ownerCookie, 'fr');
    const confirmed = await ctx.request({ method: 'POST', url, payload: { email: 'vic@x.test', code: codeFrom(code.text) } });
    expect(confirmed.statusCode).toBe(201);
    const pending = (await ctx.request({ method: 'GET', url: `${url}?status=pending`, cookie: org.ownerCookie })).json().items;
    const declined = await ctx.request({ method: 'POST', url: `${url}/${pending[0].id}/decline`, cookie: org.ownerCookie, payload: { reason: 'Complet.' } });
    expect(declined.statusCode).toBe(200);
    const [en] = await ctx.mailTo('vic@x.test');
    expect(en.subject).toBe('Your request to join Acme Spaces North Hall');
    expect(en.text).toContain('The reason given: Complet.');
  });
});

describe("the location's language", () => {
  const setLocationLanguage = (language: unknown) =>
    ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: org.ownerCookie, payload: { language } });

  it('is English by default, set by PATCH (anything else 400), and given at setup', async () => {
    const shown = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}`, cookie: org.ownerCookie });
    expect(shown.json().location.language).toBe('en');
    for (const bad of ['de', 'FR', null]) expect((await setLocationLanguage(bad)).statusCode).toBe(400);
    const set = await setLocationLanguage('fr');
    expect(set.statusCode).toBe(200);
    expect(set.json().location.language).toBe('fr');

    const other = await createTestContext();
    try {
      const { prepareSetupLink } = await import('../setup/service.js');
      const token = new URL((await prepareSetupLink(other.deps))!).searchParams.get('token')!;
      const res = await other.request({
        method: 'POST',
        url: '/api/v1/setup',
        payload: {
          token,
          organizationName: 'Lumière',
          locationName: 'Lyon',
          timeZone: 'Europe/Paris',
          currency: 'EUR',
          country: 'FR',
          language: 'fr',
          ownerEmail: 'o@lumiere.test',
          ownerFirstName: 'Odile',
        },
      });
      expect(res.statusCode).toBe(201);
      const language = await other.db.selectFrom('locations').select('language').executeTakeFirstOrThrow();
      expect(language.language).toBe('fr');
    } finally {
      await other.close();
    }
  });

  it('a new person is invited in it, with the editor showing its default; a saved language and the browser still win', async () => {
    await setLocationLanguage('fr');
    const tpl = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/invitation-template`, cookie: org.ownerCookie });
    expect(tpl.json()).toMatchObject({ custom: false, subject: 'Invitation à rejoindre {{ location_name }}' });

    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const [fr] = await ctx.mailTo('pat@x.test');
    expect(fr.subject).toBe('Invitation à rejoindre Acme Spaces North Hall');
    expect(fr.text).toContain('Bonjour Pat,');

    // someone who chose English gets English here
    await invite({ firstName: 'Eve', email: 'eve@x.test' });
    await ctx.db.updateTable('users').set({ language: 'en' }).where('email', '=', 'eve@x.test').execute();
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    const [reminder] = await ctx.mailTo('eve@x.test');
    expect(reminder.subject).toBe('Reminder: You are invited to Acme Spaces North Hall');

    // the activation code asked from an English browser follows the browser
    ctx.clock.advance(25 * HOUR);
    const token = linkFrom(fr.text).split('/activate/')[1];
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token }, headers: { 'accept-language': 'en-GB' } });
    expect(act.json().status).toBe('code_required');
    const [code] = await ctx.mailTo('pat@x.test');
    expect(code.subject).toBe('Your activation code');
  });
});
