// The member lifecycle as people meet it in the portal, in Chromium against the real server: activation by link
// (at once, and a day later with a code), someone else's session, a visitor's join request confirmed by code and
// approved, removal, company self-service, the location switcher of a member of two locations, and the portal in
// French for a browser that asks for it. Links and codes are read from the admin Mailbox page.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ageInvitations,
  artifact,
  callApi,
  callApiExpecting,
  codeFromMailbox,
  field,
  launchBrowserWithPage,
  openMail,
  printFailureContext,
  screenshotPages,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
  setUpByApi,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Harbor Docks';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const BEN = { firstName: 'Ben', lastName: 'Brun', email: 'ben.brun@example.com' };
const CLEO = { firstName: 'Cleo', lastName: 'Caron', email: 'cleo.caron@example.com' };
const DANA = { firstName: 'Dana', lastName: 'Dumas', email: 'dana.dumas@example.com' };
const ELI = { firstName: 'Eli', lastName: 'Empis', email: 'eli.empis@example.com' };
const FAY = { firstName: 'Fay', lastName: 'Fournier', email: 'fay.fournier@example.com' };
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
const people: Browser[] = [];
let problems: string[] = [];
let locationId = '';
let secondLocationId = '';
let benCustomerId = '';
/** The company manager's phone, kept for the location switcher at the end. */
let dana: Page;

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  for (const [i, person] of people.entries()) await screenshotPages(person.context, `${name} person ${i + 1}`);
  printFailureContext(server, problems);
});

/** An API call as the owner (their browser's session cookie and the Origin the server requires) that must answer `status`; its body. */
const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

/** A new person on a phone: a browser with a fresh profile (no cookies), 390x844, in English unless `locale` says otherwise. */
async function newPerson(locale?: string): Promise<Page> {
  const { browser, page } = await launchBrowserWithPage(problems, { locale });
  people.push(browser);
  await page.setViewportSize(PHONE);
  return page;
}

async function shot(p: Page, name: string) {
  // Let notifications and transitions settle so the picture shows what a person sees; from the top, so the fixed
  // header and bottom navigation sit where a person sees them in a full-page picture.
  await p.waitForTimeout(400);
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: artifact(name), fullPage: true });
}

/** The "Activate my account" link of the newest invitation to `email`, read on the owner's Mailbox page. */
async function activationLink(email: string, subject = `You are invited to ${LOCATION}`): Promise<string> {
  const body = await openMail(owner, server, email, subject);
  expect(body).toContain('Activate my account:');
  const link = owner.getByRole('article').getByRole('link', { name: /\/activate\// });
  const href = await link.getAttribute('href');
  if (!href?.startsWith(`${server.url}/activate/`)) throw new Error(`no activation link in the message:\n${body}`);
  return href;
}

async function expectSignedInHome(p: Page, location: string) {
  await p.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
  await p.getByTestId('membership').filter({ hasText: location }).waitFor();
}

describe('portal lifecycle: activation, join requests, removal, company self-service', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'lifecycle-portal-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    for (const person of people) await person.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup: the owner creates the organization (API from the setup link) and is signed in', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    expect(locationId).toBeTruthy();
  });

  step('(a) an invited person opens the link from the Mailbox page in a fresh browser and lands signed in', async () => {
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, ANA, 201);
    const link = await activationLink(ANA.email);

    // The owner clicking it by mistake: signed in as someone else, the page asks to sign out first and spends nothing.
    await owner.setViewportSize(PHONE);
    await owner
      .getByRole('article')
      .getByRole('link', { name: /\/activate\// })
      .click();
    await owner.getByRole('heading', { name: 'This invitation is for someone else' }).waitFor();
    await owner.getByText(`You are signed in as ${OWNER.email}.`).waitFor();
    await shot(owner, 'activation-someone-else.png');
    await owner.setViewportSize({ width: 1280, height: 800 });

    const ana = await newPerson();
    await ana.goto(link);
    await expectSignedInHome(ana, LOCATION);
    await ana.getByText(`Welcome to ${LOCATION}. Your account is active.`).waitFor();
    await expect.poll(() => ana.getByTestId('membership').innerText()).toContain('Active');
    expect(new URL(ana.url()).pathname).toBe('/');
    await shot(ana, 'activation-signed-in.png');

    // The link is spent: opened again in another fresh browser, it leads to sign-in with the email filled in.
    const other = await newPerson();
    await other.goto(link);
    await other.getByRole('heading', { name: 'Your account is already active' }).waitFor();
    await other.getByText(`Sign in as ${ANA.email} to continue`).waitFor();
    await other.getByRole('button', { name: 'Send me a sign-in code' }).waitFor();
    await shot(other, 'activation-already-active.png');

    // A link that leads nowhere (withdrawn, email changed, cut short) says so and offers the way in.
    await other.goto(`${server.url}/activate/${'x'.repeat(43)}`);
    await other.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await other.getByRole('link', { name: 'Sign in with your email' }).waitFor();
    await shot(other, 'activation-dead.png');
    await people.pop()!.close();
  });

  step('(b) a link 25 hours old asks for a code; the code from the Mailbox page signs in', async () => {
    const invited = await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, BEN, 201);
    benCustomerId = invited.customer.id;
    const link = await activationLink(BEN.email);
    expect(await ageInvitations(server, BEN.email, 25)).toBe(1);

    const ben = await newPerson();
    await ben.goto(link);
    await ben.getByRole('heading', { name: 'Confirm your email' }).waitFor();
    await ben.getByText(`we sent you a code at ${BEN.email}`).waitFor();
    await shot(ben, 'activation-code.png');

    // A wrong code first: the message sits under the field, and the page stays.
    await field(ben, 'Code').pressSequentially('000000');
    await ben.getByText('This code is wrong or has expired').waitFor();

    const code = await codeFromMailbox(owner, server, BEN.email, 'Your activation code');
    await field(ben, 'Code').fill('');
    await field(ben, 'Code').pressSequentially(code); // submits itself at the sixth digit
    await expectSignedInHome(ben, LOCATION);
    await ben.getByText(`Welcome to ${LOCATION}. Your account is active.`).waitFor();
  });

  step('(c) a visitor asks to join, confirms the email with a code, and the approval sends the invitation', async () => {
    const visitor = await newPerson();
    await visitor.goto(`${server.url}/join/${locationId}`);
    await visitor.getByText(`${LOCATION} does not accept requests to join`).waitFor();
    await shot(visitor, 'join-closed.png');

    await ownerApiOk('PATCH', `/locations/${locationId}`, { joinRequests: 'approval' }, 200);
    await visitor.reload();
    await visitor.getByRole('heading', { name: `Join ${LOCATION}` }).waitFor();
    await shot(visitor, 'join-form.png');
    await field(visitor, 'First name').fill(CLEO.firstName);
    await field(visitor, 'Last name').fill(CLEO.lastName);
    await field(visitor, 'Email').fill(CLEO.email);
    await visitor.getByRole('button', { name: 'Continue' }).click();
    await visitor.getByText(`We sent a code to ${CLEO.email} to confirm it is yours.`).waitFor();
    await shot(visitor, 'join-code.png');

    const code = await codeFromMailbox(owner, server, CLEO.email, `Confirm your email to join ${LOCATION}`);
    await field(visitor, 'Code').fill(code); // a pasted code submits itself too
    await visitor.getByText('Your request was sent. An administrator will review it.').waitFor();
    await shot(visitor, 'join-sent.png');
    // The visitor is not signed in by asking.
    expect(await visitor.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);

    const { items } = await ownerApiOk<{ items: { id: string; email: string }[] }>(
      'GET',
      `/locations/${locationId}/join-requests?status=pending`,
      undefined,
      200,
    );
    const request = items.find((r) => r.email === CLEO.email);
    expect(request).toBeTruthy();
    await ownerApiOk('POST', `/locations/${locationId}/join-requests/${request!.id}/approve`, undefined, 200);

    // The invitation arrives; its link signs Cleo in as a member.
    const link = await activationLink(CLEO.email);
    await visitor.goto(link);
    await expectSignedInHome(visitor, LOCATION);

    // Signed in, asking to join another location is one button.
    const created = await ownerApiOk<{ location: { id: string } }>(
      'POST',
      '/locations',
      { name: 'Harbor Annex', address: '', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
      201,
    );
    secondLocationId = created.location.id;
    await ownerApiOk('PATCH', `/locations/${secondLocationId}`, { joinRequests: 'approval' }, 200);
    await visitor.goto(`${server.url}/join/${secondLocationId}`);
    await visitor.getByText(`You are signed in as ${CLEO.email}.`).waitFor();
    await visitor.getByRole('button', { name: 'Request to join Harbor Annex' }).click();
    await visitor.getByText('Your request was sent. An administrator will review it.').waitFor();
    await shot(visitor, 'join-signed-in-sent.png');
    const pending = await ownerApiOk<{ items: { email: string }[] }>('GET', `/locations/${secondLocationId}/join-requests?status=pending`, undefined, 200);
    expect(pending.items.map((r) => r.email)).toContain(CLEO.email);
  });

  step("(d) an administrator removes a member; the member's next portal load shows no access there", async () => {
    const ben = people[1].context.pages()[0];
    await expectSignedInHome(ben, LOCATION);
    const res = await callApi(owner, server, 'DELETE', `/locations/${locationId}/customers/${benCustomerId}`);
    expect(res.status).toBe(204);
    await ben.reload();
    await ben.getByText(`You no longer have access to ${LOCATION}`).waitFor();
    expect(await ben.getByTestId('membership').count()).toBe(0);
    await shot(ben, 'home-removed.png');
  });

  step('(e) a company manager edits the company phone; a company user invites a colleague', async () => {
    const { company } = await ownerApiOk<{ company: { id: string } }>(
      'POST',
      `/locations/${locationId}/companies`,
      { name: 'Acme Studio', email: 'office@acme.example', address: '3 Rue Sainte-Catherine\n33000 Bordeaux' },
      201,
    );
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, { ...DANA, companyId: company.id, companyManager: true }, 201);
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, { ...ELI, companyId: company.id, companyManager: false }, 201);
    const danaLink = await activationLink(DANA.email);
    const eliLink = await activationLink(ELI.email);

    // The manager: from home to the company page, edit the phone.
    dana = await newPerson();
    await dana.goto(danaLink);
    await expectSignedInHome(dana, LOCATION);
    await dana.getByRole('link', { name: 'Acme Studio: company page' }).click();
    await dana.getByRole('heading', { name: 'Acme Studio', level: 1 }).waitFor();
    await expect.poll(() => dana.getByTestId('company-person').count()).toBe(2);
    // on a phone Company is under "More", which shows the page as current
    const more = dana.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'More', exact: true });
    await expect.poll(() => more.getAttribute('aria-current')).toBe('true');
    await shot(dana, 'company-manager.png');
    await dana.getByRole('button', { name: 'Edit details' }).click();
    await field(dana, 'Phone').fill('05 56 12 34 56');
    await shot(dana, 'company-edit.png');
    await dana.getByRole('button', { name: 'Save details' }).click();
    await dana.getByText('Company details saved').waitFor();
    await dana.getByText('05 56 12 34 56').waitFor();
    const saved = await ownerApiOk<{ company: { phone: string } }>('GET', `/locations/${locationId}/companies/${company.id}`, undefined, 200);
    expect(saved.company.phone).toBe('+33556123456');

    // A company user: no edit controls; invites a colleague, who appears as invited.
    const eli = await newPerson();
    await eli.goto(eliLink);
    await expectSignedInHome(eli, LOCATION);
    await eli.goto(`${server.url}/company/${locationId}`);
    await eli.getByRole('heading', { name: 'Acme Studio', level: 1 }).waitFor();
    await eli.getByText('05 56 12 34 56').waitFor();
    expect(await eli.getByRole('button', { name: 'Edit details' }).count()).toBe(0);
    expect(await eli.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await eli.getByRole('button', { name: 'Invite a colleague' }).click();
    // Someone already in the location: the reason under the email.
    await field(eli, 'First name').fill(ANA.firstName);
    await field(eli, 'Email').fill(ANA.email);
    await eli.getByRole('button', { name: 'Send invitation' }).click();
    await eli.getByText(`${ANA.email} is already a member of ${LOCATION}`).waitFor();
    await field(eli, 'First name').fill(FAY.firstName);
    await field(eli, 'Last name').fill(FAY.lastName);
    await field(eli, 'Email').fill(FAY.email);
    await shot(eli, 'company-invite.png');
    await eli.getByRole('button', { name: 'Send invitation' }).click();
    await eli.getByText(`Invitation sent to ${FAY.email}`).waitFor();
    await eli.getByTestId('company-person').filter({ hasText: FAY.email }).waitFor();
    await shot(eli, 'company-user.png');
    await activationLink(FAY.email);

    // The manager removes the new colleague from the company, after confirming.
    await dana.reload();
    await dana.getByRole('button', { name: `Remove from company: ${FAY.firstName} ${FAY.lastName}` }).click();
    await dana.getByRole('dialog').getByText(`Remove ${FAY.firstName} ${FAY.lastName} from Acme Studio?`).waitFor();
    await shot(dana, 'company-remove-confirm.png');
    await dana.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await dana.getByText(`${FAY.firstName} ${FAY.lastName} is no longer in the company`).waitFor();
    await expect.poll(() => dana.getByTestId('company-person').filter({ hasText: FAY.email }).count()).toBe(0);
  });

  step("the profile page edits the person's own name and phone, shown in national format", async () => {
    const eli = people[people.length - 1].context.pages()[0];
    await eli.goto(`${server.url}/profile`);
    await field(eli, 'First name').waitFor();
    await field(eli, 'Phone').fill('0612345678');
    await field(eli, 'Last name').fill('Empis-Roy');
    await eli.getByRole('button', { name: 'Save changes' }).click();
    await eli.getByText('Your profile is saved').waitFor();
    await expect.poll(() => field(eli, 'Phone').inputValue()).toBe('06 12 34 56 78');
    await field(eli, 'Phone').fill('12');
    await eli.getByRole('button', { name: 'Save changes' }).click();
    await eli.getByText('Enter a valid phone number').waitFor();
    await shot(eli, 'profile.png');
  });

  step('(f) a member of two locations switches the location the portal shows; the choice is remembered', async () => {
    // One location: its name in the top bar, no menu.
    const eli = people[people.length - 1].context.pages()[0];
    await eli.goto(`${server.url}/`);
    await expectSignedInHome(eli, LOCATION);
    await expect.poll(() => eli.getByTestId('current-location').innerText()).toBe(LOCATION);
    expect(await eli.getByRole('button', { name: /^Current location/ }).count()).toBe(0);

    // Dana, already a member of Harbor Docks, gets access to Harbor Annex too, in its company Annex Labs.
    const { company } = await ownerApiOk<{ company: { id: string } }>('POST', `/locations/${secondLocationId}/companies`, { name: 'Annex Labs' }, 201);
    await ownerApiOk('POST', `/locations/${secondLocationId}/invitations`, { ...DANA, companyId: company.id }, 201);

    // Her last page was the Harbor Docks company: home shows that location first, the switcher names it.
    await dana.goto(`${server.url}/`);
    await expectSignedInHome(dana, LOCATION);
    await dana.getByRole('button', { name: `Current location: ${LOCATION}` }).click();
    const annex = dana.getByRole('menuitemradio', { name: /^Harbor Annex/ });
    await annex.waitFor();
    expect(await dana.getByRole('menuitemradio', { name: new RegExp(`^${LOCATION}`) }).getAttribute('aria-checked')).toBe('true');
    await shot(dana, 'portal-location-switcher.png');
    await annex.click();
    await dana.getByRole('button', { name: 'Current location: Harbor Annex' }).waitFor();
    await expect.poll(() => dana.getByTestId('membership').first().innerText()).toContain('Harbor Annex');
    await dana.getByRole('region', { name: 'Other locations' }).getByText(LOCATION).waitFor();
    expect(new URL(dana.url()).pathname).toBe('/');
    await shot(dana, 'portal-location-switched.png');

    // The Company tab opens the company at the location shown.
    await dana.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'More', exact: true }).click();
    await dana.getByRole('menuitem', { name: 'Company', exact: true }).click();
    await dana.getByRole('heading', { name: 'Annex Labs', level: 1 }).waitFor();
    await dana.getByText('Company at Harbor Annex').waitFor();
    expect(new URL(dana.url()).pathname).toBe(`/company/${secondLocationId}`);

    // Switching on the company page opens the company at the other location, and the URL says which.
    await dana.getByRole('button', { name: 'Current location: Harbor Annex' }).click();
    await dana.getByRole('menuitemradio', { name: new RegExp(`^${LOCATION}`) }).click();
    await dana.getByRole('heading', { name: 'Acme Studio', level: 1 }).waitFor();
    expect(new URL(dana.url()).pathname).toBe(`/company/${locationId}`);
    await dana.getByRole('button', { name: `Current location: ${LOCATION}` }).waitFor();

    // Back in history, the switcher follows the URL; the last location seen is the one a fresh load shows.
    await dana.goBack();
    await dana.getByRole('heading', { name: 'Annex Labs', level: 1 }).waitFor();
    await dana.getByRole('button', { name: 'Current location: Harbor Annex' }).waitFor();
    await dana.goto(`${server.url}/`);
    await dana.getByRole('button', { name: 'Current location: Harbor Annex' }).waitFor();
    await expect.poll(() => dana.getByTestId('membership').first().innerText()).toContain('Harbor Annex');
  });

  step('(g) a browser in French shows the portal in French; the language menu switches it to English, and the choice stays', async () => {
    const fr = await newPerson('fr-FR');
    await fr.goto(`${server.url}/`);
    await fr.getByRole('heading', { name: 'Connexion à Atrium', level: 1 }).waitFor();
    expect(await fr.locator('html').getAttribute('lang')).toBe('fr');
    await field(fr, 'E-mail').fill(ANA.email);
    await fr.getByRole('button', { name: 'Envoyer le code' }).click();
    await fr.getByText(`Nous avons envoyé un code à 6 chiffres à ${ANA.email}`).waitFor();
    // asked from a French browser: the code email is in French too
    const code = await codeFromMailbox(owner, server, ANA.email, 'Votre code de connexion à Atrium');
    await fr.getByRole('button', { name: 'Se connecter' }).waitFor();
    // The field submits itself at the sixth digit.
    await field(fr, 'Code').fill(code);
    await fr.getByRole('heading', { name: 'Mes sites', level: 1 }).waitFor();
    await fr.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Profil' }).waitFor();
    await expect.poll(() => fr.getByTestId('membership').innerText()).toContain('Actif');
    await shot(fr, 'portal-french.png');

    // A wrong phone on the profile: the form's own words, in French, never the server's sentence.
    await fr.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Profil' }).click();
    await field(fr, 'Téléphone').fill('12');
    await fr.getByRole('button', { name: 'Enregistrer' }).click();
    await fr.getByText('Saisissez un numéro de téléphone valide').waitFor();

    await fr.getByRole('button', { name: 'Langue : Français' }).click();
    await fr.getByRole('menuitem', { name: 'English' }).click();
    await fr.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    await fr.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await fr.locator('html').getAttribute('lang')).toBe('en');
    await fr.goto(`${server.url}/`);
    await expectSignedInHome(fr, LOCATION);
    await shot(fr, 'portal-french-switched-to-english.png');
  });

  step('(h) a location whose language is French invites a new person in French', async () => {
    await owner.setViewportSize({ width: 1280, height: 900 });
    await owner.goto(`${server.url}/admin/`);
    await owner.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await owner
      .getByRole('textbox', { name: 'Language of emails' })
      .or(owner.getByRole('combobox', { name: 'Language of emails' }))
      .first()
      .click();
    await owner.getByRole('option', { name: 'Français' }).click();
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByText('Location saved').first().waitFor();

    const gus = { firstName: 'Gus', lastName: 'Girard', email: 'gus.girard@example.com' };
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, gus, 201);
    const body = await openMail(owner, server, gus.email, `Invitation à rejoindre ${LOCATION}`);
    expect(body).toContain('Bonjour Gus,');
    expect(body).toContain('Activer mon compte');
    await shot(owner, 'invitation-email-french.png');
    // back to English for whoever runs after
    await ownerApiOk('PATCH', `/locations/${locationId}`, { language: 'en' }, 200);
  });
});
