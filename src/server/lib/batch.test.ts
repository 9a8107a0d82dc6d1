// Multi-row INSERTs cut to the bound-parameter limit: as few statements as fit, none over it.
import { describe, expect, it } from 'vitest';
import { MAX_BOUND_PARAMETERS, insertSlices } from './batch.js';

const rows = (n: number, columns: number) => Array.from({ length: n }, () => Object.fromEntries(Array.from({ length: columns }, (_, c) => [`c${c}`, c])));

describe('insertSlices', () => {
  it('keeps every statement within the limit, in as few statements as fit, rows in order', () => {
    const list = rows(2500, 23);
    const slices = insertSlices(list);
    expect(slices.map((s) => s.length)).toEqual([1424, 1076]);
    expect(slices.every((s) => s.length * 23 <= MAX_BOUND_PARAMETERS)).toBe(true);
    expect(slices.flat()).toEqual(list);
    expect(insertSlices(rows(1000, 23))).toHaveLength(1);
    expect(insertSlices([])).toEqual([]);
  });

  it('counts every column any row has', () => {
    const list = [{ a: 1 }, ...rows(2000, 20)];
    expect(insertSlices(list)[0]).toHaveLength(Math.floor(MAX_BOUND_PARAMETERS / 21));
  });
});
