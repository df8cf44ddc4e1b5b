import type { Locator, Page } from '@playwright/test';

export type ScreenName =
  | 'Keys'
  | 'Generate'
  | 'Decrypt'
  | 'Use the pair'
  | 'Use a KMS key'
  | 'Enclave'
  | 'History';

/** The app shell: screen tabs, the visible panel, and how a failure is shown. */
export class AppShell {
  readonly page: Page;
  readonly panel: Locator;

  constructor(page: Page) {
    this.page = page;
    this.panel = page.getByRole('tabpanel');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('heading', { name: 'KMS Lab', level: 1 }).waitFor();
  }

  tab(name: ScreenName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async open(name: ScreenName): Promise<void> {
    await this.tab(name).click();
  }
}

/** A failure notice (role alert): the exception name, plain words, the engine's message. */
export class FailureNotice {
  readonly root: Locator;
  readonly name: Locator;
  readonly explanation: Locator;
  readonly message: Locator;

  constructor(scope: Locator) {
    this.root = scope.getByRole('alert').and(scope.getByTestId('failure'));
    this.name = this.root.getByTestId('failure-name');
    this.explanation = this.root.getByTestId('failure-explanation');
    this.message = this.root.getByTestId('failure-message');
  }
}

/** An output element's text, trimmed (empty when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}
