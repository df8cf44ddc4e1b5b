import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app';

/** An asymmetric or HMAC key's KeySpec and KeyUsage, as the Create form offers them. */
export interface KeyKind {
  keySpec: string;
  keyUsage: string;
}

/** The Keys screen: create master keys, list them, and manage the selected one. */
export class KeysPanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly createForm: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly details: Locator;
  readonly rotationRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.createForm = page.getByRole('form', { name: 'Create a master key' });
    this.table = page.getByTestId('keys-table');
    this.rows = page.getByTestId('key-row');
    this.details = page.getByTestId('key-details');
    this.rotationRows = this.details.getByTestId('rotation-row');
  }

  async open(): Promise<void> {
    await this.shell.open('Keys');
  }

  /**
   * Creates a master key with an alias: symmetric unless a spec and usage are given;
   * resolves to its key ID.
   */
  async createKey(alias: string, description = '', kind?: KeyKind): Promise<string> {
    await this.open();
    const before = await this.rows.count();
    await this.createForm.getByLabel('Alias (optional)').fill(alias);
    await this.createForm.getByLabel('Description').fill(description);
    await this.createForm.getByLabel('Key spec').selectOption(kind?.keySpec ?? 'SYMMETRIC_DEFAULT');
    if (kind) await this.createForm.getByLabel('Key usage').selectOption(kind.keyUsage);
    await this.createForm.getByRole('button', { name: 'Create key' }).click();
    // The app adds the alias/ prefix when it is left out.
    const row = this.rowOf(alias.startsWith('alias/') ? alias : `alias/${alias}`);
    await row.waitFor();
    if ((await this.rows.count()) !== before + 1)
      throw new Error(`Creating ${alias} did not add exactly one row to the keys table.`);
    const keyId = await row.getAttribute('data-key-id');
    if (!keyId) throw new Error(`The row of ${alias} has no data-key-id.`);
    return keyId;
  }

  /**
   * Creates a SYMMETRIC_DEFAULT key whose material may be exported (the Create form's
   * checkbox); resolves to its key ID.
   */
  async createExportableKey(alias: string, description = ''): Promise<string> {
    await this.open();
    await this.createForm.getByLabel('Key spec').selectOption('SYMMETRIC_DEFAULT');
    await this.createForm
      .getByRole('checkbox', { name: /^Allow this key's material to be exported/ })
      .check();
    return this.createKey(alias, description);
  }

  /** Creates an asymmetric or HMAC key of this spec and usage; resolves to its key ID. */
  createKmsKey(alias: string, keySpec: string, keyUsage: string): Promise<string> {
    return this.createKey(alias, '', { keySpec, keyUsage });
  }

  /** The table row whose manage button names this alias (or key ID). */
  rowOf(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('button', { name: `Manage key ${name}` }) });
  }

  async select(name: string): Promise<void> {
    await this.open();
    await this.page.getByRole('button', { name: `Manage key ${name}` }).click();
    await this.details.waitFor();
  }

  /** Rotates the selected key now and waits for the new key material row. */
  async rotateNow(): Promise<void> {
    const before = await this.rotationRows.count();
    await this.details.getByRole('button', { name: 'Rotate now', exact: true }).click();
    await this.rotationRows.nth(before).waitFor();
  }
}
