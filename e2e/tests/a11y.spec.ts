import { expect, test } from '../fixtures';
import { axeViolations } from '../support/axe';
import { DESKTOP, openScreen, PHONE, prepareEveryScreen, SCREENS } from '../support/every-screen';

// Every screen with content on it, at a phone's size and a desktop's: axe-core finds nothing.
// The dark theme is scanned at the phone's size too (its colours do not change with width).
// The "Start here" tour, open on a first visit and following the session, is the same beside
// every screen: it is scanned with the first (and at each of its steps by tour.spec.ts).
for (const [viewport, schemes] of [
  [PHONE, ['light', 'dark']],
  [DESKTOP, ['light']],
] as const) {
  test(`axe finds no violation on any screen at ${viewport.width}x${viewport.height} (${schemes.join(', ')})`, async ({
    page,
  }) => {
    // A session's worth of screens and up to twelve axe scans: more than the default minute on
    // a loaded two-core machine.
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await prepareEveryScreen(page);
    await expect(page.getByRole('main').getByRole('tabpanel')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Start here' })).toBeVisible();
    const found: string[] = [];
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      for (const screen of SCREENS) {
        await openScreen(page, screen);
        const without = screen === SCREENS[0] ? undefined : '#start-here';
        for (const violation of await axeViolations(page, { without }))
          found.push(`${colorScheme} ${screen.name}: ${violation}`);
      }
    }
    expect(found).toEqual([]);
  });
}
