import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { KmsKeysPanel } from '../pages/kms-keys';
import { TourPanel } from '../pages/tour';
import { UsePanel } from '../pages/use';

// No dead ends: a screen that lacks what it needs says what to do first, and offers it.
test('every screen says what to do first when something is missing, and its button does it', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const use = new UsePanel(page);
  const kms = new KmsKeysPanel(page);
  const history = new HistoryPanel(page);
  await keys.shell.goto();
  await new TourPanel(page).close();
  await expect(page.getByTestId('no-keys')).toBeVisible();

  // Nothing at all yet: each screen names the first step and opens the screen that does it.
  await history.open();
  const historyNext = history.shell.panel.getByTestId('next-step');
  await expect(historyNext).toContainText('Nothing yet: generate a data key pair.');
  await historyNext.getByRole('button', { name: 'Open the Generate screen' }).click();
  await expect(generate.shell.tab('Generate')).toHaveAttribute('aria-selected', 'true');

  await decrypt.open();
  const decryptNext = decrypt.panel.getByTestId('next-step');
  await expect(decryptNext).toContainText('Nothing to decrypt yet.');
  await expect(decryptNext.getByRole('button', { name: 'Open the Generate screen' })).toBeVisible();

  await use.open();
  const useNext = use.panel.getByTestId('next-step');
  await expect(useNext).toContainText('No key pair in this tab yet.');
  await expect(useNext.getByRole('button', { name: 'Open the Generate screen' })).toBeVisible();

  await kms.open();
  await expect(kms.panel.getByTestId('no-kms-keys')).toBeVisible();
  await kms.panel.getByRole('button', { name: 'Open the Keys screen' }).click();
  await expect(keys.createForm).toBeVisible();

  // Generate without a master key: one button makes alias/demo, which the form takes.
  await generate.open();
  const generateNext = generate.panel.getByTestId('next-step');
  await expect(generateNext).toContainText('No master key yet.');
  await generateNext.getByRole('button', { name: 'Create a master key' }).click();
  await expect(generate.panel.getByTestId('master-key-created')).toContainText('alias/demo');
  await expect(generate.panel.getByTestId('next-step')).toHaveCount(0);
  await expect(generate.panel.getByLabel('Master key')).toHaveValue('alias/demo');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/demo',
    encryptionContext: { order: '7' },
  });
  await expect(generate.failure.root).toHaveCount(0);
  await keys.open();
  await expect(keys.rowOf('alias/demo')).toHaveCount(1);

  // A disabled master key is not one Generate can use: the prompt says so.
  await keys.select('alias/demo');
  await keys.details.getByRole('button', { name: 'Disable key', exact: true }).click();
  await generate.open();
  await expect(generate.panel.getByTestId('next-step')).toContainText(
    'No enabled symmetric master key yet.',
  );
  await keys.select('alias/demo');
  await keys.details.getByRole('button', { name: 'Enable key', exact: true }).click();

  // After a reload the tab holds no pair: the History's newest one is offered everywhere.
  await page.reload();
  await decrypt.open();
  await decrypt.panel.getByRole('button', { name: 'Take the newest blob (entry #1)' }).click();
  await expect(decrypt.blobInput()).not.toHaveValue('');
  await expect(decrypt.contextValue(1)).toHaveValue('7');
  await expect(decrypt.panel.getByTestId('next-step')).toHaveCount(0);

  await use.open();
  await use.panel
    .getByRole('button', { name: 'Use the newest pair from History (entry #1)' })
    .click();
  await expect(use.panel.getByLabel('Key pair').locator('option:checked')).toHaveText(
    'ECC_NIST_P256 · GenerateDataKeyPairWithoutPlaintext · #1 (public key only)',
  );
  // A pair without its private key: its blob is one button away.
  await use.panel.getByRole('button', { name: 'Decrypt its blob' }).click();
  await expect(decrypt.contextValue(1)).toHaveValue('7');
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  await decrypt.output.getByRole('button', { name: 'Use this pair' }).click();
  await expect(use.panel.getByRole('button', { name: 'Sign', exact: true })).toBeEnabled();
  await expect(use.panel.getByRole('button', { name: 'Decrypt its blob' })).toHaveCount(0);
});
