// Passwordless sign-in: emailed 6-digit codes and one-time sign-in links (sessions are the access module's).
import { type Deps, type Tx, publicLink, queueMail } from '../../deps.js';
import { AppError } from '../../errors.js';
import { HOUR, MINUTE } from '../../lib/clock.js';
import { catalogue, languageFor, type Language } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import { hashCode, hashToken, newCode, newToken, safeEqualHex } from '../../lib/tokens.js';
import * as access from '../access/service.js';
import * as blacklist from '../blacklist/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import * as q from './queries.js';

const m = catalogue('auth', messages);

export const CODE_TTL_MS = 10 * MINUTE;
export const CODE_MAX_ATTEMPTS = 5;
export const CODES_PER_EMAIL_PER_HOUR = 5;
export const CODES_PER_IP_PER_HOUR = 30;
const SIGN_IN_LINK_TTL_MS = 24 * HOUR;

export type CodePurpose = 'sign_in' | 'activation' | 'join_request';

/** Throttles code emails per address and per IP; throws 429 past the limits. */
export async function throttleCodeRequest(deps: Deps, email: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - HOUR).toISOString();
  const [byEmail, byIp] = await Promise.all([q.countCodeRequests(deps.db, 'email', email, since), q.countCodeRequests(deps.db, 'ip', ip, since)]);
  if (byEmail >= CODES_PER_EMAIL_PER_HOUR || byIp >= CODES_PER_IP_PER_HOUR) {
    throw new AppError('too_many_requests', 'Too many codes were requested. Please wait an hour and try again.');
  }
  await q.insertCodeRequest(deps.db, email, ip, now);
}

/** Creates a fresh code for (email, purpose), replacing earlier ones, and returns it for the email. */
export async function issueCode(deps: Deps, trx: Tx, email: string, purpose: CodePurpose, ip: string | null): Promise<string> {
  const code = newCode();
  const now = deps.clock.now();
  await q.replaceCode(trx, { email, purpose, codeHash: hashCode(email, code), ip, now, expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString() });
  return code;
}

/** A code email: `intro` is the whole sentence before the code ("Your code to sign in to Atrium is:"). */
export function codeMail(lang: Language, code: string, firstName: string | null, intro: string) {
  return renderLayout(lang, {
    greeting: firstName ? greeting(lang, firstName) : undefined,
    paragraphs: [intro, code, m(lang, 'codeFooter', { minutes: CODE_TTL_MS / MINUTE })],
  });
}

/** Checks a code: wrong, expired, used or out of tries all answer the same 401. */
export async function verifyCode(deps: Deps, email: string, purpose: CodePurpose, code: string): Promise<void> {
  const now = deps.clock.now();
  const wrong = new AppError('unauthorized', 'This code is wrong or has expired. Check the latest email or ask for a new code.');
  const row = await q.findLiveCode(deps.db, email, purpose, now);
  if (!row) throw wrong;
  if (!(await q.spendAttempt(deps.db, row.id, CODE_MAX_ATTEMPTS))) throw wrong;
  if (!safeEqualHex(row.code_hash, hashCode(email, code))) throw wrong;
  if (!(await q.consumeCode(deps.db, row.id, now))) throw wrong;
}

/**
 * POST /auth/code: the same answer, and the same database work, whether or not the email has an
 * account, so that neither the answer nor its timing tells whether someone is signed up. An
 * unknown email gets a code row that no code can ever match, and no mail.
 */
export async function requestSignInCode(deps: Deps, email: string, ip: string, acceptLanguage?: string): Promise<void> {
  await throttleCodeRequest(deps, email, ip);
  // the blacklist is read for every email, known or not, so that it adds the same work to both
  const [account, refusing] = await Promise.all([users.findUserByEmail(deps.db, email), blacklist.organizationsBlacklisting(deps.db, email)]);
  // an account blacklisted where it is only held is treated as unknown: the same answer, no mail
  const user = account && !(refusing.size > 0 && (await blacklist.isShutOut(deps.db, account))) ? account : undefined;
  await deps.db.transaction().execute(async (trx) => {
    const code = user ? await issueCode(deps, trx, email, 'sign_in', ip) : await issueUnusableCode(deps, trx, email, 'sign_in', ip);
    // rendered for both (same work); the name only once it is the person's own, not what an organization typed
    const lang = languageFor(user?.language, acceptLanguage);
    const mail = codeMail(lang, code, user?.activated_at ? user.first_name : null, m(lang, 'signInIntro'));
    if (user) await queueMail(deps, trx, { organizationId: null, to: email, subject: m(lang, 'signInSubject'), ...mail });
  });
}

/**
 * Writes a code row like issueCode does, but its hash is that of 32 random bytes, which no
 * 6-digit guess can match: should the email get an account later, this row signs nobody in.
 */
async function issueUnusableCode(deps: Deps, trx: Tx, email: string, purpose: CodePurpose, ip: string | null): Promise<string> {
  const now = deps.clock.now();
  await q.replaceCode(trx, { email, purpose, codeHash: hashToken(newToken()), ip, now, expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString() });
  return newCode();
}

/** POST /auth/sign-in: a right code signs in and, for a new account, proves the mailbox. */
export async function signInWithCode(deps: Deps, email: string, code: string) {
  await verifyCode(deps, email, 'sign_in', code);
  const user = await users.findUserByEmail(deps.db, email);
  if (!user || (await blacklist.isShutOut(deps.db, user)))
    throw new AppError('unauthorized', 'This code is wrong or has expired. Check the latest email or ask for a new code.');
  return deps.db.transaction().execute(async (trx) => {
    await users.activateUser(deps, trx, user.id);
    const session = await access.startSession(deps, trx, user.id);
    return { user: (await users.findUserById(trx, user.id))!, session };
  });
}

/** A one-time sign-in link (printed by `atrium setup`). */
export async function createSignInLink(deps: Deps, userId: string, base: '/admin' | '' = '/admin'): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await q.insertSignInLink(deps.db, { tokenHash: hashToken(token), userId, now, expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS).toISOString() });
  return publicLink(deps, `${base}/link/${token}`);
}

export async function signInWithLink(deps: Deps, token: string) {
  return deps.db.transaction().execute(async (trx) => {
    const userId = await q.consumeSignInLink(trx, hashToken(token), deps.clock.now());
    if (!userId) throw new AppError('not_found', 'This sign-in link has expired or was already used.');
    await users.activateUser(deps, trx, userId);
    const session = await access.startSession(deps, trx, userId);
    return { user: (await users.findUserById(trx, userId))!, session };
  });
}

/** Sweep: forget code requests older than the throttling window. */
export const pruneCodeRequestsSweep = {
  name: 'prune-code-requests',
  run: (trx: Tx, now: Date) => q.pruneCodeRequests(trx, new Date(now.getTime() - 2 * HOUR).toISOString()),
};
