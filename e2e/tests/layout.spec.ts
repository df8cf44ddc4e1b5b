import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  controlsOutsideTheirBox,
  DESKTOP,
  openScreen,
  PHONE,
  prepareEveryScreen,
  SCREENS,
  sidewaysOverflow,
  tabsOffScreen,
  WIDTHS,
} from '../support/every-screen';

/** How the History rows are laid out: their CSS display, and the action buttons' boxes. */
async function historyLayout(page: Page) {
  const row = page.getByTestId('history-row').first();
  const display = await row.evaluate((element) => getComputedStyle(element).display);
  const buttons = await row.getByRole('button').evaluateAll((elements) =>
    elements.map((element) => {
      const style = getComputedStyle(element);
      const padding = Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
      return {
        top: Math.round(element.getBoundingClientRect().top),
        lines: Math.round((element.clientHeight - padding) / Number.parseFloat(style.lineHeight)),
      };
    }),
  );
  return { display, buttons };
}

test('no screen scrolls sideways, hides a tab or lets a control out of its card, 360 to 1920 px wide; History is cards, then a table', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await prepareEveryScreen(page);
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const screen of SCREENS) {
      await openScreen(page, screen);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) found.push(`${width}px ${screen.name}: the page is ${overflow}px too wide`);
      for (const tab of await tabsOffScreen(page))
        found.push(`${width}px ${screen.name}: tab ${tab} is off screen`);
      for (const control of await controlsOutsideTheirBox(page))
        found.push(`${width}px ${screen.name}: ${control}`);
    }
  }
  expect(found).toEqual([]);

  // The History screen is open (the last of SCREENS): one card per entry on a phone…
  await page.setViewportSize(PHONE);
  await expect(page.getByRole('table', { name: /History/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Outcome' })).toHaveCount(1);
  const phone = await historyLayout(page);
  expect(phone.display, 'a row is a card').toBe('block');
  // …and a table on a desktop, whose action buttons sit side by side, each label on one line.
  await page.setViewportSize(DESKTOP);
  const desktop = await historyLayout(page);
  expect(desktop.display).toBe('table-row');
  expect(desktop.buttons.length).toBeGreaterThan(1);
  expect(new Set(desktop.buttons.map((button) => button.top)).size).toBe(1);
  expect(desktop.buttons.map((button) => button.lines)).toEqual(desktop.buttons.map(() => 1));
});

test('the dark theme follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(19, 23, 28)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(244, 246, 248)');
});
