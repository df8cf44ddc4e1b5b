import { expect, type Locator, type Page } from '@playwright/test';
import { FailureNotice, textOf } from './app';
import { KeysPanel } from './keys';

export interface GrantRequest {
  grantee: string;
  operations: string[];
  name?: string;
  retiringPrincipal?: string;
  constraint?: {
    kind: 'EncryptionContextSubset' | 'EncryptionContextEquals';
    context: Record<string, string>;
  };
}

/** The selected key's Grants and Key policy disclosures on the Keys screen. */
export class KeyAccess {
  readonly page: Page;
  readonly keys: KeysPanel;
  readonly grants: Locator;
  readonly grantForm: Locator;
  readonly grantRows: Locator;
  readonly createdGrantToken: Locator;
  readonly policy: Locator;
  readonly policyText: Locator;
  readonly policyEditor: Locator;
  readonly policyCheck: Locator;
  readonly policyFailure: FailureNotice;

  constructor(page: Page) {
    this.page = page;
    this.keys = new KeysPanel(page);
    this.grants = this.keys.details.getByTestId('key-grants');
    this.grantForm = this.grants.getByRole('form', { name: 'Create a grant' });
    this.grantRows = this.grants.getByTestId('grant-row');
    this.createdGrantToken = this.grants.getByTestId('created-grant-token');
    this.policy = this.keys.details.getByTestId('key-policy');
    this.policyText = this.policy.getByTestId('key-policy-text');
    this.policyEditor = this.policy.getByLabel('Edit the policy (JSON)');
    this.policyCheck = this.policy.getByTestId('policy-json-check');
    this.policyFailure = new FailureNotice(this.policy);
  }

  /** Opens a disclosure unless it is open already. */
  private async expand(details: Locator, summary: string): Promise<void> {
    if ((await details.getAttribute('open')) === null)
      await details.getByText(summary, { exact: true }).click();
  }

  /** Opens the Grants and waits for ListGrants's answer. */
  async openGrants(): Promise<void> {
    await this.expand(this.grants, 'Grants');
    // ListGrants has answered once the count is a number.
    await expect(this.grants.getByTestId('grants-count')).toHaveText(/\d+$/);
  }

  /** Opens the Key policy and waits for GetKeyPolicy's answer in the view. */
  async openPolicy(): Promise<void> {
    await this.expand(this.policy, 'Key policy');
    await expect(this.policyText).not.toHaveText('Reading…');
  }

  /** Creates a grant on the selected key; resolves to its GrantToken. */
  async createGrant(request: GrantRequest): Promise<string> {
    await this.openGrants();
    const form = this.grantForm;
    await form.getByLabel('Grantee principal').fill(request.grantee);
    await form.getByLabel('Retiring principal (optional)').fill(request.retiringPrincipal ?? '');
    for (const operation of request.operations)
      await form.getByRole('checkbox', { name: operation, exact: true }).check();
    await form.getByLabel('Name (optional)').fill(request.name ?? '');
    if (request.constraint) {
      await form.getByLabel('Encryption context constraint').selectOption(request.constraint.kind);
      let index = 1;
      for (const [key, value] of Object.entries(request.constraint.context)) {
        await form.getByRole('button', { name: 'Add constraint pair' }).click();
        await form.getByLabel(`Constraint key ${index}`).fill(key);
        await form.getByLabel(`Constraint value ${index}`).fill(value);
        index += 1;
      }
    }
    const rows = await this.grantRows.count();
    await form.getByRole('button', { name: 'Create grant' }).click();
    await this.createdGrantToken.waitFor();
    await this.grantRows.nth(rows).waitFor();
    return textOf(this.createdGrantToken);
  }

  /** The row of the grant with this name (or ID). */
  grantRow(name: string): Locator {
    return this.grantRows.filter({
      has: this.page.getByRole('button', { name: `Retire grant ${name}` }),
    });
  }

  async retire(name: string): Promise<void> {
    await this.grants.getByRole('button', { name: `Retire grant ${name}` }).click();
  }

  async revoke(name: string): Promise<void> {
    await this.grants.getByRole('button', { name: `Revoke grant ${name}` }).click();
  }

  /** The policy as the read-only view shows it, parsed. */
  async currentPolicy(): Promise<{ Statement: { Sid?: string; Principal?: unknown }[] }> {
    await this.openPolicy();
    return JSON.parse(await textOf(this.policyText));
  }

  /** Replaces the editor's text with this policy and presses Put key policy. */
  async putPolicy(text: string, bypassLockoutCheck = false): Promise<void> {
    await this.openPolicy();
    await this.policyEditor.fill(text);
    const bypass = this.policy.getByRole('checkbox', { name: 'BypassPolicyLockoutSafetyCheck' });
    await bypass.setChecked(bypassLockoutCheck);
    await this.policy.getByRole('button', { name: 'Put key policy' }).click();
  }
}
