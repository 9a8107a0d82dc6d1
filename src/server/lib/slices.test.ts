// Work cut into slices: the same result at once or in slices, errors passed through, the event loop given back.
import { describe, expect, it } from 'vitest';
import { runInSlices, runToEnd, slicer, type Steps } from './slices.js';

function* squares(n: number, failAt?: number): Steps<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    yield;
    if (i === failAt) throw new Error(`failed at ${i}`);
    out.push(i * i);
  }
  return out;
}

describe('slices', () => {
  it('runs the same steps to the same result at once and in slices', async () => {
    expect(runToEnd(squares(5))).toEqual([0, 1, 4, 9, 16]);
    expect(await runInSlices(squares(5))).toEqual([0, 1, 4, 9, 16]);
    expect(await runInSlices(squares(0))).toEqual([]);
  });

  it('passes an error of the steps through', async () => {
    expect(() => runToEnd(squares(5, 3))).toThrow('failed at 3');
    await expect(runInSlices(squares(5, 3))).rejects.toThrow('failed at 3');
  });

  it('gives the event loop back between slices: with slices of 0 ms, at every step', async () => {
    const events: string[] = [];
    function* steps(): Steps<void> {
      for (let i = 0; i < 3; i++) {
        events.push(`step ${i}`);
        yield;
      }
    }
    setImmediate(() => events.push('other work'));
    await runInSlices(steps(), 0);
    expect(events.indexOf('other work')).toBe(1);
    events.length = 0;
    // with long slices, nothing else runs in between
    setImmediate(() => events.push('other work'));
    await runInSlices(steps(), 60_000);
    expect(events).toEqual(['step 0', 'step 1', 'step 2']);
  });

  it('a slicer is due once its slice is used up, and starts a new one after a pause', async () => {
    const s = slicer(0);
    expect(s.due()).toBe(true);
    const long = slicer(60_000);
    expect(long.due()).toBe(false);
    await long.pause();
    expect(long.due()).toBe(false);
  });
});
