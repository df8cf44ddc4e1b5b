import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { UsePanel } from '../pages/use';
import { readBlobHeader } from '../support/blob';
import { parsePair, pemDer } from '../support/node-keys';

test('Alibaba AdvanceGenerateDataKeyPair (EC_P256, PEM, Aad) and AdvanceDecrypt', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const aad = 'order-42';
  await keys.shell.goto();
  const keyId = await keys.createKey('alias/alibaba');

  await generate.generate({
    operation: 'AdvanceGenerateDataKeyPair',
    keyPairSpec: 'EC_P256',
    masterKey: 'alias/alibaba',
    aad,
    keyFormat: 'PEM',
  });
  await expect(generate.failure.root).toHaveCount(0);
  await expect(generate.response.getByTestId('response-key-pair-spec')).toHaveText('EC_P256');
  await expect(generate.response.getByTestId('response-key-id')).toHaveText(keyId);
  expect(await generate.keyVersionId()).not.toBe('');

  const publicPem = await generate.read('PublicKey', 'PEM');
  const privatePem = await generate.read('PrivateKeyPlaintext', 'PEM');
  const pair = parsePair(publicPem, privatePem);
  expect(pair.publicKey.asymmetricKeyType).toBe('ec');
  expect(pair.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  expect(pair.derivedPublicDer.equals(pair.publicDer)).toBe(true);
  const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');
  expect(readBlobHeader(blobBase64)).toMatchObject({ aadKind: 'alibaba-aad', keyId });

  await generate.decryptThisBlob();
  await expect(decrypt.api).toHaveText('AdvanceDecrypt');
  await expect(decrypt.aadInput()).toHaveValue(aad);
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  expect(pemDer(await decrypt.privateKeyPem())).toEqual(pemDer(privatePem));
  // AdvanceDecrypt gives back the bytes PrivateKeyPlaintext held: the PEM text, not its DER.
  const returned = Buffer.from(privatePem);
  expect(Buffer.from(await decrypt.privateKey('base64'), 'base64')).toEqual(returned);
  expect(Buffer.from(await decrypt.privateKey('hex'), 'hex')).toEqual(returned);
  await expect(decrypt.output).toContainText(`${returned.length} bytes as returned`);

  await decrypt.aadInput().fill('order-43');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertext');
  await expect(decrypt.failure.explanation).toContainText('Aad');
  await expect(decrypt.output).toHaveCount(0);
});

test('Alibaba rows keep Alibaba spec names; PEM responses show the PEM bytes the API returned', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const history = new HistoryPanel(page);
  const use = new UsePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/alibaba-names');

  await test.step('KeyFormat PEM: base64 and hex are of the PEM text the API returned', async () => {
    await generate.generate({
      operation: 'AdvanceGenerateDataKeyPair',
      keyPairSpec: 'EC_P256K',
      masterKey: 'alias/alibaba-names',
      aad: 'names',
      keyFormat: 'PEM',
    });
    await expect(generate.failure.root).toHaveCount(0);
    for (const field of ['PublicKey', 'PrivateKeyPlaintext'] as const) {
      const pem = await generate.read(field, 'PEM');
      const returned = Buffer.from(pem);
      expect(Buffer.from(await generate.read(field, 'base64'), 'base64')).toEqual(returned);
      expect(Buffer.from(await generate.read(field, 'hex'), 'hex')).toEqual(returned);
      await expect(generate.field(field)).toContainText(`${returned.length} bytes as returned`);
    }
  });

  await test.step('AdvanceDecrypt names the spec EC_P256K, as AdvanceGenerate did', async () => {
    await generate.decryptThisBlob();
    await decrypt.decrypt();
    await expect(decrypt.failure.root).toHaveCount(0);
    await expect(decrypt.historyMatch).toContainText('(AdvanceGenerateDataKeyPair, EC_P256K, ');
    await history.open();
    await expect(history.rows).toHaveCount(2);
    await expect(history.rows.getByTestId('history-operation')).toHaveText([
      'AdvanceDecrypt',
      'AdvanceGenerateDataKeyPair',
    ]);
    await expect(history.rows.getByTestId('history-spec')).toHaveText(['EC_P256K', 'EC_P256K']);
    await history.useEntry(await history.newestId());
    await expect(use.panel.getByLabel('Key pair').locator('option:checked')).toHaveText(
      /^EC_P256K · AdvanceGenerateDataKeyPair · #\d+$/,
    );
  });

  await test.step('KeyFormat DER: base64 and hex are the DER itself', async () => {
    await generate.generate({
      operation: 'AdvanceGenerateDataKeyPairWithoutPlaintext',
      keyPairSpec: 'EC_SM2',
      masterKey: 'alias/alibaba-names',
      keyFormat: 'DER',
    });
    const der = pemDer(await generate.read('PublicKey', 'PEM'));
    expect(Buffer.from(await generate.read('PublicKey', 'base64'), 'base64')).toEqual(der);
    await expect(generate.field('PublicKey')).not.toContainText('as returned');
  });
});
