import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { AppShell, FailureNotice, textOf } from './app';

/** What the enclave worker reported after opening CiphertextForRecipient. */
export interface EnclaveFacts {
  spec: string;
  size: number;
  sha256: string;
  matches: string;
  recipient: string;
}

/**
 * The Enclave screen: step 1 the worker's attestation document, step 2 GenerateDataKeyPair
 * with its Recipient, step 3 the worker opening CiphertextForRecipient.
 */
export class EnclavePanel {
  readonly page: Page;
  readonly shell: AppShell;
  readonly panel: Locator;
  readonly step1: Locator;
  readonly step2: Locator;
  readonly step3: Locator;
  readonly attestation: Locator;
  readonly response: Locator;
  readonly facts: Locator;
  readonly failure: FailureNotice;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.panel = this.shell.panel;
    this.step1 = this.panel.getByRole('region', { name: '1. The enclave attests' });
    this.step2 = this.panel.getByRole('region', {
      name: '2. GenerateDataKeyPair with a Recipient',
    });
    this.step3 = this.panel.getByRole('region', { name: '3. The enclave opens it' });
    this.attestation = this.step1.getByTestId('attestation');
    this.response = this.step2.getByTestId('recipient-response');
    this.facts = this.step3.getByTestId('enclave-facts');
    this.failure = new FailureNotice(this.panel);
  }

  async open(): Promise<void> {
    await this.shell.open('Enclave');
    await this.panel.getByRole('heading', { name: 'Enclave', level: 2, exact: true }).waitFor();
  }

  /** Step 1: a fresh key pair in the worker and its attestation document, decoded. */
  async startEnclave(): Promise<void> {
    await this.step1.getByRole('button', { name: /^Start (the|a new) enclave$/ }).click();
    await this.attestation.or(this.failure.root).first().waitFor();
  }

  /** Step 2: GenerateDataKeyPair with the document as Recipient. */
  async generate(keyPairSpec: string, masterKey: string): Promise<void> {
    await this.step2.getByLabel('Key pair spec').selectOption(keyPairSpec);
    await this.step2.getByLabel('Master key').fill(masterKey);
    await this.step2.getByRole('button', { name: 'Generate for the enclave' }).click();
    await this.response.or(this.failure.root).first().waitFor();
  }

  /** Step 3: the worker opens CiphertextForRecipient and reports facts. */
  async sendToEnclave(): Promise<void> {
    await this.step3.getByRole('button', { name: 'Send it to the enclave' }).click();
    await this.facts.or(this.failure.root).first().waitFor();
  }

  /** The three steps, from the Enclave tab. */
  async runFlow(keyPairSpec: string, masterKey: string): Promise<void> {
    await this.open();
    await this.startEnclave();
    await this.generate(keyPairSpec, masterKey);
    await this.sendToEnclave();
  }

  async readFacts(): Promise<EnclaveFacts> {
    return {
      spec: await textOf(this.facts.getByTestId('facts-spec')),
      size: Number(await textOf(this.facts.getByTestId('facts-size'))),
      sha256: await textOf(this.facts.getByTestId('facts-sha256')),
      matches: await textOf(this.facts.getByTestId('facts-matches')),
      recipient: await textOf(this.facts.getByTestId('facts-recipient')),
    };
  }

  /** A response field's region (PublicKey, PrivateKeyCiphertextBlob, CiphertextForRecipient). */
  field(name: string): Locator {
    return this.response.getByRole('region', { name, exact: true });
  }

  async showStructure(name: string): Promise<void> {
    await this.field(name)
      .getByRole('button', { name: `Show ${name} structure` })
      .click();
  }

  /** Presses a download button and returns the file's bytes. */
  async download(scope: Locator, buttonName: string): Promise<{ name: string; bytes: Buffer }> {
    const waiting = this.page.waitForEvent('download');
    await scope.getByRole('button', { name: buttonName, exact: true }).click();
    const download = await waiting;
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }
}
