// The figures of a draft while it is edited, worked out as the server does (design 8.1), so the totals move as one
// types; once saved, the page shows the server's own figures. Integers in minor units throughout.

/** `a × b / c` rounded half away from zero, in exact integer arithmetic (c > 0). */
export function roundHalfUp(a: number, b: number, c: number): number {
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude * 2n + divisor) / (2n * divisor);
  return Number(product < 0n ? -rounded : rounded);
}

export interface LineFigures {
  net: number;
  tax: number;
  total: number;
}

/**
 * One line, rounded on its own. Tax on top (exclusive): tax = amount × rate / 10000. Tax included: the net is
 * amount × 10000 / (10000 + rate) and the tax what is left. `taxRateBps` in basis points (2000 = 20 %).
 */
export function lineFigures(quantity: number, unitPrice: number, taxRateBps: number, pricesIncludeTax: boolean): LineFigures {
  const amount = quantity * unitPrice;
  if (pricesIncludeTax) {
    const net = roundHalfUp(amount, 10_000, 10_000 + taxRateBps);
    return { net, tax: amount - net, total: amount };
  }
  const tax = roundHalfUp(amount, taxRateBps, 10_000);
  return { net: amount, tax, total: amount + tax };
}

/** The invoice's subtotal, tax and total: sums of the line figures. */
export function totalsOf(lines: readonly LineFigures[]): { subtotal: number; taxTotal: number; total: number } {
  const subtotal = lines.reduce((sum, line) => sum + line.net, 0);
  const taxTotal = lines.reduce((sum, line) => sum + line.tax, 0);
  return { subtotal, taxTotal, total: subtotal + taxTotal };
}
