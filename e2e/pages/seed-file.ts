import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app';

/** The History screen's "Seed file" section: Import a seed file. */
export class SeedFileSection {
  readonly page: Page;
  readonly shell: AppShell;
  readonly root: Locator;
  readonly importInput: Locator;
  readonly result: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.root = page.getByRole('region', { name: 'Seed file' });
    this.importInput = this.root.getByLabel('Import a seed file');
    this.result = this.root.getByRole('status');
    this.error = this.root.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.shell.open('History');
    await this.root.waitFor();
  }

  /** Imports a seed file given as text, and waits for the outcome. */
  async import(text: string, name = 'seed.yaml'): Promise<void> {
    await this.open();
    await this.importInput.setInputFiles({
      name,
      mimeType: 'application/yaml',
      buffer: Buffer.from(text, 'utf8'),
    });
    await this.result.filter({ hasText: /\S/ }).or(this.error).first().waitFor();
  }
}
