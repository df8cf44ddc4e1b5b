import { expect, type Locator, type Page } from '@playwright/test';

/** The tour's steps, in order: the id each has (`data-step`) and the button that does it. */
export const TOUR_STEPS = [
  { id: 'create-master-key', title: 'Create a master key', action: 'Create the master key' },
  { id: 'generate-pair', title: 'Generate a data key pair', action: 'Generate the data key pair' },
  {
    id: 'use-public-key',
    title: 'Encrypt with the public key',
    action: 'Encrypt with the public key',
  },
  {
    id: 'store-blob',
    title: 'Store the blob beside the data',
    action: 'Store the blob beside the data',
  },
  {
    id: 'decrypt-blob',
    title: 'Decrypt the blob when needed',
    action: 'Decrypt the blob with KMS',
  },
  {
    id: 'use-private-key',
    title: 'Use the private key, then forget it',
    action: 'Decrypt the data with the private key',
  },
] as const;

export type DiagramPart =
  | 'master-key'
  | 'data-key-pair'
  | 'public-key'
  | 'private-key'
  | 'encrypted-private-key'
  | 'data';

/** "Start here": the tour beside the screens, and the header button that opens and closes it. */
export class TourPanel {
  readonly page: Page;
  readonly root: Locator;
  readonly startHere: Locator;
  readonly progress: Locator;
  readonly step: Locator;
  readonly stepText: Locator;
  readonly diagram: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('complementary', { name: 'Start here' });
    this.startHere = page.getByRole('banner').getByRole('button', { name: 'Start here' });
    this.progress = this.root.getByTestId('tour-progress');
    this.step = this.root.getByTestId('tour-step');
    this.stepText = this.root.getByTestId('tour-step-text');
    this.diagram = this.root.getByRole('figure', { name: 'Envelope encryption, with your values' });
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** The step's entry in the list of steps (its name ends with "(done)" once done). */
  stepLink(number: number): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^Step ${number}: `) });
  }

  part(name: DiagramPart): Locator {
    return this.root.locator(`[data-testid="tour-part"][data-part="${name}"]`);
  }

  value(name: DiagramPart): Locator {
    return this.root.getByTestId(`tour-value-${name}`);
  }

  /** Waits until the shown step is `id` (1-based `number`) and done. */
  async expectDone(number: number): Promise<void> {
    const step = TOUR_STEPS[number - 1];
    if (!step) throw new Error(`There is no step ${number}.`);
    await expect(this.step).toHaveAttribute('data-step', step.id);
    await expect(this.step).toHaveAttribute('data-done', 'true');
    await expect(this.stepLink(number)).toHaveAccessibleName(
      `Step ${number}: ${step.title} (done)`,
    );
  }

  async close(): Promise<void> {
    await this.button('Close the tour').click();
    await expect(this.root).toHaveCount(0);
  }
}
