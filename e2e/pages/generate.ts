import type { Locator, Page } from '@playwright/test';
import { AppShell, FailureNotice, textOf } from './app';

export type GenerateOperation =
  | 'GenerateDataKeyPair'
  | 'GenerateDataKeyPairWithoutPlaintext'
  | 'AdvanceGenerateDataKeyPair'
  | 'AdvanceGenerateDataKeyPairWithoutPlaintext';

export type KeyField = 'PublicKey' | 'PrivateKeyPlaintext' | 'PrivateKeyCiphertextBlob';

export interface GenerateRequest {
  operation: GenerateOperation;
  keyPairSpec: string;
  masterKey: string;
  encryptionContext?: Record<string, string>;
  aad?: string;
  keyFormat?: 'PEM' | 'DER';
  /** GrantTokens, one per line (AWS operations only). */
  grantTokens?: string[];
}

/** The Generate screen: one data key pair request and its response, field by field. */
export class GeneratePanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly panel: Locator;
  readonly response: Locator;
  readonly failure: FailureNotice;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.panel = this.shell.panel;
    this.response = page.getByRole('region', { name: 'Response', exact: true });
    this.failure = new FailureNotice(this.panel);
  }

  async open(): Promise<void> {
    await this.shell.open('Generate');
    await this.panel.getByLabel('Operation').waitFor();
  }

  /** Replaces the encryption context the form holds (it keeps the last one). */
  async fillContext(context: Record<string, string>): Promise<void> {
    await removeContextPairs(this.panel);
    let index = 1;
    for (const [key, value] of Object.entries(context)) {
      await this.panel.getByRole('button', { name: 'Add context pair' }).click();
      await this.panel.getByLabel(`Context key ${index}`).fill(key);
      await this.panel.getByLabel(`Context value ${index}`).fill(value);
      index += 1;
    }
  }

  /** Fills the form, presses Generate, and waits for the response (or a failure). */
  async generate(request: GenerateRequest): Promise<void> {
    await this.open();
    await this.panel.getByLabel('Operation').selectOption(request.operation);
    await this.panel.getByLabel('Key pair spec').selectOption(request.keyPairSpec);
    await this.panel.getByLabel('Master key').fill(request.masterKey);
    await this.fillContext(request.encryptionContext ?? {});
    if (request.aad !== undefined)
      await this.panel.getByLabel('Aad (UTF-8 text)').fill(request.aad);
    if (request.keyFormat)
      await this.panel.getByLabel('Key format').selectOption(request.keyFormat);
    if (request.grantTokens)
      await this.panel
        .getByLabel('Grant tokens (optional, one per line)')
        .fill(request.grantTokens.join('\n'));
    await this.panel.getByRole('button', { name: 'Generate', exact: true }).click();
    await this.response.or(this.failure.root).first().waitFor();
  }

  field(name: KeyField): Locator {
    return this.response.getByRole('region', { name, exact: true });
  }

  /** The text of one of a field's read-only views (PEM, base64, hex), switched to first. */
  async read(name: KeyField, view: Encoding): Promise<string> {
    if (name === 'PrivateKeyPlaintext') await this.reveal();
    await showEncoding(this.field(name), view);
    return this.field(name).getByLabel(`${name} ${view}`, { exact: true }).inputValue();
  }

  /** Opens a field's structure view (ASN.1 tree or blob layout, with the hex dump). */
  async showStructure(name: KeyField): Promise<void> {
    await this.field(name)
      .getByRole('button', { name: `Show ${name} structure` })
      .click();
  }

  /** Shows the plaintext private key (masked until asked for). */
  async reveal(): Promise<void> {
    const button = this.field('PrivateKeyPlaintext').getByRole('button', {
      name: 'Reveal PrivateKeyPlaintext',
    });
    if (await button.isVisible()) await button.click();
  }

  keyMaterialId(): Promise<string> {
    return textOf(this.response.getByTestId('response-key-material-id'));
  }

  keyVersionId(): Promise<string> {
    return textOf(this.response.getByTestId('response-key-version-id'));
  }

  async decryptThisBlob(): Promise<void> {
    await this.response.getByRole('button', { name: 'Decrypt this blob' }).click();
  }

  async useThisPair(): Promise<void> {
    await this.response.getByRole('button', { name: 'Use this pair' }).click();
  }
}

export type Encoding = 'PEM' | 'base64' | 'hex';

/** Shows one encoding of a byte field (its radio in `<Field> encoding`): one is shown at a time. */
export async function showEncoding(field: Locator, encoding: Encoding): Promise<void> {
  await field.getByRole('radio', { name: encoding, exact: true }).check();
}

/** Removes every encryption context pair from a form. */
export async function removeContextPairs(scope: Locator): Promise<void> {
  const first = scope.getByRole('button', { name: 'Remove context pair 1', exact: true });
  while (await first.isVisible()) await first.click();
}
