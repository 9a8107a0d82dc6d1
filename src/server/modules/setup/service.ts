// First run: a setup link printed at start on an empty database; the setup page or CLI creates the organization.
import type { Deps } from '../../deps.js';
import { publicLink } from '../../deps.js';
import { AppError } from '../../errors.js';
import { hashToken, newToken, safeEqualHex } from '../../lib/tokens.js';
import * as auth from '../auth/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import type { SetupInput } from './schema.js';
import * as access from '../access/service.js';

const SETUP_TOKEN_KEY = 'setup_token_hash';

export async function isSetupNeeded(deps: Deps): Promise<boolean> {
  return (await organizations.countOrganizations(deps.db)) === 0;
}

/** On an empty database: a fresh setup link (the previous one stops working). */
export async function prepareSetupLink(deps: Deps): Promise<string | null> {
  if (!(await isSetupNeeded(deps))) return null;
  const token = newToken();
  await organizations.putSetting(deps.db, SETUP_TOKEN_KEY, hashToken(token));
  return publicLink(deps, `/admin/setup?token=${token}`);
}

/** The setup page: only on an empty database and with the printed token; signs the owner in. */
export async function completeSetup(deps: Deps, token: string, input: SetupInput) {
  return deps.db.transaction().execute(async (trx) => {
    const stored = await organizations.getSetting(trx, SETUP_TOKEN_KEY);
    if ((await organizations.countOrganizations(trx)) > 0)
      throw new AppError('conflict', 'Atrium is already set up. Sign in instead.', undefined, 'already_set_up');
    if (!stored || !safeEqualHex(stored, hashToken(token))) {
      throw new AppError('forbidden', 'This setup link is not valid. Use the link printed when the server started.');
    }
    // Spend the token first: deleting its row locks it on PostgreSQL, so a concurrent setup waits
    // here and then, counting again, sees the organization this one created.
    await organizations.putSetting(trx, SETUP_TOKEN_KEY, null);
    if ((await organizations.countOrganizations(trx)) > 0)
      throw new AppError('conflict', 'Atrium is already set up. Sign in instead.', undefined, 'already_set_up');
    const { owner, organizationId, location } = await organizations.createOrganizationInTx(deps, trx, input);
    await users.activateUser(deps, trx, owner.id);
    const session = await access.startSession(deps, trx, owner.id);
    return { user: (await users.findUserById(trx, owner.id))!, session, organizationId, location };
  });
}

/** `atrium setup`: adds an organization (also on a database that has some) and returns a sign-in link. */
export async function setupFromCli(deps: Deps, input: SetupInput) {
  const created = await deps.db.transaction().execute(async (trx) => {
    const r = await organizations.createOrganizationInTx(deps, trx, input);
    await organizations.putSetting(trx, SETUP_TOKEN_KEY, null);
    return r;
  });
  const link = await auth.createSignInLink(deps, created.owner.id);
  return { ...created, link };
}
