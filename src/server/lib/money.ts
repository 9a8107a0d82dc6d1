// Money in integer minor units: the one rounding rule (half away from zero) and the integer
// arithmetic that every price, proration and tax goes through.

/** `round(a × b / c)` with halves away from zero, in exact integer arithmetic (c > 0). */
export function roundHalfUp(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || c <= 0) {
    throw new RangeError(`roundHalfUp needs integers and a positive divisor: ${a} × ${b} / ${c}`);
  }
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(negative ? -q : q);
}

/** `floor(a × b / c)` for amounts that must never be given in excess (credits, day passes); a, b >= 0, c > 0. */
export function floorMulDiv(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || c <= 0 || a < 0 || b < 0) {
    throw new RangeError(`floorMulDiv needs non-negative integers and a positive divisor: ${a} × ${b} / ${c}`);
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

// a formatter and its currency's minor digits, once per language and currency (resolvedOptions() is not cheap)
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

/** An amount in minor units as a person reads it in their language ("€1,999.00", "1 999,00 €"). */
export function formatMoney(amount: number, currency: string, language: string): string {
  const key = `${language}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const format = new Intl.NumberFormat(language, { style: 'currency', currency });
    f = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    moneyFormats.set(key, f);
  }
  return f.format.format(amount / 10 ** f.digits);
}
