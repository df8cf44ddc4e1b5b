import type { Locator, Page } from '@playwright/test';

/**
 * Presses Tab until `target` has focus, as a keyboard user would: Shift+Tab when it comes
 * before the focused element. Fails after `limit` presses. Only the keyboard moves focus.
 */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  const where = await target.evaluate((element) => {
    const active = document.activeElement;
    if (active === element) return 'here';
    if (!active || active === document.body) return 'after';
    return element.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING
      ? 'before'
      : 'after';
  });
  if (where === 'here') return;
  const key = where === 'before' ? 'Shift+Tab' : 'Tab';
  const handle = await target.elementHandle();
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (await handle?.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${limit} presses of ${key} did not reach ${target}`);
}

/** Counts pointer events in the page from now on: a keyboard-only test expects none. */
export async function countPointerEvents(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const counter = { count: 0 };
    Object.assign(window, { __kmsLabPointer: counter });
    for (const type of ['pointerdown', 'mousedown', 'touchstart'])
      window.addEventListener(type, () => counter.count++, { capture: true });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { __kmsLabPointer: { count: number } }).__kmsLabPointer.count,
    );
}
