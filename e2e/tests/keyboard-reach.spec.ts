import { expect, test } from '../fixtures';
import { PresenterMode } from '../pages/presenter';
import { DESKTOP, openScreen, prepareEveryScreen, SCREENS } from '../support/every-screen';
import { walkWithTab } from '../support/focus-walk';

// Keyboard-only use of every control: on every screen, filled as a session leaves it, Tab
// from the top of the page reaches every visible, enabled interactive element (a tab list,
// tree or radio group through its one tabbable item), and every element that takes focus
// shows it. The header (Presenter mode, Start here), the tour and the History screen's Lab
// file section are part of each walk.
test('Tab reaches every control of every screen, and each one shows a focus indicator', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);
  await prepareEveryScreen(page);
  const found: string[] = [];
  for (const screen of SCREENS) {
    await openScreen(page, screen);
    const walk = await walkWithTab(page);
    for (const element of walk.unreached)
      found.push(`${screen.name}: not reached by Tab: ${element}`);
    for (const element of walk.noIndicator)
      found.push(`${screen.name}: no visible focus indicator: ${element}`);
  }
  // Presenter mode's big Next too.
  await new PresenterMode(page).turnOn();
  const walk = await walkWithTab(page);
  for (const element of walk.unreached) found.push(`presenter: not reached by Tab: ${element}`);
  for (const element of walk.noIndicator)
    found.push(`presenter: no visible focus indicator: ${element}`);
  expect(found).toEqual([]);

  // The walk can fail: a control with its focus outline taken away is reported, and so is
  // one that a script keeps out of reach (it loses focus at once).
  await page.evaluate(() => {
    const bare = document.createElement('button');
    bare.textContent = 'Control without outline';
    bare.style.cssText = 'outline: none !important; box-shadow: none !important';
    const slippery = document.createElement('button');
    slippery.textContent = 'Control that drops focus';
    slippery.addEventListener('focus', () => slippery.blur());
    document.querySelector('main')?.prepend(bare, slippery);
  });
  const control = await walkWithTab(page);
  expect(control.noIndicator).toContain('button "Control without outline"');
  expect(control.unreached).toEqual(['button "Control that drops focus"']);
});
