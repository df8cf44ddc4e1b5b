import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { EnclavePanel } from '../pages/enclave';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { findKeyIn, type KeyToFind, readingsOf, searchPageHeap } from '../support/heap-search';
import { pemDer } from '../support/node-keys';
import { PKCS8_PREFIXES } from '../support/secrets';
import { dumpStorage } from '../support/storage';

/** `openssl cms -cmsout -print` of DER bytes: OpenSSL's own reading of the structure. */
function opensslCmsPrint(der: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kms-lab-cms-')), 'ciphertext-for-recipient.der');
  writeFileSync(file, der);
  return execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], {
    encoding: 'utf8',
  });
}

test('the enclave attests, KMS envelopes the private key for it, and only the worker opens it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const keys = new KeysPanel(page);
  const enclave = new EnclavePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/enclave');
  await enclave.open();

  await test.step('step 1: the attestation document, decoded', async () => {
    await enclave.startEnclave();
    await expect(enclave.failure.root).toHaveCount(0);
    const attestation = enclave.attestation;
    await expect(attestation.getByTestId('attestation-module-id')).toHaveText(/\S/);
    // PCR0 to PCR2, zero as in a debug enclave, 48 bytes (SHA-384) each.
    for (const index of [0, 1, 2])
      await expect(attestation.getByTestId(`pcr-${index}`)).toHaveText('0'.repeat(96));
    await expect(attestation.getByTestId('attestation-nonce')).toHaveText(/^[0-9a-f]{32}$/);
    const chain = attestation.getByTestId('certificate-chain').getByRole('listitem');
    await expect(chain).toHaveCount(2);
    await expect(chain.nth(0)).toContainText('kms-lab.development');
    await expect(chain.nth(1).getByTestId('trusted-as')).toContainText(
      'development attestation root',
    );
    // The document as downloaded is the COSE_Sign1 (a CBOR array of four) carrying the public
    // key the page shows, byte for byte.
    const { name, bytes } = await enclave.download(
      enclave.step1,
      'Download the attestation document .cbor',
    );
    expect(name).toBe('attestation-document.cbor');
    expect(bytes[0]).toBe(0x84);
    await expect(attestation.getByTestId('attestation-size')).toContainText(
      `${bytes.length} bytes`,
    );
    const publicKey = pemDer(await attestation.getByLabel('public_key PEM').inputValue());
    expect(bytes.includes(publicKey)).toBe(true);
  });

  await test.step('step 2: GenerateDataKeyPair with the Recipient, no PrivateKeyPlaintext', async () => {
    await enclave.generate('ECC_NIST_P256', 'alias/enclave');
    await expect(enclave.failure.root).toHaveCount(0);
    await expect(enclave.response.getByTestId('response-key-pair-spec')).toHaveText(
      'ECC_NIST_P256',
    );
    const fields = (await enclave.response.getByTestId('response-fields').textContent()) ?? '';
    expect(fields.split(', ').sort()).toEqual(
      [
        'CiphertextForRecipient',
        'KeyId',
        'KeyMaterialId',
        'KeyPairSpec',
        'PrivateKeyCiphertextBlob',
        'PublicKey',
      ].sort(),
    );
    await expect(page.getByRole('region', { name: 'PrivateKeyPlaintext' })).toHaveCount(0);

    await enclave.showStructure('CiphertextForRecipient');
    const tree = enclave.field('CiphertextForRecipient').getByRole('tree', {
      name: 'ASN.1 of CiphertextForRecipient',
    });
    for (const name of [
      /^ContentInfo/,
      /^EnvelopedData/,
      /^KeyTransRecipientInfo/,
      /id-RSAES-OAEP/,
      /id-sha256/,
      /aes256-CBC/,
      /^encryptedContent /,
    ])
      await expect(tree.getByRole('treeitem', { name }).first()).toBeVisible();

    // OpenSSL reads the downloaded file as the CMS it is: RSAES-OAEP with SHA-256 to a key
    // identifier, AES-256-CBC content. (It cannot open it: the enclave's key never leaves
    // the worker. Core's tests open the engine's CMS with `openssl cms -decrypt`.)
    const { name, bytes } = await enclave.download(
      enclave.field('CiphertextForRecipient'),
      'Download CiphertextForRecipient .der',
    );
    expect(name).toBe('ciphertext-for-recipient.der');
    const printed = opensslCmsPrint(bytes);
    expect(printed).toContain('contentType: pkcs7-envelopedData');
    expect(printed).toMatch(/algorithm: rsaesOaep/);
    expect(printed).toMatch(/OBJECT\s+:sha256/);
    expect(printed).toMatch(/OBJECT\s+:mgf1/);
    expect(printed).toMatch(/d\.subjectKeyIdentifier:/);
    expect(printed).toMatch(/algorithm: aes-256-cbc/);
  });

  await test.step('step 3: the enclave opens it and reports facts, not the key', async () => {
    await enclave.sendToEnclave();
    await expect(enclave.failure.root).toHaveCount(0);
    const facts = await enclave.readFacts();
    expect(facts.spec).toMatch(/^ECC_NIST_P256,/);
    expect(facts.matches).toMatch(/^Yes/);
    expect(facts.recipient).toMatch(/^Yes/);
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.size).toBeGreaterThan(60);

    const key: KeyToFind = {
      prefix: PKCS8_PREFIXES['P-256'],
      size: facts.size,
      sha256Hex: facts.sha256,
    };
    // Not in storage: every IndexedDB value, localStorage, sessionStorage and the URL.
    const dump = await dumpStorage(page);
    expect(findKeyIn(Buffer.from(dump.bytesBase64, 'base64'), key)).toEqual([]);
    expect(readingsOf(dump.text, key.size).some((bytes) => findKeyIn(bytes, key).length > 0)).toBe(
      false,
    );
    // Not in the page's JavaScript heap as text: no string of it holds the key the enclave
    // opened, in any encoding (the next test proves the search finds a key the page holds).
    const search = await searchPageHeap(page, key);
    expect(search.strings).toBeGreaterThan(1000);
    expect(search.found).toEqual([]);
  });
});

// The heap search must be able to fail: a private key the page does hold (Generate's
// PrivateKeyPlaintext, revealed) is found, as PEM and as base64.
test('the heap search finds a private key that the page holds', async ({ page }) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/held');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/held',
  });
  const der = pemDer(await generate.read('PrivateKeyPlaintext', 'PEM'));
  const search = await searchPageHeap(page, {
    prefix: PKCS8_PREFIXES['P-256'],
    size: der.length,
    sha256Hex: createHash('sha256').update(der).digest('hex'),
  });
  expect(search.found.some((each) => each.includes('-----BEGIN PRIVATE KEY-----'))).toBe(true);
  expect(search.found.length).toBeGreaterThan(1);
});

test('the enclave opens a pair of every family: RSA, SM2, Ed25519 and ML-KEM', async ({ page }) => {
  test.setTimeout(120_000);
  const keys = new KeysPanel(page);
  const enclave = new EnclavePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/families');
  await enclave.open();
  await enclave.startEnclave();
  for (const spec of ['RSA_2048', 'SM2', 'ECC_NIST_EDWARDS25519', 'ML_KEM_768']) {
    await enclave.generate(spec, 'alias/families');
    await enclave.sendToEnclave();
    await expect(enclave.failure.root).toHaveCount(0);
    const facts = await enclave.readFacts();
    expect(facts.spec, spec).toMatch(new RegExp(`^${spec},`));
    expect(facts.matches, spec).toMatch(/^Yes/);
  }
  // An ML-KEM private key is 86 bytes at every level, as AWS returns it.
  expect((await enclave.readFacts()).size).toBe(86);
});

test('without a master key the Enclave screen offers to make one', async ({ page }) => {
  const enclave = new EnclavePanel(page);
  await enclave.shell.goto();
  await enclave.open();
  const prompt = enclave.panel.getByTestId('next-step');
  await expect(prompt).toContainText('No master key yet');
  await prompt.getByRole('button', { name: 'Create a master key' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(enclave.step2.getByLabel('Master key')).toHaveValue('alias/demo');
  await enclave.startEnclave();
  await enclave.generate('ECC_NIST_P256', 'alias/demo');
  await enclave.sendToEnclave();
  await expect(enclave.facts.getByTestId('facts-matches')).toHaveText(/^Yes/);
});

test('a document the engine refuses is explained: the app clock past the leaf certificate', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const enclave = new EnclavePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/late');
  await enclave.open();
  await enclave.startEnclave();
  // The leaf is valid three hours, as a Nitro leaf: a day later KMS refuses the document.
  await keys.open();
  const clock = page.getByRole('region', { name: 'App clock' });
  await clock.getByLabel('Days to advance').fill('1');
  await clock.getByRole('button', { name: 'Advance clock' }).click();
  await expect(clock.getByTestId('clock-offset')).toHaveText('(1 days ahead)');
  await enclave.open();
  await enclave.generate('ECC_NIST_P256', 'alias/late');
  await expect(enclave.failure.name).toHaveText('ValidationException');
  await expect(enclave.failure.message).toContainText('expired on');
});
