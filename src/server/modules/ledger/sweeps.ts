// The ledger-expire sweep: a lot whose expiry has come gives up what it still holds (design 6).
import type { Deps } from '../../deps.js';
import type { Sweep } from '../../lib/sweeps.js';
import { expireDueLots } from './service.js';

export function expireLotsSweep(deps: Deps): Sweep {
  return {
    name: 'ledger-expire',
    run: (trx, now) => expireDueLots(deps, trx, now),
  };
}
