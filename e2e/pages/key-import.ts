import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { FailureNotice } from './app';
import { type KeyKind, KeysPanel } from './keys';

export interface ImportTerms {
  wrappingAlgorithm?: string;
  wrappingKeySpec?: string;
  /** KEY_MATERIAL_EXPIRES with this ValidTo (datetime-local, UTC); absent: does not expire. */
  validTo?: string;
}

/**
 * The selected EXTERNAL key's "Import key material" disclosure on the Keys screen, and the
 * key's Try it (Encrypt, then Decrypt).
 */
export class KeyImport {
  readonly page: Page;
  readonly keys: KeysPanel;
  readonly section: Locator;
  readonly state: Locator;
  readonly failure: FailureNotice;
  readonly tryIt: Locator;
  readonly tryFailure: FailureNotice;
  readonly decrypted: Locator;

  constructor(page: Page) {
    this.page = page;
    this.keys = new KeysPanel(page);
    this.section = this.keys.details.getByTestId('key-import');
    this.state = this.keys.details.getByTestId('selected-key-state');
    this.failure = new FailureNotice(this.section);
    this.tryIt = this.keys.details.getByRole('region', { name: 'Try it: encrypt and decrypt' });
    this.tryFailure = new FailureNotice(this.tryIt);
    this.decrypted = this.tryIt.getByTestId('try-decrypted');
  }

  /** Creates a key with Origin EXTERNAL (symmetric unless a kind is given) and selects it. */
  async createExternalKey(alias: string, kind?: KeyKind): Promise<string> {
    await this.keys.open();
    await this.keys.createForm.getByLabel('Origin').selectOption('EXTERNAL');
    const keyId = await this.keys.createKey(alias, 'Imported key material', kind);
    await this.keys.select(alias);
    await expect(this.state).toHaveText('PendingImport');
    return keyId;
  }

  async open(): Promise<void> {
    if ((await this.section.getAttribute('open')) === null)
      await this.section.getByText('Import key material', { exact: true }).click();
  }

  /** Step 1: GetParametersForImport; waits for the wrapping public key. */
  async getParameters(terms: ImportTerms = {}): Promise<void> {
    await this.open();
    if (terms.wrappingAlgorithm)
      await this.section.getByLabel('Wrapping algorithm').selectOption(terms.wrappingAlgorithm);
    if (terms.wrappingKeySpec)
      await this.section.getByLabel('Wrapping key spec').selectOption(terms.wrappingKeySpec);
    const publicKey = this.section.getByTestId('wrapping-public-key');
    const before = (await publicKey.count()) > 0 ? await publicKey.textContent() : undefined;
    await this.section.getByRole('button', { name: 'Get parameters for import' }).click();
    await expect(publicKey).toContainText('BEGIN PUBLIC KEY');
    // Each answer has a fresh wrapping key: wait for this one, not the last.
    if (before) await expect(publicKey).not.toHaveText(before);
  }

  /** Step 2: material made in the page; resolves to the bytes of its download. */
  async generateAndDownload(): Promise<Buffer> {
    await this.section.getByRole('button', { name: 'Generate the material in this page' }).click();
    await expect(this.section.getByTestId('import-material-held')).toContainText('generated');
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.section.getByRole('button', { name: 'Download the material you generated' }).click(),
    ]);
    return readFile((await download.path()) as string);
  }

  /** Step 2: material pasted (hex or base64, or a PEM private key). */
  async paste(text: string): Promise<void> {
    await this.section.getByLabel(/^Or paste your/).fill(text);
    await this.section.getByRole('button', { name: 'Use the pasted material' }).click();
    await expect(this.section.getByTestId('import-material-held')).toContainText('pasted');
  }

  /** Step 3: wrapped in the page; resolves to what the step says of the wrapped bytes. */
  async wrap(): Promise<string> {
    await this.section.getByRole('button', { name: 'Wrap the material' }).click();
    const wrapped = this.section.getByTestId('import-wrapped');
    await expect(wrapped).toContainText('EncryptedKeyMaterial');
    return (await wrapped.textContent()) ?? '';
  }

  /** Step 4: ImportKeyMaterial. Does not wait for success: check `state` or `failure`. */
  async importMaterial(terms: ImportTerms = {}): Promise<void> {
    if (terms.validTo) {
      await this.section.getByLabel('Expiration model').selectOption('KEY_MATERIAL_EXPIRES');
      await this.section.getByLabel('Valid to (UTC)').fill(terms.validTo);
    }
    await this.section.getByRole('button', { name: 'Import key material', exact: true }).click();
  }

  /** All four steps, the material pasted or generated; returns a generated one's download. */
  async importAll(material?: string, terms: ImportTerms = {}): Promise<Buffer | undefined> {
    await this.getParameters(terms);
    const downloaded = material === undefined ? await this.generateAndDownload() : undefined;
    if (material !== undefined) await this.paste(material);
    await this.wrap();
    await this.importMaterial(terms);
    return downloaded;
  }

  async deleteMaterial(): Promise<void> {
    await this.section.getByRole('button', { name: 'Delete imported key material' }).click();
    await this.section.getByRole('button', { name: 'Yes, delete the key material' }).click();
    await expect(this.state).toHaveText('PendingImport');
  }

  async encrypt(text: string): Promise<void> {
    await this.tryIt.getByLabel('Text to encrypt').fill(text);
    await this.tryIt.getByRole('button', { name: 'Encrypt', exact: true }).click();
    await expect(this.tryIt.getByTestId('try-ciphertext')).toContainText('CiphertextBlob');
  }

  async decrypt(): Promise<void> {
    await this.tryIt.getByRole('button', { name: 'Decrypt the ciphertext' }).click();
  }
}
