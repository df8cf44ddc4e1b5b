import { constants, createHash, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { KmsKeysPanel, type SignRequest } from '../pages/kms-keys';
import { readBlobHeader } from '../support/blob';
import { pemDer, verifyWithOpenSsl } from '../support/node-keys';
import { PKCS8_PREFIXES } from '../support/secrets';
import { dumpStorage, readPrivateHalves, type StoredPrivateHalf } from '../support/storage';

/** Every CryptoKey of a private half is non-extractable, and exporting it fails. */
function expectLockedCryptoKeys(half: StoredPrivateHalf) {
  expect(half.cryptoKeys.length, `${half.keySpec} holds CryptoKeys`).toBeGreaterThan(0);
  for (const key of half.cryptoKeys) {
    expect(key.extractable).toBe(false);
    expect(key.exportError).toBe('InvalidAccessError');
  }
}

/** node:crypto (OpenSSL) verifies the signature the app made over the message. */
function expectNodeVerifies(
  algorithm: string,
  publicPem: string,
  message: string,
  signatureBase64: string,
) {
  const signature = Buffer.from(signatureBase64, 'base64');
  expect(verifyWithOpenSsl(algorithm, publicPem, Buffer.from(message), signature), algorithm).toBe(
    true,
  );
}

/** Signs in the card; node:crypto accepts the signature, and so does the card's Verify. */
async function signAndVerify(kms: KmsKeysPanel, publicPem: string, request: SignRequest) {
  const signature = await kms.sign(request);
  expectNodeVerifies(request.algorithm, publicPem, request.message, signature);
  await kms.verify();
  await expect(kms.signatureValid).toHaveText('Valid signature (SignatureValid: true)');
}

/** Opens the app; the Keys screen makes the keys that the Use a KMS key screen uses. */
async function openApp(page: Page) {
  const keys = new KeysPanel(page);
  await keys.shell.goto();
  return { keys, kms: new KmsKeysPanel(page) };
}

/** The whole page fits the viewport's width: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'page width at this viewport').toBeLessThanOrEqual(innerWidth);
}

test('P-256 and RSA_2048 SIGN_VERIFY keys sign; node:crypto verifies; a tampered signature is refused; a reload keeps them', async ({
  page,
}) => {
  const { keys, kms } = await openApp(page);
  const ecKey = await keys.createKmsKey('alias/sign-p256', 'ECC_NIST_P256', 'SIGN_VERIFY');
  const rsaKey = await keys.createKmsKey('alias/sign-rsa', 'RSA_2048', 'SIGN_VERIFY');
  const ecRow = keys.rowOf('alias/sign-p256');
  await expect(ecRow.getByTestId('key-spec')).toHaveText('ECC_NIST_P256');
  await expect(ecRow.getByTestId('key-usage')).toHaveText('SIGN_VERIFY');
  await expect(keys.rowOf('alias/sign-rsa').getByTestId('key-spec')).toHaveText('RSA_2048');

  await kms.open();
  await kms.choose(ecKey);
  const ecPem = await kms.publicKeyPem();
  const message = 'release 1.0 of the e2e app';

  await test.step('ECDSA_SHA_256, RAW: node:crypto verifies; so does the app', async () => {
    await signAndVerify(kms, ecPem, { algorithm: 'ECDSA_SHA_256', message });
    const cli = kms.card('Sign and verify').getByTestId('snippet-aws-cli');
    await expect(cli).toContainText('aws kms verify');
    await expect(cli).toContainText('--signing-algorithm ECDSA_SHA_256');
    // AWS CLI v2 reads an inline blob as base64.
    await expect(cli).toContainText(`--message ${Buffer.from(message).toString('base64')}`);
  });

  await test.step('DIGEST: the page sends SHA-256 of the text; the signature is over the text', async () => {
    await signAndVerify(kms, ecPem, { algorithm: 'ECDSA_SHA_256', message, messageType: 'DIGEST' });
    const digest = createHash('sha256').update(message).digest('hex');
    await expect(kms.panel.getByTestId('message-digest')).toContainText(digest);
  });

  await test.step('another message: KMSInvalidSignatureException, explained', async () => {
    await kms.card('Sign and verify').getByLabel('Message (UTF-8 text)').fill(`${message}!`);
    await kms.verify();
    await expect(kms.signatureValid).toHaveText('Invalid signature');
    const failure = kms.failure('Sign and verify');
    await expect(failure.name).toHaveText('KMSInvalidSignatureException');
    await expect(failure.explanation).toContainText('does not verify');
  });

  await test.step('RSA_2048: PSS and PKCS #1 v1.5 signatures verify in node:crypto', async () => {
    await kms.choose(rsaKey);
    const rsaPem = await kms.publicKeyPem();
    for (const algorithm of ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256']) {
      expectNodeVerifies(algorithm, rsaPem, message, await kms.sign({ algorithm, message }));
    }
    // One bit of the signature changed.
    const tampered = Buffer.from(await kms.signature().inputValue(), 'base64');
    tampered[10] = (tampered[10] as number) ^ 0x01;
    await kms.signature().fill(tampered.toString('base64'));
    await kms.verify();
    await expect(kms.failure('Sign and verify').name).toHaveText('KMSInvalidSignatureException');
  });

  await test.step('after a reload, the P-256 key signs as before', async () => {
    await page.reload();
    await kms.open();
    await kms.choose(ecKey);
    await signAndVerify(kms, ecPem, { algorithm: 'ECDSA_SHA_256', message });
  });

  await test.step('IndexedDB holds the private keys wrapped, never in the clear', async () => {
    const halves = await readPrivateHalves(page, 'kms-lab');
    expect(halves.map((half) => half.keySpec).sort()).toEqual(['ECC_NIST_P256', 'RSA_2048']);
    for (const half of halves) {
      // Signing keys are wrapped: WebCrypto cannot sign a DIGEST (docs/design.md).
      expect(half.kind).toBe('wrapped');
      expectLockedCryptoKeys(half);
      expect(half.byteLengths.length).toBeGreaterThan(0);
    }
    const stored = Buffer.from((await dumpStorage(page)).bytesBase64, 'base64');
    expect(stored.includes(pemDer(ecPem)), 'the public key is stored and seen').toBe(true);
    // The needles are right: a PKCS #8 key of each type starts with them.
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(ec.export({ format: 'der', type: 'pkcs8' }).includes(PKCS8_PREFIXES['P-256'])).toBe(
      true,
    );
    expect(stored.includes(PKCS8_PREFIXES['P-256'])).toBe(false);
    expect(stored.includes(PKCS8_PREFIXES.RSA)).toBe(false);
  });
});

test('RSA_2048 ENCRYPT_DECRYPT: encrypt and decrypt; a ciphertext node:crypto made decrypts', async ({
  page,
}) => {
  const { keys, kms } = await openApp(page);
  const keyId = await keys.createKmsKey('alias/rsa-oaep', 'RSA_2048', 'ENCRYPT_DECRYPT');
  // Handed over from the Keys screen.
  await keys.select('alias/rsa-oaep');
  await keys.details.getByRole('button', { name: 'Use this key' }).click();
  await expect(kms.panel.getByTestId('kms-key-id')).toHaveText(keyId);
  await expect(kms.panel.getByTestId('kms-key-usage')).toHaveText('ENCRYPT_DECRYPT');
  const publicPem = await kms.publicKeyPem();

  const ciphertext = await kms.encrypt('RSAES_OAEP_SHA_256', 'a short secret');
  expect(Buffer.from(ciphertext, 'base64')).toHaveLength(256);
  await kms.decrypt(ciphertext);
  await expect(kms.decryptedText).toHaveText('a short secret');

  // Encrypted outside KMS with the public key it showed; only KMS can open it.
  const fromNode = publicEncrypt(
    { key: publicPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from('made by node:crypto'),
  );
  await kms
    .card('Encrypt and decrypt')
    .getByLabel('Encryption algorithm')
    .selectOption('RSAES_OAEP_SHA_1');
  await kms.decrypt(fromNode.toString('base64'));
  await expect(kms.decryptedText).toHaveText('made by node:crypto');

  const [half] = await readPrivateHalves(page, 'kms-lab');
  expect(half?.kind).toBe('cryptoKeys');
  expect(half?.cryptoKeys.map((key) => key.algorithm)).toEqual(['RSA-OAEP', 'RSA-OAEP']);
  if (half) expectLockedCryptoKeys(half);
  expect(half?.byteLengths).toEqual([]);
  const stored = Buffer.from((await dumpStorage(page)).bytesBase64, 'base64');
  expect(stored.includes(PKCS8_PREFIXES.RSA)).toBe(false);
});

test('at 390px: ECDH with a page-made peer gives both sides one secret; HMAC generates and verifies', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { keys, kms } = await openApp(page);
  const agreementKey = await keys.createKmsKey('alias/ecdh', 'ECC_NIST_P256', 'KEY_AGREEMENT');
  const hmacKey = await keys.createKmsKey('alias/hmac', 'HMAC_256', 'GENERATE_VERIFY_MAC');
  await expectNoSidewaysScroll(page);

  await test.step('DeriveSharedSecret: KMS and the peer compute the same secret', async () => {
    await kms.open();
    await kms.choose(agreementKey);
    await kms.publicKeyPem();
    await kms.makePeer();
    const secret = await kms.deriveSharedSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await expect(kms.panel.getByTestId('peer-shared-secret')).toHaveText(secret);
    await expect(kms.secretsMatch).toHaveText('Both sides have the same secret');
    await expectNoSidewaysScroll(page);
  });

  await test.step('GenerateMac, VerifyMac; another message is KMSInvalidMacException', async () => {
    await kms.choose(hmacKey);
    const message = 'user=alice;role=admin';
    expect(Buffer.from(await kms.generateMac(message), 'base64')).toHaveLength(32);
    await kms.verifyMac();
    await expect(kms.macValid).toHaveText('Valid MAC (MacValid: true)');
    await kms
      .card('Generate and verify a MAC')
      .getByLabel('Message (UTF-8 text)')
      .fill(`${message}x`);
    await kms.verifyMac();
    await expect(kms.macValid).toHaveText('Invalid MAC');
    await expect(kms.failure('Generate and verify a MAC').name).toHaveText(
      'KMSInvalidMacException',
    );
    await expectNoSidewaysScroll(page);
  });

  const halves = await readPrivateHalves(page, 'kms-lab');
  expect(halves.map((half) => [half.keySpec, half.kind]).sort()).toEqual([
    ['ECC_NIST_P256', 'cryptoKeys'],
    ['HMAC_256', 'cryptoKeys'],
  ]);
  for (const half of halves) expectLockedCryptoKeys(half);
});

test("ReEncrypt moves a Generate screen's PrivateKeyCiphertextBlob under another key; it decrypts", async ({
  page,
}) => {
  const { keys, kms } = await openApp(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const sourceKey = await keys.createKey('alias/source');
  const destinationKey = await keys.createKey('alias/destination');
  const context = { app: 'reencrypt' };
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/source',
    encryptionContext: context,
  });
  const privatePem = await generate.read('PrivateKeyPlaintext', 'PEM');
  const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');

  await kms.open();
  await expect(kms.panel.getByTestId('no-kms-keys')).toBeVisible();
  // Taken from the history, with the context it was made under.
  const card = kms.card('Re-encrypt a ciphertext');
  await card.getByLabel('Blob from the history').selectOption({ index: 1 });
  await expect(card.getByLabel('Ciphertext to re-encrypt (base64)')).toHaveValue(blobBase64);
  await expect(card.getByLabel('Source context value 1', { exact: true })).toHaveValue('reencrypt');
  await kms.reEncrypt({ blobBase64, sourceContext: context, destinationKey: 'alias/destination' });
  await expect(kms.failure('Re-encrypt a ciphertext').root).toHaveCount(0);
  await expect(kms.panel.getByTestId('reencrypt-source-key-id')).toContainText(sourceKey);
  await expect(kms.panel.getByTestId('reencrypt-key-id')).toContainText(destinationKey);
  await expect(kms.card('Re-encrypt a ciphertext').getByTestId('snippet-aws-cli')).toContainText(
    '--destination-key-id alias/destination',
  );

  await kms.reEncryptResponse.getByRole('button', { name: 'Decrypt this blob' }).click();
  const moved = await decrypt.blobInput().inputValue();
  expect(readBlobHeader(moved).keyId).toBe(destinationKey);
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  expect(await decrypt.keyId()).toContain(destinationKey);
  expect(pemDer(await decrypt.privateKeyPem())).toEqual(pemDer(privatePem));
});
