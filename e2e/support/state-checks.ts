import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { layoutProblems, PHONE, WIDTHS } from './every-screen';

/**
 * A check to call in each state a test reaches: axe in the light theme at `viewport`, and on
 * the phone viewport also in the dark theme (its colours do not change with width) and the
 * layout at every width from 360 to 1920 px. What it finds goes into `found`, one line each,
 * named by the state; the viewport is restored after each call.
 */
export function stateChecker(page: Page, viewport: typeof PHONE, found: string[]) {
  return async (state: string): Promise<void> => {
    for (const violation of await axeViolations(page, { without: '#start-here' }))
      found.push(`${state}: ${violation}`);
    if (viewport !== PHONE) return;
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const violation of await axeViolations(page, { without: '#start-here' }))
      found.push(`${state} (dark): ${violation}`);
    await page.emulateMedia({ colorScheme: 'light' });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const problem of await layoutProblems(page))
        found.push(`${state} ${width}px: ${problem}`);
    }
    await page.setViewportSize(viewport);
  };
}
