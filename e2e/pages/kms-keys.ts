import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, FailureNotice } from './app';
import { showEncoding } from './generate';

/** The cards of the "Use a KMS key" screen, by their headings (each card is a region). */
export type KmsCard =
  | 'Get the public key'
  | 'Sign and verify'
  | 'Encrypt and decrypt'
  | 'Derive a shared secret'
  | 'Generate and verify a MAC'
  | 'Encapsulate and decapsulate'
  | 'Re-encrypt a ciphertext';

export interface SignRequest {
  algorithm: string;
  message: string;
  messageType?: 'RAW' | 'DIGEST' | 'EXTERNAL_MU';
}

export interface ReEncryptRequest {
  blobBase64: string;
  sourceContext?: Record<string, string>;
  destinationKey: string;
}

/** The "Use a KMS key" screen: asymmetric and HMAC KMS keys, and ReEncrypt. */
export class KmsKeysPanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly panel: Locator;
  readonly keySelect: Locator;
  readonly signatureValid: Locator;
  readonly macValid: Locator;
  readonly decryptedText: Locator;
  readonly secretsMatch: Locator;
  readonly reEncryptResponse: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.panel = this.shell.panel;
    this.keySelect = this.panel.getByLabel('KMS key', { exact: true });
    this.signatureValid = this.panel.getByTestId('signature-valid');
    this.macValid = this.panel.getByTestId('mac-valid');
    this.decryptedText = this.panel.getByTestId('decrypted-text');
    this.secretsMatch = this.panel.getByTestId('secrets-match');
    this.reEncryptResponse = this.panel.getByRole('region', { name: 'ReEncrypt response' });
  }

  async open(): Promise<void> {
    await this.shell.open('Use a KMS key');
    await this.panel.getByRole('heading', { name: 'Use a KMS key', level: 2 }).waitFor();
  }

  /** Chooses the key (by key ID) and waits for its cards. */
  async choose(keyId: string): Promise<void> {
    await this.keySelect.selectOption(keyId);
    await expect(this.panel.getByTestId('kms-key-id')).toHaveText(keyId);
  }

  card(name: KmsCard): Locator {
    return this.panel.getByRole('region', { name, exact: true });
  }

  failure(name: KmsCard): FailureNotice {
    return new FailureNotice(this.card(name));
  }

  /** Presses Get public key; resolves to the PEM the card shows. */
  async publicKeyPem(): Promise<string> {
    const card = this.card('Get the public key');
    await card.getByRole('button', { name: 'Get public key', exact: true }).click();
    const pem = card.getByLabel('PublicKey PEM', { exact: true });
    await expect(pem).toHaveValue(/BEGIN PUBLIC KEY/);
    return pem.inputValue();
  }

  /**
   * Signs; resolves to the signature's base64 as the card shows it. EXTERNAL_MU signs the μ
   * the card holds (see computeMu).
   */
  async sign({ algorithm, message, messageType = 'RAW' }: SignRequest): Promise<string> {
    const card = this.card('Sign and verify');
    await card.getByLabel('Signing algorithm').selectOption(algorithm);
    await card.getByLabel('Message type').selectOption(messageType);
    await card.getByLabel('Message (UTF-8 text)').fill(message);
    return this.press(card, 'Sign', this.signature());
  }

  /** EXTERNAL_MU's field: the 64-byte μ in hex. */
  mu(): Locator {
    return this.card('Sign and verify').getByLabel('μ (64 bytes, hex)');
  }

  /** Chooses MessageType EXTERNAL_MU and has the page compute μ of `message`; resolves to its hex. */
  async computeMu(message: string): Promise<string> {
    const card = this.card('Sign and verify');
    await card.getByLabel('Message type').selectOption('EXTERNAL_MU');
    await card.getByLabel('Message (UTF-8 text)').fill(message);
    await this.mu().fill('');
    await card.getByRole('button', { name: 'Compute μ from the message' }).click();
    await expect(this.mu()).toHaveValue(/^[0-9a-f]{128}$/);
    return this.mu().inputValue();
  }

  /** Signs the μ the card holds (MessageType EXTERNAL_MU); resolves to the signature's base64. */
  async signMu(): Promise<string> {
    return this.press(this.card('Sign and verify'), 'Sign', this.signature());
  }

  kemCiphertext(): Locator {
    return this.card('Encapsulate and decapsulate').getByLabel(
      'SharedSecretCiphertextBlob (base64)',
    );
  }

  /** Encapsulate with the ML-KEM key; resolves to the ciphertext's base64. */
  async encapsulate(): Promise<string> {
    return this.press(
      this.card('Encapsulate and decapsulate'),
      'Encapsulate',
      this.kemCiphertext(),
    );
  }

  /** Decapsulate the card's ciphertext (or `ciphertextBase64`) with the ML-KEM key. */
  async decapsulate(ciphertextBase64?: string): Promise<void> {
    if (ciphertextBase64 !== undefined) await this.kemCiphertext().fill(ciphertextBase64);
    await this.card('Encapsulate and decapsulate')
      .getByRole('button', { name: 'Decapsulate', exact: true })
      .click();
  }

  signature(): Locator {
    return this.card('Sign and verify').getByLabel('Signature (base64)');
  }

  /** Verifies what the card holds; the outcome shows in `signatureValid`. */
  async verify(): Promise<void> {
    await this.card('Sign and verify').getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(this.signatureValid).not.toBeEmpty();
  }

  /** Encrypts with the key; resolves to the ciphertext's base64. */
  async encrypt(algorithm: string, plaintext: string): Promise<string> {
    const card = this.card('Encrypt and decrypt');
    await card.getByLabel('Encryption algorithm').selectOption(algorithm);
    await card.getByLabel('Plaintext to encrypt').fill(plaintext);
    return this.press(card, 'Encrypt', card.getByLabel('Ciphertext (base64)'));
  }

  /** Decrypts a ciphertext with the key; the plaintext shows in `decryptedText`. */
  async decrypt(ciphertextBase64: string): Promise<void> {
    const card = this.card('Encrypt and decrypt');
    await card.getByLabel('Ciphertext (base64)').fill(ciphertextBase64);
    await card.getByRole('button', { name: 'Decrypt', exact: true }).click();
  }

  /** Makes a peer key pair in the page; resolves to its public key PEM. */
  async makePeer(): Promise<string> {
    const card = this.card('Derive a shared secret');
    const pem = card.getByLabel('Peer public key (PEM)');
    await pem.fill('');
    await card.getByRole('button', { name: 'Make a peer key pair' }).click();
    await expect(pem).toHaveValue(/BEGIN PUBLIC KEY/);
    return pem.inputValue();
  }

  /** DeriveSharedSecret with the peer key the card holds; resolves to KMS's secret in hex. */
  async deriveSharedSecret(): Promise<string> {
    const card = this.card('Derive a shared secret');
    await card.getByRole('button', { name: 'Derive shared secret' }).click();
    await showEncoding(card, 'hex');
    const hex = card.getByLabel('SharedSecret hex', { exact: true });
    await expect(hex).not.toHaveValue('');
    return hex.inputValue();
  }

  /** GenerateMac over a message; resolves to the MAC's base64. */
  async generateMac(message: string): Promise<string> {
    const card = this.card('Generate and verify a MAC');
    await card.getByLabel('Message (UTF-8 text)').fill(message);
    return this.press(card, 'Generate MAC', this.mac());
  }

  mac(): Locator {
    return this.card('Generate and verify a MAC').getByLabel('MAC (base64)');
  }

  async verifyMac(): Promise<void> {
    const card = this.card('Generate and verify a MAC');
    await card.getByRole('button', { name: 'Verify MAC', exact: true }).click();
    await expect(this.macValid).not.toBeEmpty();
  }

  /**
   * Presses the card's button that makes a value (a signature, a ciphertext, a MAC) into
   * `output`, emptied first so the wait sees the new one; resolves to the value.
   */
  private async press(card: Locator, button: string, output: Locator): Promise<string> {
    await output.fill('');
    await card.getByRole('button', { name: button, exact: true }).click();
    await expect(output).not.toHaveValue('');
    return output.inputValue();
  }

  /** Fills the ReEncrypt card, presses Re-encrypt, and waits for the response or a failure. */
  async reEncrypt(request: ReEncryptRequest): Promise<void> {
    const card = this.card('Re-encrypt a ciphertext');
    await card.getByLabel('Ciphertext to re-encrypt (base64)').fill(request.blobBase64);
    await card.getByLabel('Source key (only for RSA or SM2 ciphertexts)').fill('');
    const remove = card.getByRole('button', { name: 'Remove source context pair 1' });
    while (await remove.isVisible()) await remove.click();
    let index = 1;
    for (const [key, value] of Object.entries(request.sourceContext ?? {})) {
      await card.getByRole('button', { name: 'Add source context pair' }).click();
      await card.getByLabel(`Source context key ${index}`, { exact: true }).fill(key);
      await card.getByLabel(`Source context value ${index}`, { exact: true }).fill(value);
      index += 1;
    }
    await card.getByLabel('Destination key').fill(request.destinationKey);
    await card.getByRole('button', { name: 'Re-encrypt', exact: true }).click();
    await this.reEncryptResponse.or(this.failure('Re-encrypt a ciphertext').root).first().waitFor();
  }
}
