import { expect, type Locator, type Page } from '@playwright/test';
import { TourPanel } from './tour';

/** Presenter mode: the header's toggle, its shortcut, and the tour's big "Next". */
export class PresenterMode {
  readonly page: Page;
  readonly tour: TourPanel;
  readonly toggle: Locator;
  readonly shortcutHint: Locator;
  readonly next: Locator;

  constructor(page: Page) {
    this.page = page;
    this.tour = new TourPanel(page);
    this.toggle = page.getByRole('banner').getByRole('button', { name: 'Presenter mode' });
    this.shortcutHint = page.getByRole('banner').locator('#presenter-shortcut');
    this.next = this.tour.root.getByRole('button', { name: 'Next', exact: true });
  }

  async turnOn(): Promise<void> {
    await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(this.tour.root).toHaveAttribute('data-presenter', 'true');
  }

  async turnOff(): Promise<void> {
    await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-pressed', 'false');
  }

  /** The root element's font size in px (presenter mode makes it larger). */
  rootFontSize(): Promise<number> {
    return this.page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
    );
  }
}
