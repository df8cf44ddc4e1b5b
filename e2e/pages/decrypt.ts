import type { Locator, Page } from '@playwright/test';
import { AppShell, FailureNotice, textOf } from './app';
import { type Encoding, removeContextPairs, showEncoding } from './generate';

/** The Decrypt screen: Decrypt (AWS) or AdvanceDecrypt (Alibaba), as the blob says. */
export class DecryptPanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly panel: Locator;
  readonly output: Locator;
  readonly failure: FailureNotice;
  readonly api: Locator;
  readonly historyMatch: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.panel = this.shell.panel;
    this.output = page.getByRole('region', { name: 'Decrypted private key' });
    this.failure = new FailureNotice(this.panel);
    this.api = this.panel.getByTestId('decrypt-api');
    this.historyMatch = this.panel.getByTestId('history-match');
  }

  async open(): Promise<void> {
    await this.shell.open('Decrypt');
    await this.blobInput().waitFor();
  }

  blobInput(): Locator {
    return this.panel.getByLabel('Ciphertext blob (base64)');
  }

  aadInput(): Locator {
    return this.panel.getByLabel('Aad (UTF-8 text)');
  }

  contextValue(index: number): Locator {
    return this.panel.getByLabel(`Context value ${index}`);
  }

  /** Types a blob and its encryption context, replacing what the form holds. */
  async fill(blobBase64: string, context: Record<string, string> = {}): Promise<void> {
    await this.blobInput().fill(blobBase64);
    if (await this.panel.getByRole('button', { name: 'Add context pair' }).isVisible())
      await removeContextPairs(this.panel);
    let index = 1;
    for (const [key, value] of Object.entries(context)) {
      await this.panel.getByRole('button', { name: 'Add context pair' }).click();
      await this.panel.getByLabel(`Context key ${index}`).fill(key);
      await this.contextValue(index).fill(value);
      index += 1;
    }
  }

  /** Presses Decrypt and waits for the result or a failure. */
  async decrypt(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Decrypt', exact: true }).click();
    await this.output.or(this.failure.root).first().waitFor();
  }

  /** The decrypted private key as PEM (revealing it first). */
  async privateKeyPem(): Promise<string> {
    return this.privateKey('PEM');
  }

  /** The decrypted private key in one view: PEM, or base64 and hex of the bytes returned. */
  async privateKey(view: Encoding): Promise<string> {
    const reveal = this.output.getByRole('button', { name: 'Reveal PrivateKey' });
    if (await reveal.isVisible()) await reveal.click();
    await showEncoding(this.output, view);
    return this.output.getByLabel(`PrivateKey ${view}`, { exact: true }).inputValue();
  }

  keyId(): Promise<string> {
    return textOf(this.output.getByTestId('decrypt-key-id'));
  }
}
