import type { Locator, Page } from '@playwright/test';

/** The sample app of @kms-lab/playwright's example (example-app/): one page, two forms. */
export class ExampleAppPage {
  readonly page: Page;
  readonly keyId: Locator;
  readonly message: Locator;
  readonly encryptAndDecrypt: Locator;
  readonly description: Locator;
  readonly createKey: Locator;
  readonly status: Locator;
  readonly ciphertext: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.keyId = page.getByRole('textbox', { name: 'Key ID' });
    this.message = page.getByRole('textbox', { name: 'Message' });
    this.encryptAndDecrypt = page.getByRole('button', { name: 'Encrypt and decrypt' });
    this.description = page.getByRole('textbox', { name: 'Description' });
    this.createKey = page.getByRole('button', { name: 'Create key' });
    this.status = page.getByRole('status');
    this.ciphertext = page.getByRole('textbox', { name: 'Ciphertext (base64)' });
    this.error = page.getByRole('alert');
  }

  /** Opens the app pointed at `endpoint`, as the app's deployment would configure it. */
  async open(endpoint: string): Promise<void> {
    await this.page.goto(`/?endpoint=${encodeURIComponent(endpoint)}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  async encrypt(keyId: string, message: string): Promise<void> {
    await this.keyId.fill(keyId);
    await this.message.fill(message);
    await this.encryptAndDecrypt.click();
  }

  async create(description: string): Promise<void> {
    await this.description.fill(description);
    await this.createKey.click();
  }

  /** The ciphertext the page shows, decoded from base64. */
  async ciphertextBytes(): Promise<Uint8Array> {
    return new Uint8Array(Buffer.from(await this.ciphertext.inputValue(), 'base64'));
  }
}
