import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
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

  await decrypt.aadInput().fill('order-43');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertext');
  await expect(decrypt.failure.explanation).toContainText('Aad');
  await expect(decrypt.output).toHaveCount(0);
});
