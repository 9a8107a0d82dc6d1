// In-process events a lower module announces and higher modules listen to, inside the caller's
// transaction: the lower module never imports the higher one. Listeners are kept once each
// (subscribing the same function again is a no-op), in the order they subscribed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export type Listener<E> = (trx: Kysely<Database>, event: E) => Promise<void>;

export interface Channel<E> {
  subscribe(listener: Listener<E>): void;
  publish(trx: Kysely<Database>, event: E): Promise<void>;
}

export function channel<E>(): Channel<E> {
  const listeners = new Set<Listener<E>>();
  return {
    subscribe: (listener) => void listeners.add(listener),
    async publish(trx, event) {
      for (const l of listeners) await l(trx, event);
    },
  };
}
