import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures';
import { PresenterMode } from '../pages/presenter';
import { TOUR_STEPS, TourPanel } from '../pages/tour';
import { DESKTOP, openScreen, PHONE, prepareEveryScreen, SCREENS } from '../support/every-screen';
import { walkTheTour } from '../support/tour';

/**
 * Pictures of every tour step and every screen at a phone's and a desktop's size, written to
 * e2e/screenshots/<width>x<height>/ on every run. Git ignores them (e2e/.gitignore): each run
 * has new key IDs, keys and times, so committed pictures would change on every run. PNG, so
 * text stays sharp; the tour is pictured as its own element, each screen as the whole page
 * with the tour closed, and each tour step in presenter mode as the window shows it.
 */
const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

for (const viewport of [PHONE, DESKTOP]) {
  test(`screenshots of each tour step and each screen at ${viewport.width}x${viewport.height}`, async ({
    page,
  }) => {
    const folder = join(FOLDER, `${viewport.width}x${viewport.height}`);
    mkdirSync(folder, { recursive: true });
    const shot = { animations: 'disabled', caret: 'hide' } as const;
    await page.setViewportSize(viewport);
    // The pictures show what the learner sees, without the diagram's transition midway.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const tour = new TourPanel(page);
    await page.goto('/');

    await walkTheTour(page, {
      data: 'Invoice 1042: 250 EUR, due 31 March',
      atEachMoment: async ({ index, name }) => {
        await tour.root.screenshot({ ...shot, path: join(folder, `tour-${index}-${name}.png`) });
      },
    });

    // The screens, filled as a learner's session leaves them (the same as the a11y checks).
    await prepareEveryScreen(page);
    await tour.close();
    for (const [index, screen] of SCREENS.entries()) {
      await openScreen(page, screen);
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await page.screenshot({
        ...shot,
        fullPage: true,
        path: join(folder, `screen-${index + 1}-${slug(screen.name)}.png`),
      });
    }

    // Presenter mode: each tour step as the audience sees it (the window, not the whole page),
    // one big Next at a time.
    const presenter = new PresenterMode(page);
    await presenter.turnOn();
    await tour.stepLink(1).click();
    for (const [index, step] of TOUR_STEPS.entries()) {
      await expect(tour.step).toHaveAttribute('data-step', step.id);
      await tour.root.scrollIntoViewIfNeeded();
      await page.screenshot({
        ...shot,
        path: join(folder, `presenter-${index + 1}-${step.id}.png`),
      });
      if (index < TOUR_STEPS.length - 1) await presenter.next.click();
    }
    await presenter.turnOff();
  });
}
