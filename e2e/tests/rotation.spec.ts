import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { readBlobHeader } from '../support/blob';
import { pemDer } from '../support/node-keys';

test('after an on-demand rotation, blobs made before and after both decrypt', async ({ page }) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  const keyId = await keys.createKey('alias/rotating');

  async function generatePair() {
    await generate.generate({
      operation: 'GenerateDataKeyPair',
      keyPairSpec: 'ECC_NIST_P256',
      masterKey: 'alias/rotating',
    });
    await expect(generate.failure.root).toHaveCount(0);
    return {
      keyMaterialId: await generate.keyMaterialId(),
      blobBase64: await generate.read('PrivateKeyCiphertextBlob', 'base64'),
      privatePem: await generate.read('PrivateKeyPlaintext', 'PEM'),
    };
  }

  const before = await generatePair();

  await keys.select('alias/rotating');
  await expect(keys.rotationRows).toHaveCount(1);
  await keys.rotateNow();
  await expect(keys.rotationRows).toHaveCount(2);
  await expect(keys.rotationRows.nth(1).getByTestId('rotation-type')).toHaveText('ON_DEMAND');
  await expect(keys.details.getByTestId('rotation-status')).toContainText(
    'On-demand rotations: 1 of 25',
  );

  const after = await generatePair();
  expect(after.keyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  expect(after.keyMaterialId).not.toBe(before.keyMaterialId);
  expect(readBlobHeader(before.blobBase64)).toMatchObject({
    keyId,
    keyMaterialId: before.keyMaterialId,
  });
  expect(readBlobHeader(after.blobBase64)).toMatchObject({
    keyId,
    keyMaterialId: after.keyMaterialId,
  });

  for (const made of [before, after]) {
    await decrypt.open();
    await decrypt.blobInput().fill(made.blobBase64);
    await decrypt.decrypt();
    await expect(decrypt.failure.root).toHaveCount(0);
    expect(pemDer(await decrypt.privateKeyPem())).toEqual(pemDer(made.privatePem));
  }
});

test('the App clock, on the Keys screen, moves time forward until automatic rotation happens', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  await keys.shell.goto();
  // An advanced tool: on the Keys screen, not in the page header.
  await expect(page.getByRole('banner').getByLabel('Days to advance')).toHaveCount(0);
  const clock = keys.shell.panel.getByRole('region', { name: 'App clock' });
  await expect(clock.getByTestId('clock-offset')).toHaveText('(real time)');

  await keys.createKey('alias/automatic');
  await keys.select('alias/automatic');
  await keys.details.getByRole('button', { name: 'Enable automatic rotation' }).click();
  await expect(keys.details.getByTestId('rotation-status')).toContainText(
    'Automatic rotation is on',
  );

  await clock.getByLabel('Days to advance').fill('366');
  await clock.getByRole('button', { name: 'Advance clock' }).click();
  await expect(clock.getByTestId('clock-offset')).toHaveText('(366 days ahead)');
  await expect(keys.rotationRows).toHaveCount(2);
  await expect(keys.rotationRows.nth(1).getByTestId('rotation-type')).toHaveText('AUTOMATIC');

  await clock.getByRole('button', { name: 'Reset clock' }).click();
  await expect(clock.getByTestId('clock-offset')).toHaveText('(real time)');
});
