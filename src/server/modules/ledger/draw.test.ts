// The draw and refund rules of the ledger, on their own: expiry order, splitting, never negative.
import { describe, expect, it } from 'vitest';
import { planDraw, planRefund, type Lot } from './draw.js';

const now = new Date('2027-03-15T12:00:00Z');
const lot = (id: string, remaining: number, expiresAt: string | null, createdAt = '2027-03-01T00:00:00Z'): Lot => ({ id, remaining, expiresAt, createdAt });

describe('planDraw', () => {
  it('takes the earliest expiry first, lots without expiry last, then the oldest, splitting across lots', () => {
    const lots = [
      lot('never-old', 5, null, '2027-01-01T00:00:00Z'),
      lot('april', 3, '2027-04-01T00:00:00Z'),
      lot('never-new', 5, null, '2027-02-01T00:00:00Z'),
      lot('march', 2, '2027-03-20T00:00:00Z'),
    ];
    expect(planDraw(lots, 7, now)).toEqual([
      { lotId: 'march', amount: -2 },
      { lotId: 'april', amount: -3 },
      { lotId: 'never-old', amount: -2 },
    ]);
  });

  it('skips expired and empty lots, and refuses more than what is live', () => {
    const lots = [lot('gone', 10, '2027-03-15T12:00:00Z'), lot('empty', 0, null), lot('ok', 4, null)];
    expect(planDraw(lots, 4, now)).toEqual([{ lotId: 'ok', amount: -4 }]);
    expect(planDraw(lots, 5, now)).toBeNull();
  });
});

describe('planRefund', () => {
  it('returns into the lots spent from, except those expired since', () => {
    const spent = [
      { lotId: 'march', amount: -2 },
      { lotId: 'april', amount: -3 },
    ];
    const lots = new Map([
      ['march', { expiresAt: '2027-03-20T00:00:00Z' }],
      ['april', { expiresAt: '2027-04-01T00:00:00Z' }],
    ]);
    expect(planRefund(spent, lots, now)).toEqual([
      { lotId: 'march', amount: 2 },
      { lotId: 'april', amount: 3 },
    ]);
    expect(planRefund(spent, lots, new Date('2027-03-25T00:00:00Z'))).toEqual([{ lotId: 'april', amount: 3 }]);
  });
});
