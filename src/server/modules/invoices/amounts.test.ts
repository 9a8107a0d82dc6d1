import { describe, expect, it } from 'vitest';
import { amountDue, creditNoteTax, formatNumber, invoiceTotals, lineValues, sequenceScope, taxByRate } from './amounts.js';

describe('invoice arithmetic (design 8.1)', () => {
  it('rounds tax per line both ways: the design examples at 20 %', () => {
    expect(lineValues({ quantity: 1, unitPrice: 1999, taxRateBps: 2000 }, false)).toEqual({ net: 1999, tax: 400, total: 2399 });
    expect(lineValues({ quantity: 1, unitPrice: 1999, taxRateBps: 2000 }, true)).toEqual({ net: 1666, tax: 333, total: 1999 });
  });

  it('rounds halves away from zero, discounts included', () => {
    // 25 × 10 % = 2.5 → 3; −25 × 10 % = −2.5 → −3
    expect(lineValues({ quantity: 1, unitPrice: 25, taxRateBps: 1000 }, false)).toEqual({ net: 25, tax: 3, total: 28 });
    expect(lineValues({ quantity: 1, unitPrice: -25, taxRateBps: 1000 }, false)).toEqual({ net: -25, tax: -3, total: -28 });
    expect(lineValues({ quantity: 3, unitPrice: 1000, taxRateBps: 0 }, true)).toEqual({ net: 3000, tax: 0, total: 3000 });
  });

  it('sums line values, so the invoice equals its lines', () => {
    const lines = [
      { ...lineValues({ quantity: 3, unitPrice: 333, taxRateBps: 2000 }, false), taxRateBps: 2000 },
      { ...lineValues({ quantity: 1, unitPrice: 1, taxRateBps: 2000 }, false), taxRateBps: 2000 },
      { ...lineValues({ quantity: 1, unitPrice: 1000, taxRateBps: 550 }, false), taxRateBps: 550 },
    ];
    // 999 → 199.8 → 200; 1 → 0.2 → 0; 1000 → 55
    expect(invoiceTotals(lines)).toEqual({ subtotal: 2000, taxTotal: 255, total: 2255 });
    expect(taxByRate(lines)).toEqual([
      { taxRateBps: 550, net: 1000, tax: 55 },
      { taxRateBps: 2000, net: 1000, tax: 200 },
    ]);
  });

  it('never asks less than nothing, and shares tax to credit notes', () => {
    expect(amountDue({ total: 1000, amount_paid: 600, amount_credited: 500 })).toBe(0);
    expect(amountDue({ total: 1000, amount_paid: 300, amount_credited: 200 })).toBe(500);
    expect(creditNoteTax({ total: 2399, tax_total: 400 }, 1200)).toBe(200);
  });

  it('numbers from the pattern, the counter restarting each year only with {YYYY}', () => {
    expect(formatNumber('INV-{YYYY}-{NNNN}', '2026', 7)).toBe('INV-2026-0007');
    expect(formatNumber('F{NNNN}', '2026', 12345)).toBe('F12345');
    expect(sequenceScope('INV-{YYYY}-{NNNN}', '2026')).toBe('2026');
    expect(sequenceScope('F{NNNN}', '2026')).toBe('');
  });
});
