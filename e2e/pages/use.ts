import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app';

/** The "Use the pair" screen: sign and verify, encrypt and decrypt with a data key pair. */
export class UsePanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly panel: Locator;
  readonly spec: Locator;
  readonly verifyResult: Locator;
  readonly signature: Locator;
  readonly ciphertext: Locator;
  readonly decryptedText: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.panel = this.shell.panel;
    this.spec = this.panel.getByTestId('use-pair-spec');
    this.verifyResult = this.panel.getByTestId('verify-result');
    this.signature = this.panel.getByLabel('Signature (base64)');
    this.ciphertext = this.panel.getByLabel('Ciphertext (base64)');
    this.decryptedText = this.panel.getByTestId('decrypted-text');
  }

  async open(): Promise<void> {
    await this.shell.open('Use the pair');
  }

  /** Signs a message; resolves to the signature's base64 as the page shows it. */
  async sign(algorithm: string, message: string): Promise<string> {
    await this.panel.getByLabel('Signing algorithm').selectOption(algorithm);
    await this.panel.getByLabel('Message', { exact: true }).fill(message);
    await this.signature.fill('');
    await this.panel.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(this.signature).not.toHaveValue('');
    return this.signature.inputValue();
  }

  /** Verifies what the form holds; the outcome shows in `verifyResult`. */
  async verify(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Verify', exact: true }).click();
  }

  async setMessage(message: string): Promise<void> {
    await this.panel.getByLabel('Message', { exact: true }).fill(message);
  }

  /** Encrypts with the public key; resolves to the ciphertext's base64. */
  async encrypt(algorithm: string, plaintext: string): Promise<string> {
    await this.panel.getByLabel('Encryption algorithm').selectOption(algorithm);
    await this.panel.getByLabel('Plaintext to encrypt').fill(plaintext);
    await this.ciphertext.fill('');
    await this.panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
    await expect(this.ciphertext).not.toHaveValue('');
    return this.ciphertext.inputValue();
  }

  /** The ML-KEM card: encapsulate, decapsulate, and both secrets side by side. */
  kemCard(): Locator {
    return this.panel.getByRole('region', { name: 'Encapsulate and decapsulate', exact: true });
  }

  kemCiphertext(): Locator {
    return this.kemCard().getByLabel('Ciphertext (base64)');
  }

  /** Encapsulates to the pair's public key; resolves to the ciphertext's base64. */
  async encapsulate(): Promise<string> {
    await this.kemCiphertext().fill('');
    await this.kemCard().getByRole('button', { name: 'Encapsulate', exact: true }).click();
    await expect(this.kemCiphertext()).not.toHaveValue('');
    return this.kemCiphertext().inputValue();
  }

  /** Decapsulates what the card holds (or `ciphertextBase64`) with the pair's private key. */
  async decapsulate(ciphertextBase64?: string): Promise<void> {
    if (ciphertextBase64 !== undefined) await this.kemCiphertext().fill(ciphertextBase64);
    await this.kemCard()
      .getByRole('button', { name: 'Decapsulate with private key', exact: true })
      .click();
  }

  async decryptWithPrivateKey(ciphertextBase64: string): Promise<void> {
    await this.ciphertext.fill(ciphertextBase64);
    await this.panel.getByRole('button', { name: 'Decrypt with private key' }).click();
  }
}
