import { expect, type Locator, type Page } from '@playwright/test';
import { TOUR_STEPS, TourPanel } from '../pages/tour';
import { tabTo } from './keyboard';

/** A moment of the tour: 0 before anything is done, then each step once done. */
export interface TourMoment {
  index: number;
  /** `start`, then the step's id (`create-master-key`…). */
  name: string;
}

/**
 * Walks the whole tour with its own buttons, from a first visit: each step's action (step 3
 * encrypts `data`, step 6 decrypts it and forgets the private key), then "Next step".
 * `atEachMoment` runs at the start and once each step is done, with its "what happened"
 * text shown. With `keyboard`, only Tab, Shift+Tab, Enter and typing are used.
 */
export async function walkTheTour(
  page: Page,
  {
    data,
    keyboard = false,
    atEachMoment,
  }: {
    data: string;
    keyboard?: boolean;
    atEachMoment: (moment: TourMoment) => Promise<void>;
  },
): Promise<void> {
  const tour = new TourPanel(page);
  const press = async (target: Locator) => {
    if (!keyboard) return target.click();
    await tabTo(page, target);
    await page.keyboard.press('Enter');
  };
  await expect(tour.progress).toHaveText('0 of 6 steps done.');
  await atEachMoment({ index: 0, name: 'start' });
  for (const [index, step] of TOUR_STEPS.entries()) {
    const number = index + 1;
    await expect(tour.step).toHaveAttribute('data-step', step.id);
    if (step.id === 'use-public-key') {
      const field = tour.root.getByLabel('Your data (a short message)');
      if (keyboard) {
        await tabTo(page, field);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(data);
      } else await field.fill(data);
    }
    await press(tour.button(step.action));
    if (step.id === 'use-private-key') await press(tour.button('Forget the private key'));
    await tour.expectDone(number);
    await atEachMoment({ index: number, name: step.id });
    if (number < TOUR_STEPS.length) await press(tour.button('Next step'));
  }
}
