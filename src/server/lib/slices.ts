// Long work on the event loop, cut into slices of a few milliseconds so that requests arriving
// meanwhile (of every organization) are answered between them instead of after the whole of it.

/** How long one slice may keep the event loop (ms). */
export const SLICE_MS = 10;

/** Lets the event loop turn once: the I/O that arrived meanwhile (requests) runs before the caller goes on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A stopwatch for a long loop: `if (slice.due()) await slice.pause()` between items gives the
 * event loop back once every `sliceMs`, and costs one clock read per item otherwise.
 */
export function slicer(sliceMs = SLICE_MS) {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async pause(): Promise<void> {
      await nextTurn();
      started = performance.now();
    },
  };
}

/**
 * Work written once as a generator that `yield`s between items, run either at once
 * (`runToEnd`) or in slices (`runInSlices`): the same code serves a synchronous caller and a
 * background job.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end without giving the event loop back. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, giving the event loop back at a `yield` once each slice is used up. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  const slice = slicer(sliceMs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slice.due()) await slice.pause();
  }
}
