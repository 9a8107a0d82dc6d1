// The shop's sweep (design 6, purchase-hold): card orders whose payment never came are released
// after 35 minutes (their checkout expired at 30), safe to run any number of times.
import type { Deps } from '../../deps.js';
import type { Sweep } from '../../lib/sweeps.js';
import { releaseUnpaidInTx } from './service.js';

export const shopSweeps = (deps: Deps): Sweep[] => [{ name: 'order-hold', run: (trx, now) => releaseUnpaidInTx(deps, trx, now) }];
