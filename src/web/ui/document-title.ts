// The document title of every page, "<page> · <place>" (e.g. "Customers · Harbor Docks"): the page's own heading (its
// h1, already in the reader's language) and the place the shell names, so each tab and each history entry says where it is.
import { useEffect } from 'react';
import { tUi } from './messages';

let place: string | undefined;
let appTitle = () => '';
let scheduled = false;

function pageHeading(): string | undefined {
  // the page's heading, not one in a dialog or a drawer that is open over it
  for (const heading of Array.from(document.querySelectorAll('#root h1'))) {
    const text = heading.textContent?.replace(/\s+/g, ' ').trim();
    if (text && !heading.closest('[role=dialog]')) return text;
  }
  return undefined;
}

function retitle() {
  scheduled = false;
  const page = pageHeading();
  const where = place || appTitle();
  const title = page && page !== where ? tUi('documentTitle', { page, place: where }) : where;
  if (document.title !== title) document.title = title;
}

/** Retitles the page soon (after the DOM settles); many changes in a row retitle once. */
export function scheduleRetitle(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(retitle);
}

/** Keeps the document title in step with the page's heading, from now on; `title` names the app (no place known yet). */
export function watchDocumentTitle(title: () => string): void {
  appTitle = title;
  new MutationObserver(scheduleRetitle).observe(document.getElementById('root') ?? document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  scheduleRetitle();
}

/** The place the shell names after each page's heading (the location, or the organization), while it is shown. */
export function useTitlePlace(name: string | undefined): void {
  useEffect(() => {
    place = name;
    scheduleRetitle();
    return () => {
      if (place === name) place = undefined;
      scheduleRetitle();
    };
  }, [name]);
}
