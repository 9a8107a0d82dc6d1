// Accessibility check of the browser tests: axe-core runs in every page a story visits (before each action and at the
// end of each step), and a critical or serious violation fails the step with its rule, impact, target and page URL.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Keyboard, Locator, Page } from 'playwright-core';

/** axe-core's own script, evaluated in the page (`page.evaluate`: the app's CSP refuses inline script tags). */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a step; milder ones are only written to the log. */
const FAILING = new Set(['critical', 'serious']);

export interface AxeFinding {
  rule: string;
  impact: string;
  target: string;
  url: string;
  help: string;
  html: string;
  /** what axe says is wrong and how to fix it */
  summary: string;
}

/**
 * `AXE=off` turns the check off (to look at something else), `AXE=report` records every finding without failing
 * (to count them); by default critical and serious findings fail the step.
 */
const MODE = process.env.AXE === 'off' ? 'off' : process.env.AXE === 'report' ? 'report' : 'fail';

let logFile: string | undefined;
/**
 * Every finding of any impact goes to this file, one JSON line each (the story's name first); beside it,
 * axe-runs.jsonl counts per step how many times axe ran and how many checks were skipped.
 */
export function logAxeFindingsTo(file: string): void {
  logFile = file;
}
/**
 * Per step: the checks skipped because nothing changed in the page since axe last ran there, those skipped because
 * the screen had been checked already, the axe runs, and the milliseconds spent waiting for transitions and in axe.
 */
const noCounts = () => ({ unchanged: 0, sameScreen: 0, runs: 0, waitMs: 0, axeMs: 0 });
let counts = noCounts();

const pages = new Set<Page>();
/** The states already checked, per page: the path, the open dialogs and menus, the headings and the selected tabs. */
const checked = new WeakMap<Page, Set<string>>();
const seen = new Set<string>();
let failing: AxeFinding[] = [];

/** What the page shows, coarsely: two moments with the same key are the same screen for the check. */
function stateKey(): string {
  const names = (selector: string) =>
    Array.from(document.querySelectorAll(selector))
      .filter((element) => (element as HTMLElement).offsetParent !== null || element.getClientRects().length > 0)
      .map((element) => {
        const labelledBy = element.getAttribute('aria-labelledby');
        const label = element.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : undefined);
        return (label ?? element.textContent ?? '').slice(0, 60);
      })
      .join(',');
  return [
    location.pathname + location.search,
    names('[role=dialog],[role=alertdialog]'),
    names('[role=menu],[role=listbox]'),
    names('h1,h2'),
    names('[role=tab][aria-selected=true]'),
    names('.mantine-Notification-root'),
  ].join('|');
}

/**
 * Whether anything on the page may look different since axe last ran there, in the page: installed once per document
 * (a new document, after a navigation, starts changed), a MutationObserver over the whole document (attributes,
 * children and text, anywhere) and the events that change what is drawn without touching the DOM (the window resized,
 * a stylesheet, image or font finished loading) set the flag; `clear` resets it just before axe looks, so that a
 * change from then on (while axe runs too) makes the next check run.
 */
function changedSinceLastRun(clear: boolean): boolean {
  const w = window as unknown as { __atriumAxeChanged?: boolean };
  if (w.__atriumAxeChanged === undefined) {
    const mark = () => {
      w.__atriumAxeChanged = true;
    };
    new MutationObserver(mark).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
    window.addEventListener('resize', mark);
    window.addEventListener('load', mark, true);
    document.fonts?.addEventListener('loadingdone', mark);
    w.__atriumAxeChanged = true;
  }
  const changed = w.__atriumAxeChanged;
  if (clear) w.__atriumAxeChanged = false;
  return changed;
}

async function runAxe(page: Page, force: boolean): Promise<AxeFinding[]> {
  // Nothing changed since the last run in this document: the screen is the one axe checked, no need to wait or look.
  if (!force && !(await page.evaluate(changedSinceLastRun, false))) {
    counts.unchanged++;
    return [];
  }
  // Let transitions finish first (a drawer sliding in has not its final colours yet); spinners loop forever, so only
  // finite animations are waited for, and never more than a second.
  const started = Date.now();
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY);
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 1000))]);
  });
  counts.waitMs += Date.now() - started;
  // From here, what changes makes the next check run again.
  await page.evaluate(changedSinceLastRun, true);
  const key = await page.evaluate(stateKey);
  const done = checked.get(page) ?? new Set<string>();
  checked.set(page, done);
  if (!force && done.has(key)) {
    counts.sameScreen++;
    return [];
  }
  done.add(key);
  counts.runs++;
  const axeStarted = Date.now();
  try {
    return await axeFindings(page);
  } catch (err) {
    // not checked after all: the next check of this screen runs (when the page is still there)
    done.delete(key);
    await page.evaluate(() => ((window as unknown as { __atriumAxeChanged?: boolean }).__atriumAxeChanged = true)).catch(() => undefined);
    throw err;
  } finally {
    counts.axeMs += Date.now() - axeStarted;
  }
}

async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${AXE_SOURCE};0`);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the script evaluated above
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    // The one exception: the options of a picker (Mantine's combobox) scroll inside its listbox, and a keyboard moves
    // through them with the arrow keys from the input (aria-activedescendant); the scrolling region cannot take focus
    // itself without putting a foreign child in the listbox (aria-required-children). Anywhere else the rule applies.
    const inListbox = (target: unknown[]) => {
      const element = typeof target[0] === 'string' ? document.querySelector(target[0]) : null;
      return element?.closest('[role=listbox]') != null;
    };
    // A notification or dialog still fading in or out has no final colours yet (the wait above stops after a second
    // on a loaded machine): its contrast is judged once it is opaque.
    const fading = (target: unknown[]) => {
      let element = typeof target[0] === 'string' ? document.querySelector(target[0]) : null;
      for (; element; element = element.parentElement) if (Number(getComputedStyle(element).opacity) < 1) return true;
      return false;
    };
    for (const v of result.violations) {
      if (v.id === 'scrollable-region-focusable') v.nodes = v.nodes.filter((n: { target: unknown[] }) => !inListbox(n.target));
      if (v.id === 'color-contrast') v.nodes = v.nodes.filter((n: { target: unknown[] }) => !fading(n.target));
    }
    return result.violations
      .filter((v: { nodes: unknown[] }) => v.nodes.length > 0)
      .map((v: { id: string; impact: string; help: string; nodes: { target: unknown[]; html: string; impact?: string; failureSummary?: string }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          html: n.html.slice(0, 200),
          impact: n.impact ?? v.impact,
          summary: (n.failureSummary ?? '').slice(0, 300),
        })),
      }));
  })) as { id: string; impact: string; help: string; nodes: { target: string; html: string; impact: string; summary: string }[] }[];
  const url = page.url();
  const found: AxeFinding[] = [];
  for (const v of violations) {
    for (const n of v.nodes) found.push({ rule: v.id, impact: n.impact, target: n.target, url, help: v.help, html: n.html, summary: n.summary });
  }
  return found;
}

let story = '';
/** The name written beside each finding in the log. */
export function setAxeStory(name: string): void {
  story = name;
}

/** Runs axe in `page` now unless this screen was checked already (`force`: anyway); findings are kept for the step. */
export async function checkAccessibility(page: Page, { force = false } = {}): Promise<void> {
  if (MODE === 'off' || page.isClosed() || !page.url().startsWith('http')) return;
  pages.add(page);
  let found: AxeFinding[];
  try {
    found = await runAxe(page, force);
  } catch (err) {
    // The page navigated or closed while axe ran: the next action or the end of the step checks the new page.
    if (/context was destroyed|Target.*closed|has been closed|navigat|Axe is already running/i.test(String(err))) return;
    throw err;
  }
  for (const f of found) {
    const path = new URL(f.url).pathname;
    const id = `${f.rule}|${f.target}|${path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ story, ...f })}\n`);
    if (FAILING.has(f.impact) && MODE === 'fail') failing.push(f);
  }
}

/** Checks every open page (the end of a step), then throws with the critical and serious findings of the step. */
export async function expectNoAccessibilityViolations(): Promise<void> {
  for (const page of pages) {
    if (page.isClosed()) pages.delete(page);
    else await checkAccessibility(page);
  }
  const found = failing;
  failing = [];
  if (logFile) fs.appendFileSync(path.join(path.dirname(logFile), 'axe-runs.jsonl'), `${JSON.stringify({ story, ...counts })}\n`);
  counts = noCounts();
  if (found.length) {
    throw new Error(
      `axe-core: ${found.length} critical or serious accessibility violation(s):\n${found
        .map((f) => `  ${f.impact} ${f.rule} (${f.help}) at ${f.target} on ${f.url}\n    ${f.html}\n    ${f.summary.replace(/\n\s*/g, ' ')}`)
        .join('\n')}`,
    );
  }
}

let installed = false;
const keyboards = new WeakMap<Keyboard, Page>();

/**
 * Hooks every action of every page (Locator.click, fill, press..., page.goto and reload before they leave, the
 * keyboard) on the check, so each screen a story acts on is checked as it was acted on, open drawers and dialogs
 * included, without a call in each step. Not after a wait: a story that waits for a page and then for a notification
 * on it must not lose the notification to the time axe takes.
 */
export function watchAccessibility(page: Page): void {
  pages.add(page);
  keyboards.set(page.keyboard, page);
  if (installed || MODE === 'off') return;
  installed = true;
  const before = <T extends object>(proto: T, methods: string[], pageOf: (self: T) => Page | undefined) => {
    for (const method of methods) {
      const original = (proto as Record<string, unknown>)[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
      if (typeof original !== 'function') continue;
      (proto as Record<string, unknown>)[method] = async function (this: T, ...args: unknown[]) {
        const p = pageOf(this);
        if (p && pages.has(p)) await checkAccessibility(p);
        return original.apply(this, args);
      };
    }
  };
  const locatorProto = Object.getPrototypeOf(page.locator('body')) as Locator;
  before(
    locatorProto,
    ['click', 'dblclick', 'tap', 'fill', 'pressSequentially', 'press', 'check', 'uncheck', 'setChecked', 'selectOption', 'setInputFiles', 'hover', 'focus'],
    (self) => self.page(),
  );
  before(Object.getPrototypeOf(page) as Page, ['goto', 'reload', 'goBack', 'goForward', 'close'], (self) => self);
  before(Object.getPrototypeOf(page.keyboard) as Keyboard, ['press', 'type'], (self) => keyboards.get(self));
}
