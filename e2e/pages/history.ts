import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app';

/** The History screen: every data key operation, public keys and blobs only. */
export class HistoryPanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.table = page.getByRole('table', { name: /History/ });
    this.rows = page.getByTestId('history-row');
  }

  async open(): Promise<void> {
    await this.shell.open('History');
  }

  /** The newest entry's number. */
  async newestId(): Promise<string> {
    const id = await this.rows.first().getAttribute('data-history-id');
    if (!id) throw new Error('The history has no entry.');
    return id;
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-history-id="${id}"]`);
  }

  async decryptEntry(id: string): Promise<void> {
    await this.page.getByRole('button', { name: `Decrypt entry #${id}`, exact: true }).click();
  }

  async useEntry(id: string): Promise<void> {
    await this.page.getByRole('button', { name: `Use entry #${id}`, exact: true }).click();
  }
}
