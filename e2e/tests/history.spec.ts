import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { UsePanel } from '../pages/use';

test('a blob decrypted twice matches the Generate entry that made its pair, and names the pair after it', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const history = new HistoryPanel(page);
  const use = new UsePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/twice');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/twice',
    encryptionContext: { order: '42' },
  });
  await history.open();
  const generated = await history.newestId();

  // After a reload the tab knows no pair: Decrypt makes it, from the history alone.
  await page.reload();
  await history.open();
  await history.decryptEntry(generated);
  const generateEntry = new RegExp(
    `^Matches the public key of history entry #${generated} \\(GenerateDataKeyPairWithoutPlaintext, ECC_NIST_P256, `,
  );
  for (const round of [1, 2]) {
    await decrypt.decrypt();
    await expect(decrypt.failure.root, `decrypt ${round}`).toHaveCount(0);
    // The second time, the first Decrypt's entry has the same public key: it is not the match.
    await expect(decrypt.historyMatch, `decrypt ${round}`).toHaveText(generateEntry);
  }

  await decrypt.output.getByRole('button', { name: 'Use this pair' }).click();
  await expect(use.panel.getByLabel('Key pair').locator('option:checked')).toHaveText(
    `ECC_NIST_P256 · GenerateDataKeyPairWithoutPlaintext · #${generated}`,
  );
  await expect(use.panel.getByRole('button', { name: 'Sign', exact: true })).toBeEnabled();

  await history.open();
  const decrypts = history.rows.filter({
    has: page.getByTestId('history-operation').getByText('Decrypt', { exact: true }),
  });
  await expect(decrypts).toHaveCount(2);
  for (const row of await decrypts.all())
    await expect(row.getByTestId('history-outcome')).toHaveText(`matches #${generated}`);
});

test('History rows tell a failed request from a successful one: outcome, context and master key', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const history = new HistoryPanel(page);
  await keys.shell.goto();
  const keyId = await keys.createKey('alias/rows');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/rows',
    encryptionContext: { tenant: 'alpha' },
  });
  await generate.decryptThisBlob();
  await decrypt.contextValue(1).fill('beta');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertextException');

  await history.open();
  await expect(history.rows).toHaveCount(2);
  const [failed, made] = [history.rows.nth(0), history.rows.nth(1)];
  await expect(failed).toHaveAttribute('data-outcome', 'failed');
  await expect(failed.getByTestId('history-operation')).toHaveText('Decrypt');
  await expect(failed.getByTestId('history-outcome')).toHaveText('InvalidCiphertextException');
  await expect(failed.getByTestId('history-context')).toHaveText('{"tenant":"beta"}');
  // A failed Decrypt has no blob to offer again, and no public key.
  await expect(failed.getByRole('button')).toHaveCount(0);

  await expect(made).toHaveAttribute('data-outcome', 'ok');
  await expect(made.getByTestId('history-outcome')).toHaveText('ok');
  await expect(made.getByTestId('history-context')).toHaveText('{"tenant":"alpha"}');
  await expect(made.getByTestId('history-master-key')).toHaveText(`${keyId.slice(0, 8)}…`);
  await expect(made.getByTestId('history-master-key').locator('code')).toHaveAttribute(
    'title',
    new RegExp(`key/${keyId}$`),
  );
  await expect(made.getByTestId('history-when')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
});
