import { createHash, createPrivateKey, createPublicKey, randomBytes, verify } from 'node:crypto';
import { expect, test } from '../fixtures';
import { KeyImport } from '../pages/key-import';
import { KmsKeysPanel } from '../pages/kms-keys';
import { DESKTOP, PHONE } from '../support/every-screen';
import { findKeyIn, readingsOf, searchPageHeap } from '../support/heap-search';
import { countPointerEvents, tabTo } from '../support/keyboard';
import { PKCS8_PREFIXES } from '../support/secrets';
import { stateChecker } from '../support/state-checks';
import { dumpStorage } from '../support/storage';

/**
 * Raw material has no PKCS #8 prefix: the heap search is given the material's bytes 2 to 6
 * as its "prefix", so that its header offset of 2 lands on the material's first byte.
 */
const rawKey = (material: Buffer) => ({
  prefix: material.subarray(2, 6),
  size: material.length,
  sha256Hex: createHash('sha256').update(material).digest('hex'),
});

test('a symmetric key with material made in the page: imported, used, deleted, re-imported pasted; other material refused', async ({
  page,
}) => {
  test.slow();
  const imports = new KeyImport(page);
  await imports.keys.shell.goto();
  await imports.createExternalKey('alias/imported');
  await expect(imports.keys.rowOf('alias/imported').getByTestId('key-state')).toHaveText(
    'PendingImport',
  );

  // Each step shows what was exchanged: the wrapping key and token, the wrapped size.
  await imports.getParameters();
  await expect(imports.section.getByTestId('import-parameters')).toContainText(
    /Import token: \d+ bytes, valid until/,
  );
  const material = await imports.generateAndDownload();
  expect(material.length).toBe(32);
  expect(await imports.wrap()).toContain('EncryptedKeyMaterial: 256 bytes (RSA-OAEP 256)');
  await expect(imports.section.getByTestId('import-material-held')).toHaveText('No material held.');
  await imports.importMaterial();
  await expect(imports.state).toHaveText('Enabled');
  await expect(imports.section.getByTestId('import-result')).toContainText('the key is Enabled');
  // The same import with the AWS CLI and openssl, and the SDK with node:crypto.
  const cli = imports.section.getByTestId('snippet-aws-cli-and-openssl');
  await expect(cli).toContainText(
    '--wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048',
  );
  await expect(cli).toContainText('openssl rand -out material.bin 32');
  await expect(cli).toContainText('--expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE');
  await expect(
    imports.section.getByTestId('snippet-aws-sdk-for-javascript-v3-and-node-crypto'),
  ).toContainText('publicEncrypt(');

  // The material is nowhere in storage: IndexedDB, localStorage, sessionStorage, the URL.
  const dump = await dumpStorage(page);
  expect(findKeyIn(Buffer.from(dump.bytesBase64, 'base64'), rawKey(material))).toEqual([]);
  expect(
    readingsOf(dump.text, 32).some((bytes) => findKeyIn(bytes, rawKey(material)).length > 0),
  ).toBe(false);

  await imports.encrypt('under my own material');
  await imports.decrypt();
  await expect(imports.decrypted).toHaveText('under my own material');

  // Deleted: PendingImport, and the old ciphertext no longer decrypts.
  await imports.deleteMaterial();
  await imports.decrypt();
  await expect(imports.tryFailure.name).toHaveText('KMSInvalidStateException');
  await expect(imports.tryFailure.message).toContainText('is pending import');

  // The same material, pasted as hex: the old ciphertext decrypts again.
  await imports.importAll(material.toString('hex'));
  await expect(imports.state).toHaveText('Enabled');
  await imports.decrypt();
  await expect(imports.decrypted).toHaveText('under my own material');
  await expect(imports.section.getByTestId('snippet-aws-cli-and-openssl')).toContainText(
    '# material.bin: your key material',
  );
  // The pasted text was dropped: no string of the page's heap holds the material.
  const heap = await searchPageHeap(page, rawKey(material));
  expect(heap.strings).toBeGreaterThan(1000);
  expect(heap.found).toEqual([]);

  // Other material is refused, and the key stays PendingImport.
  await imports.deleteMaterial();
  await imports.importAll(randomBytes(32).toString('base64'));
  await expect(imports.failure.name).toHaveText('IncorrectKeyMaterialException');
  await expect(imports.state).toHaveText('PendingImport');
});

test('an ECC_NIST_P256 key from a PKCS #8 made in the page signs, and OpenSSL verifies with that key', async ({
  page,
}) => {
  const imports = new KeyImport(page);
  const kms = new KmsKeysPanel(page);
  await imports.keys.shell.goto();
  const keyId = await imports.createExternalKey('alias/imported-ecc', {
    keySpec: 'ECC_NIST_P256',
    keyUsage: 'SIGN_VERIFY',
  });
  // A private key is longer than RSA-OAEP alone carries: RSA_AES_KEY_WRAP is the default.
  await expect(imports.section.getByLabel('Wrapping algorithm')).toHaveValue(
    'RSA_AES_KEY_WRAP_SHA_256',
  );
  await imports.getParameters();
  const pem = await imports.generateAndDownload();
  expect(pem.toString()).toContain('-----BEGIN PRIVATE KEY-----');
  expect(await imports.wrap()).toMatch(/RSA-OAEP 256 \+ AES key wrap \d+/);
  await imports.importMaterial();
  await expect(imports.state).toHaveText('Enabled');
  // The private key is in neither storage nor, as text (the PEM of its download), the heap.
  const der = createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
  const privateKey = {
    prefix: PKCS8_PREFIXES['P-256'],
    size: der.length,
    sha256Hex: createHash('sha256').update(der).digest('hex'),
  };
  const dump = await dumpStorage(page);
  expect(findKeyIn(Buffer.from(dump.bytesBase64, 'base64'), privateKey)).toEqual([]);
  expect(
    readingsOf(dump.text, der.length).some((bytes) => findKeyIn(bytes, privateKey).length > 0),
  ).toBe(false);
  expect((await searchPageHeap(page, privateKey)).found).toEqual([]);

  await imports.keys.details.getByRole('button', { name: 'Use this key' }).click();
  await kms.open();
  await kms.choose(keyId);
  const signature = await kms.sign({ algorithm: 'ECDSA_SHA_256', message: 'imported and signed' });
  const publicKey = createPublicKey(createPrivateKey(pem));
  expect(
    verify(
      'sha256',
      Buffer.from('imported and signed'),
      publicKey,
      Buffer.from(signature, 'base64'),
    ),
  ).toBe(true);
});

test('material that expires: Enabled until the App clock passes its ValidTo, then PendingImport', async ({
  page,
}) => {
  const imports = new KeyImport(page);
  await imports.keys.shell.goto();
  await imports.createExternalKey('alias/expiring');
  const validTo = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
  await imports.importAll(undefined, { validTo });
  await expect(imports.state).toHaveText('Enabled');
  await expect(imports.keys.details.getByTestId('selected-key-origin')).toContainText(
    `KEY_MATERIAL_EXPIRES until ${validTo.replace('T', ' ')}`,
  );
  await expect(imports.section.getByTestId('snippet-aws-cli-and-openssl')).toContainText(
    `--valid-to ${validTo}:00.000Z`,
  );
  await imports.encrypt('until it expires');
  const clock = page.getByRole('region', { name: 'App clock' });
  await clock.getByLabel('Days to advance').fill('3');
  await clock.getByRole('button', { name: 'Advance clock' }).click();
  await expect(imports.state).toHaveText('PendingImport');
  await imports.decrypt();
  await expect(imports.tryFailure.name).toHaveText('KMSInvalidStateException');
});

test('new imported material for an on-demand rotation: ImportType NEW_KEY_MATERIAL, then Rotate now; old ciphertexts still decrypt', async ({
  page,
}) => {
  const imports = new KeyImport(page);
  await imports.keys.shell.goto();
  await imports.createExternalKey('alias/rotated-import');
  await imports.importAll();
  await expect(imports.state).toHaveText('Enabled');
  await imports.encrypt('under the first material');
  await expect(imports.keys.rotationRows).toHaveCount(1);

  await imports.getParameters();
  await imports.generateAndDownload();
  await imports.wrap();
  await imports.section.getByRole('checkbox', { name: /^ImportType NEW_KEY_MATERIAL/ }).check();
  await imports.importMaterial();
  await expect(imports.section.getByTestId('import-result')).toBeVisible();
  await expect(imports.section.getByTestId('snippet-aws-cli-and-openssl')).toContainText(
    '--import-type NEW_KEY_MATERIAL',
  );
  await imports.keys.rotateNow();
  await expect(imports.keys.rotationRows).toHaveCount(2);
  await imports.decrypt();
  await expect(imports.decrypted).toHaveText('under the first material');
});

test('importing by keyboard alone: Tab, Enter and Space', async ({ page }) => {
  const imports = new KeyImport(page);
  await imports.keys.shell.goto();
  await imports.createExternalKey('alias/by-keyboard');
  const pointer = await countPointerEvents(page);
  const press = async (name: string, key = 'Enter') => {
    await tabTo(page, imports.section.getByRole('button', { name, exact: true }), 60);
    await page.keyboard.press(key);
  };
  await press('Get parameters for import');
  await expect(imports.section.getByTestId('wrapping-public-key')).toContainText('PUBLIC KEY');
  await press('Generate the material in this page', 'Space');
  await expect(imports.section.getByTestId('import-material-held')).toContainText('generated');
  await press('Wrap the material');
  await expect(imports.section.getByTestId('import-wrapped')).toBeVisible();
  await press('Import key material');
  await expect(imports.state).toHaveText('Enabled');
  await press('Delete imported key material');
  await press('Yes, delete the key material');
  await expect(imports.state).toHaveText('PendingImport');
  expect(await pointer()).toBe(0);
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`import states at ${viewport.width}x${viewport.height}: no axe violation, no sideways scroll 360 to 1920 px`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(viewport);
    const imports = new KeyImport(page);
    const found: string[] = [];
    const check = stateChecker(page, viewport, found);
    await imports.keys.shell.goto();
    await imports.createExternalKey('alias/imported-a11y');
    await imports.getParameters({
      wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_1',
      wrappingKeySpec: 'RSA_4096',
    });
    await imports.generateAndDownload();
    await check('Keys, import parameters and generated material');
    await imports.wrap();
    await imports.importMaterial({ validTo: '2099-01-01T00:00' });
    await expect(imports.failure.name).toHaveText('ValidationException');
    await check('Keys, an import refused');
    await imports.importMaterial({
      validTo: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 16),
    });
    await expect(imports.state).toHaveText('Enabled');
    await imports.encrypt('checked');
    await imports.decrypt();
    await expect(imports.decrypted).toHaveText('checked');
    await check('Keys, material imported, snippets and Try it');
    expect(found).toEqual([]);
  });
}
