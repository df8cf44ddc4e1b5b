import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { PresenterMode } from '../pages/presenter';
import { TOUR_STEPS } from '../pages/tour';
import { axeViolations } from '../support/axe';
import {
  DESKTOP,
  layoutProblems,
  openScreen,
  prepareEveryScreen,
  SCREENS,
} from '../support/every-screen';

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box`);
  return found;
};

test('presenter mode: larger type, the tour one step per click of a big Next, step and diagram full width; kept across reload; the shortcut leaves it and the layout comes back', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const presenter = new PresenterMode(page);
  const { tour } = presenter;
  await page.goto('/');
  await tour.close();
  await expect(presenter.toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(presenter.toggle).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+P');
  await expect(presenter.shortcutHint).toHaveText('Shortcut: Alt+Shift+P');
  await expect(presenter.toggle).toHaveAccessibleDescription('Shortcut: Alt+Shift+P');
  const normalSize = await presenter.rootFontSize();
  // Side by side in the normal layout at 1440 px.
  await tour.startHere.click();
  const normalStep = await box(tour.step);
  const normalDiagram = await box(tour.diagram);
  expect(normalDiagram.x).toBeGreaterThan(normalStep.x + normalStep.width - 1);
  await tour.close();

  // On: the tour opens, the type grows, the step and the diagram each take the full width.
  await presenter.turnOn();
  await expect(tour.root).toBeVisible();
  expect(await presenter.rootFontSize()).toBeGreaterThan(normalSize * 1.2);
  const body = await box(tour.root.locator('.tour-body'));
  const step = await box(tour.step);
  const diagram = await box(tour.diagram);
  expect(step.width).toBeGreaterThan(body.width - 2);
  expect(diagram.width).toBeGreaterThan(body.width - 2);
  expect(diagram.y).toBeGreaterThan(step.y + step.height - 1);
  const partValueSize = await tour
    .value('master-key')
    .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  expect(partValueSize, 'the diagram in large type').toBeGreaterThanOrEqual(normalSize * 1.2);

  // One step per click of the big Next; focus stays on it. axe finds nothing at any step.
  await expect(tour.button('Next step')).toHaveCount(0);
  const violations: string[] = [];
  for (const [index, each] of TOUR_STEPS.entries()) {
    await expect(tour.step).toHaveAttribute('data-step', each.id);
    for (const violation of await axeViolations(page, { within: '#start-here' }))
      violations.push(`step ${index + 1}: ${violation}`);
    if (index < TOUR_STEPS.length - 1) {
      await presenter.next.click();
      if (index < TOUR_STEPS.length - 2) await expect(presenter.next).toBeFocused();
      else await expect(tour.root.getByRole('heading', { name: /^Step 6 of 6/ })).toBeFocused();
    }
  }
  await expect(presenter.next).toBeDisabled();
  expect(violations).toEqual([]);
  await tour.stepLink(2).click();

  // Kept across a reload.
  await page.reload();
  await expect(presenter.toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(tour.root).toHaveAttribute('data-presenter', 'true');
  expect(await presenter.rootFontSize()).toBeGreaterThan(normalSize * 1.2);

  // The shortcut leaves it: normal type, the diagram beside the step, "Next step" again.
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(presenter.toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await presenter.rootFontSize()).toBe(normalSize);
  await expect(tour.button('Next step')).toBeVisible();
  await expect(tour.root).toHaveAttribute('data-presenter', 'false');
  const afterStep = await box(tour.step);
  const afterDiagram = await box(tour.diagram);
  expect(afterDiagram.x).toBeGreaterThan(afterStep.x + afterStep.width - 1);
  await page.reload();
  await expect(presenter.toggle).toHaveAttribute('aria-pressed', 'false');
  // And the shortcut turns it on again.
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(presenter.toggle).toHaveAttribute('aria-pressed', 'true');
});

test('presenter mode scrolls no screen sideways at 1280x720, 1920x1080 and 390x844, and axe finds nothing in it', async ({
  page,
}) => {
  // A session's worth of screens, three sizes, seven axe scans: more than the default minute
  // on a loaded two-core machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const presenter = new PresenterMode(page);
  await prepareEveryScreen(page);
  await presenter.turnOn();
  const found: string[] = [];
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    for (const screen of SCREENS) {
      await openScreen(page, screen);
      for (const problem of await layoutProblems(page))
        found.push(`${viewport.width}x${viewport.height} ${screen.name}: ${problem}`);
    }
  }
  expect(found).toEqual([]);

  // axe: every screen with the presenter's tour beside it at a projector's size; the tour
  // again at a phone's (the screens' own markup does not change with presenter mode).
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const screen of SCREENS) {
    await openScreen(page, screen);
    const without = screen === SCREENS[0] ? undefined : '#start-here';
    for (const violation of await axeViolations(page, { without }))
      found.push(`1280x720 ${screen.name}: ${violation}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  for (const violation of await axeViolations(page, { within: '#start-here' }))
    found.push(`390x844 tour: ${violation}`);
  expect(found).toEqual([]);
});
