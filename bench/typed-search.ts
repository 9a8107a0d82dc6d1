// What a person at the Customers page waits for: from the last key of a search term typed into the search box to
// the list showing its answer (debounce, request, and the render after it), in Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH, launchBrowser } from '../e2e/chromium.js';
import { BENCH_DIR } from './lib.js';

export const WEB_BUILT = path.join(BENCH_DIR, '..', 'dist', 'web', 'admin', 'index.html');

/** Whether the browser step can run: Chromium is installed and the web apps are built (`npm run build:web`). */
export function typedSearchAvailable(): string | null {
  if (!fs.existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!fs.existsSync(WEB_BUILT)) return 'the web apps are not built (npm run build:web)';
  return null;
}

/**
 * Types each term `rounds` times (a key every 60 ms, as a quick typist), clearing the box in between, and measures
 * from the last key to the frame after the list's answer to that term arrived. Milliseconds, in the order typed.
 */
export interface TypedSearch {
  term: string;
  /** from the last key to the answer painted, measured by the test */
  ms: number;
  /** the same span in the page's clock, cut in three: the pause and the renders before the request left; the request; the answer's render and paint */
  beforeRequest: number;
  request: number;
  afterAnswer: number;
}

export async function typedSearch(url: string, cookie: string, locationId: string, terms: string[], rounds = 6): Promise<TypedSearch[]> {
  const browser = await launchBrowser({});
  try {
    const at = cookie.indexOf('=');
    await browser.context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url }]);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const box = page.getByRole('searchbox', { name: 'Search' });
    // the page's clock at each key, read back with the request's resource timing
    await page.addInitScript(() => {
      document.addEventListener('keydown', () => Object.assign(window, { lastKeyAt: performance.now() }), true);
    });
    const out: TypedSearch[] = [];
    for (let round = 0; round < rounds; round++) {
      // a fresh page each round: a term typed again would be answered from the page's cache, with no request to wait for
      await page.goto(`${url}/admin/l/${locationId}/customers`);
      await box.waitFor();
      await page.getByRole('row').nth(1).waitFor();
      for (const term of terms) {
        const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === term && r.url().includes('/customers?'), {
          timeout: 30_000,
        });
        await box.click();
        await box.pressSequentially(term.slice(0, -1), { delay: 60 });
        await page.waitForTimeout(60);
        await box.press(term.slice(-1));
        const typedAt = Date.now();
        await answered;
        // two frames: the answer's render has been painted
        const inPage = await page.evaluate(
          (q) =>
            new Promise<{ key: number; start: number; end: number; painted: number }>((resolve) =>
              requestAnimationFrame(() =>
                requestAnimationFrame(() => {
                  const painted = performance.now();
                  const request = performance
                    .getEntriesByType('resource')
                    .filter((e) => new URL(e.name).searchParams.get('q') === q)
                    .at(-1) as PerformanceResourceTiming;
                  resolve({ key: (window as unknown as { lastKeyAt: number }).lastKeyAt, start: request.startTime, end: request.responseEnd, painted });
                }),
              ),
            ),
          term,
        );
        out.push({
          term,
          ms: Date.now() - typedAt,
          beforeRequest: Math.round(inPage.start - inPage.key),
          request: Math.round(inPage.end - inPage.start),
          afterAnswer: Math.round(inPage.painted - inPage.end),
        });
        await box.fill('');
        await page.waitForTimeout(400);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}
