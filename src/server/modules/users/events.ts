// What the users module announces about accounts, for the modules that keep copies of account
// details (the customers module's search and sort columns).
import { channel } from '../../lib/events.js';

/** An account was activated (its details may have changed with it). */
export const accountActivated = channel<{ userId: string; at: Date }>();
/** The person used the product (written at most once a minute). */
export const accountActive = channel<{ userId: string; at: Date }>();
/** The person changed their own name or phone. */
export const accountDetailsChanged = channel<{ userId: string }>();
