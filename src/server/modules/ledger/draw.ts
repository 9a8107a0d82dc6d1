// Which lots a debit takes from and which a refund returns to: the earliest expiry first (lots
// that never expire last, then the oldest), never below zero, never into an expired lot.

export interface Lot {
  id: string;
  remaining: number;
  /** UTC instant (ISO) when what remains expires, or null */
  expiresAt: string | null;
  createdAt: string;
}

export interface Draw {
  lotId: string;
  /** negative: what the debit takes from this lot */
  amount: number;
}

const live = (lot: Lot, now: Date) => lot.remaining > 0 && (lot.expiresAt === null || Date.parse(lot.expiresAt) > now.getTime());

/** The order lots are drawn in. */
export function drawOrder(a: Lot, b: Lot): number {
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
  }
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Splits a debit of `amount` (> 0) across the live lots, or returns null when they hold too little. */
export function planDraw(lots: Lot[], amount: number, now: Date): Draw[] | null {
  const draws: Draw[] = [];
  let left = amount;
  for (const lot of lots.filter((l) => live(l, now)).sort(drawOrder)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    draws.push({ lotId: lot.id, amount: -take });
    left -= take;
  }
  return left === 0 ? draws : null;
}

/**
 * A refund of the whole debit back into the lots it came from; what came from a lot that has
 * expired since is not returned (it would have expired with the lot).
 */
export function planRefund(spent: Draw[], lots: Map<string, Pick<Lot, 'expiresAt'>>, now: Date): Draw[] {
  const back = new Map<string, number>();
  for (const d of spent) {
    const lot = lots.get(d.lotId);
    if (!lot || (lot.expiresAt !== null && Date.parse(lot.expiresAt) <= now.getTime())) continue;
    back.set(d.lotId, (back.get(d.lotId) ?? 0) - d.amount);
  }
  return [...back].filter(([, amount]) => amount > 0).map(([lotId, amount]) => ({ lotId, amount }));
}
