import { expect, test } from '../fixtures';
import { FailureNotice } from '../pages/app';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { UsePanel } from '../pages/use';

test('the wrong encryption context gives InvalidCiphertextException, explained', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/context');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/context',
    encryptionContext: { tenant: 'alpha' },
  });
  await expect(generate.field('PrivateKeyPlaintext')).toHaveCount(0);
  const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');

  // Handed over with its context, then the context value changed.
  await generate.decryptThisBlob();
  await expect(decrypt.blobInput()).toHaveValue(blobBase64);
  await expect(decrypt.contextValue(1)).toHaveValue('alpha');
  await decrypt.contextValue(1).fill('beta');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertextException');
  await expect(decrypt.failure.explanation).toContainText('encryption context');
  await expect(decrypt.output).toHaveCount(0);

  // With the context it was made under, the same blob decrypts.
  await decrypt.contextValue(1).fill('alpha');
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  await expect(decrypt.output.getByTestId('PrivateKey-masked')).toBeVisible();
});

test('a wrong context says which pair differs, when the History knows the blob it was made with', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/pairs');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/pairs',
    encryptionContext: { tenant: 'alpha', purpose: 'billing', region: 'eu' },
  });
  const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');

  // One value changed, one key's case changed, one pair left out, one added.
  await decrypt.open();
  await decrypt.fill(blobBase64, { tenant: 'beta', Purpose: 'billing', extra: 'x' });
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertextException');
  // The plain-words explanation stays; the check of each pair comes with it.
  await expect(decrypt.failure.explanation).toContainText('the context (or Aad) differs');
  const check = decrypt.failure.root.getByTestId('failure-context-diff');
  await expect(check).toContainText('History entry #1 made this blob.');
  await expect(check.getByRole('listitem')).toHaveText([
    '"Purpose" was not in the blob\'s context: you gave "Purpose": "billing".',
    '"extra" was not in the blob\'s context: you gave "extra": "x".',
    '"purpose" is missing: the blob was made with "purpose": "billing" (you gave "Purpose": keys are case-sensitive).',
    '"region" is missing: the blob was made with "region": "eu".',
    '"tenant": you gave "beta", the blob was made with "alpha".',
  ]);

  // A blob the History never saw (one bit of its tag flipped): no comparison to offer.
  const altered = Buffer.from(blobBase64, 'base64');
  altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
  await decrypt.fill(altered.toString('base64'), {
    tenant: 'alpha',
    purpose: 'billing',
    region: 'eu',
  });
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertextException');
  await expect(decrypt.failure.root.getByTestId('failure-context-diff')).toHaveCount(0);
});

test('a disabled master key is refused with DisabledException, explained', async ({ page }) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/off');
  await keys.select('alias/off');
  await keys.details.getByRole('button', { name: 'Disable key', exact: true }).click();
  await expect(keys.details.getByTestId('selected-key-state')).toHaveText('Disabled');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/off',
  });
  await expect(generate.failure.name).toHaveText('DisabledException');
  await expect(generate.failure.explanation).toContainText('disabled');
  await expect(generate.failure.message).not.toBeEmpty();
  await expect(generate.response).toHaveCount(0);
});

test('an altered blob and a blob that is not base64 are refused with explained errors', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/intact');
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_SECG_P256K1',
    masterKey: 'alias/intact',
  });
  const blob = Buffer.from(await generate.read('PrivateKeyCiphertextBlob', 'base64'), 'base64');
  const last = blob.length - 1;
  blob[last] = (blob[last] as number) ^ 0x01; // one bit of the GCM tag

  await decrypt.open();
  await decrypt.fill(blob.toString('base64'));
  await expect(decrypt.api).toHaveText('Decrypt');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidCiphertextException');
  await expect(decrypt.failure.explanation).toContainText('altered');
  await expect(decrypt.output).toHaveCount(0);

  await decrypt.blobInput().fill('this is not base64!');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InputError');
  await expect(decrypt.failure.message).toContainText('ciphertext blob');
});

test('DryRun answers DryRunOperationException and generates nothing', async ({ page }) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/dry');
  await generate.open();
  await generate.panel.getByLabel('DryRun').check();
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/dry',
  });
  await expect(generate.failure.name).toHaveText('DryRunOperationException');
  await expect(generate.failure.explanation).toContainText('would have succeeded');
  await expect(generate.response).toHaveCount(0);
});

test('Use the pair explains a tampered ciphertext and an invalid signature in plain words', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const use = new UsePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/tamper');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'RSA_2048',
    masterKey: 'alias/tamper',
  });
  await generate.useThisPair();

  const ciphertext = Buffer.from(await use.encrypt('RSAES_OAEP_SHA_256', 'a data key'), 'base64');
  ciphertext[40] = (ciphertext[40] as number) ^ 0x01;
  await use.decryptWithPrivateKey(ciphertext.toString('base64'));
  const failure = new FailureNotice(use.panel.getByRole('region', { name: 'Encrypt and decrypt' }));
  await expect(failure.name).toHaveText('DecryptionError');
  await expect(failure.explanation).toContainText('Decryption checks what it recovers');
  await expect(failure.explanation).toContainText('the ciphertext was altered');
  await expect(failure.explanation).toContainText('Try encrypting again');
  await expect(failure.message).toContainText('RSA-OAEP decryption failed');
  await expect(use.decryptedText).toHaveText('');

  await use.sign('RSASSA_PSS_SHA_256', 'signed text');
  await use.setMessage('signed text, changed');
  await use.verify();
  await expect(use.verifyResult).toHaveText('Invalid signature');
  const explanation = use.panel.getByTestId('verify-result-explanation');
  await expect(explanation).toContainText('Verify checked the signature against this message');
  await expect(explanation).toContainText('Try signing again');
  // A valid signature needs no explanation.
  await use.setMessage('signed text');
  await use.verify();
  await expect(use.verifyResult).toHaveText('Valid signature');
  await expect(explanation).toHaveCount(0);
});
