import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { UsePanel } from '../pages/use';
import { pemDer } from '../support/node-keys';

test('a blob made before a reload decrypts after it, from the History screen', async ({ page }) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const history = new HistoryPanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/kept');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_EDWARDS25519',
    masterKey: 'alias/kept',
    encryptionContext: { app: 'reload' },
  });
  const privatePem = await generate.read('PrivateKeyPlaintext', 'PEM');
  const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');

  await page.reload();
  await history.open();
  await expect(history.rows).toHaveCount(1);
  const id = await history.newestId();
  await expect(history.row(id).getByTestId('history-operation')).toHaveText('GenerateDataKeyPair');
  await expect(history.row(id).getByTestId('history-spec')).toHaveText('ECC_NIST_EDWARDS25519');

  await history.decryptEntry(id);
  await expect(decrypt.blobInput()).toHaveValue(blobBase64);
  await expect(decrypt.contextValue(1)).toHaveValue('reload');
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  expect(pemDer(await decrypt.privateKeyPem())).toEqual(pemDer(privatePem));
  await expect(decrypt.historyMatch).toContainText(`history entry #${id}`);
});

test('a history entry made in one tab shows in another, whose Use screen verifies with it', async ({
  context,
}) => {
  const [one, two] = [await context.newPage(), await context.newPage()];
  const keys = new KeysPanel(one);
  const generate = new GeneratePanel(one);
  const useOne = new UsePanel(one);
  const historyTwo = new HistoryPanel(two);
  const useTwo = new UsePanel(two);
  await keys.shell.goto();
  await historyTwo.shell.goto();
  await historyTwo.open();
  await expect(two.getByTestId('no-history')).toBeVisible();

  await keys.createKey('alias/tabs');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/tabs',
  });
  await generate.useThisPair();
  const message = 'signed in tab one';
  const signature = await useOne.sign('ECDSA_SHA_256', message);

  // Tab two never saw the private key: it has the public key from the shared history.
  await expect(historyTwo.rows).toHaveCount(1);
  await historyTwo.useEntry(await historyTwo.newestId());
  await expect(useTwo.spec).toHaveText('ECC_NIST_P256');
  await expect(useTwo.panel.getByRole('button', { name: 'Sign', exact: true })).toBeDisabled();
  await useTwo.setMessage(message);
  await useTwo.signature.fill(signature);
  await useTwo.verify();
  await expect(useTwo.verifyResult).toHaveText('Valid signature');
});
