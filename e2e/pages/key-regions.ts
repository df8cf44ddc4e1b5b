import { expect, type Locator, type Page } from '@playwright/test';
import { FailureNotice } from './app';
import { KeysPanel } from './keys';

/** The selected multi-Region key's Regions on the Keys screen, and its cross-Region Try it. */
export class KeyRegions {
  readonly page: Page;
  readonly keys: KeysPanel;
  readonly section: Locator;
  readonly entries: Locator;
  readonly primaryRegion: Locator;
  readonly failure: FailureNotice;
  readonly tryIt: Locator;

  constructor(page: Page) {
    this.page = page;
    this.keys = new KeysPanel(page);
    this.section = this.keys.details.getByRole('region', {
      name: 'Regions of this multi-Region key',
    });
    this.entries = this.section.getByTestId('region-entry');
    this.primaryRegion = this.section.getByTestId('primary-region');
    this.failure = new FailureNotice(this.section);
    this.tryIt = this.section.getByRole('region', { name: 'Try it: encrypt and decrypt' });
  }

  /** Creates a multi-Region symmetric key with this alias and selects it; resolves to its ID. */
  async createMultiRegionKey(alias: string): Promise<string> {
    await this.keys.open();
    await this.keys.createForm.getByRole('checkbox', { name: 'Multi-Region key' }).check();
    const keyId = await this.keys.createKey(alias, 'Multi-Region');
    await this.keys.select(alias);
    await expect(this.primaryRegion).toBeVisible();
    return keyId;
  }

  /** ReplicateKey to this Region; waits for it in MultiRegionConfiguration. */
  async replicateTo(region: string): Promise<void> {
    await this.section.getByLabel('Replicate to Region').selectOption(region);
    await this.section.getByRole('button', { name: 'Replicate key' }).click();
    await expect(this.entries.and(this.page.locator(`[data-region="${region}"]`))).toContainText(
      'Replica',
    );
  }

  async updatePrimaryTo(region: string): Promise<void> {
    await this.section.getByLabel('New primary Region').selectOption(region);
    await this.section.getByRole('button', { name: 'Update primary Region' }).click();
    await expect(this.primaryRegion).toHaveText(region);
  }

  /** Encrypts in one Region, decrypts in another; resolves to the decrypted text. */
  async acrossRegions(text: string, from: string, to: string): Promise<string> {
    await this.tryIt.getByLabel('Text to encrypt').fill(text);
    await this.tryIt.getByLabel('Encrypt in Region').selectOption(from);
    await this.tryIt.getByRole('button', { name: 'Encrypt', exact: true }).click();
    await expect(this.tryIt.getByTestId('try-ciphertext')).toContainText(`made in ${from}`);
    await this.tryIt.getByLabel('Decrypt in Region').selectOption(to);
    await this.tryIt.getByRole('button', { name: 'Decrypt the ciphertext' }).click();
    const decrypted = this.tryIt.getByTestId('try-decrypted');
    await decrypted.waitFor();
    return (await decrypted.textContent()) ?? '';
  }
}
