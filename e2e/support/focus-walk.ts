import type { Page } from '@playwright/test';

/** What a Tab walk found on the page: elements never reached, and reached ones with no visible focus. */
export interface FocusWalk {
  unreached: string[];
  noIndicator: string[];
  presses: number;
}

/**
 * Marks every interactive element of the page that a keyboard user should be able to reach:
 * visible, enabled, not taken out of the tab order on purpose (tabindex -1: the roving items
 * of a tab list, tree or radio group, whose group is reached through its one tabbable item).
 * Native radios count once per group (name). Resolves to how many were marked.
 */
function markTargets(): number {
  const selector =
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  let count = 0;
  const radioGroups = new Set<string>();
  for (const element of document.querySelectorAll<HTMLElement>(selector)) {
    element.removeAttribute('data-walk-target');
    element.removeAttribute('data-walk-group');
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    // checkVisibility: also false inside a closed <details> (its content is not rendered).
    const hidden =
      !element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) ||
      style.display === 'none' ||
      (box.width === 0 && box.height === 0 && !element.closest('label'));
    const disabled = (element as HTMLButtonElement).disabled === true;
    if (hidden || disabled || element.tabIndex < 0 || element.closest('[inert]')) continue;
    if (element instanceof HTMLInputElement && element.type === 'radio') {
      const group = element.name || element.closest('[role="radiogroup"]')?.id || '';
      element.setAttribute('data-walk-group', `radio:${group}`);
      if (radioGroups.has(group)) continue;
      radioGroups.add(group);
    }
    element.setAttribute('data-walk-target', String(count++));
  }
  return count;
}

/**
 * The focused element, and whether a focus indicator shows: an outline or a box shadow on it,
 * or on an element of its label (a visually hidden radio's styled span).
 */
function focusedNow(): {
  target: string | null;
  group: string | null;
  shows: boolean;
  name: string;
} | null {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const visible = (element: Element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
  };
  const around = active.closest('label');
  const shows =
    visible(active) || (around !== null && [...around.querySelectorAll('*')].some(visible));
  return {
    target: active.getAttribute('data-walk-target'),
    group: active.getAttribute('data-walk-group'),
    shows,
    name: `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''} "${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`,
  };
}

/**
 * Tabs through the whole page from its top, once round, as a keyboard user would: every
 * marked element must take focus, and each focused element must show where focus is.
 */
export async function walkWithTab(page: Page, limit = 600): Promise<FocusWalk> {
  const total = await page.evaluate(markTargets);
  // Start before the first element: focus the document, then Tab.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const reached = new Set<string>();
  const reachedGroups = new Set<string>();
  const noIndicator = new Set<string>();
  let presses = 0;
  let first: string | undefined;
  while (presses < limit) {
    await page.keyboard.press('Tab');
    presses++;
    const now = await page.evaluate(focusedNow);
    if (!now) continue;
    if (!now.shows) noIndicator.add(now.name);
    const key = now.target ?? now.name;
    if (first === undefined) first = key;
    else if (key === first) break;
    if (now.target !== null) reached.add(now.target);
    if (now.group !== null) reachedGroups.add(now.group);
  }
  const unreached = await page.evaluate(
    ({ reachedList, groups }) =>
      [...document.querySelectorAll('[data-walk-target]')]
        .filter((element) => {
          if (reachedList.includes(element.getAttribute('data-walk-target') ?? '')) return false;
          const group = element.getAttribute('data-walk-group');
          return group === null || !groups.includes(group);
        })
        .map((element) => {
          const label =
            element.getAttribute('aria-label') ??
            (element as HTMLInputElement).labels?.[0]?.textContent ??
            element.textContent ??
            '';
          return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${label.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
        }),
    { reachedList: [...reached], groups: [...reachedGroups] },
  );
  if (total === 0) unreached.push('(no interactive element found)');
  return { unreached, noIndicator: [...noIndicator], presses };
}
