import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app';

/** The History screen's "Lab file" section: Export, Export with master keys, Import. */
export class LabFileSection {
  readonly page: Page;
  readonly shell: AppShell;
  readonly root: Locator;
  readonly exportButton: Locator;
  readonly exportWithKeys: Locator;
  readonly confirmWithKeys: Locator;
  readonly cancel: Locator;
  readonly importInput: Locator;
  readonly result: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.root = page.getByRole('region', { name: 'Lab file' });
    this.exportButton = this.root.getByRole('button', { name: 'Export', exact: true });
    this.exportWithKeys = this.root.getByRole('button', {
      name: 'Export with master keys',
      exact: true,
    });
    this.confirmWithKeys = this.root.getByRole('button', { name: 'Yes, export with master keys' });
    this.cancel = this.root.getByRole('button', { name: 'Cancel' });
    this.importInput = this.root.getByLabel('Import a lab file');
    this.result = this.root.getByTestId('lab-file-result');
    this.error = this.root.getByTestId('lab-file-error');
  }

  async open(): Promise<void> {
    await this.shell.open('History');
    await this.root.waitFor();
  }

  /** Exports (with master keys when asked, confirming) and resolves to the file's text. */
  async export(withMasterKeys = false): Promise<{ name: string; text: string }> {
    await this.open();
    const download = this.page.waitForEvent('download');
    if (withMasterKeys) {
      await this.exportWithKeys.click();
      await this.confirmWithKeys.click();
    } else await this.exportButton.click();
    const file = await download;
    const path = await file.path();
    await expect(this.result).toContainText('Exported');
    return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  /** Imports a lab file given as text. */
  async import(text: string, name = 'lab.json'): Promise<void> {
    await this.open();
    await this.importInput.setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
    await this.result.filter({ hasText: /\S/ }).or(this.error).first().waitFor();
  }
}
