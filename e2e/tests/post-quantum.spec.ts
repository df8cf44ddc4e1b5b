import { expect, test } from '../fixtures';
import { textOf } from '../pages/app';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { KmsKeysPanel } from '../pages/kms-keys';
import { TourPanel } from '../pages/tour';
import { UsePanel } from '../pages/use';
import { axeViolations } from '../support/axe';
import {
  checkPostQuantumStates,
  DESKTOP,
  layoutProblems,
  PHONE,
  WIDTHS,
} from '../support/every-screen';
import { pemDer } from '../support/node-keys';
import {
  decapsulate,
  encapsulate,
  OPENSSL35_MISSING,
  openSsl35Available,
  readPrivateKey,
  readPublicKey,
  verifyMlDsa,
} from '../support/openssl35';
import { findSecrets, needlesOf } from '../support/secrets';
import { dumpStorage } from '../support/storage';

const fromBase64 = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'base64');

/** The base64 of `text` with its first character changed: same length, other bytes. */
function altered(base64: string): string {
  const first = base64[0] === 'A' ? 'B' : 'A';
  return `${first}${base64.slice(1)}`;
}

test('ML_KEM_768 data key pair: 86-byte private key, ASN.1 named, decrypted back, encapsulated and decapsulated', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const use = new UsePanel(page);
  const context = { purpose: 'post-quantum' };
  await keys.shell.goto();
  await keys.createKey('alias/pq-master');

  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ML_KEM_768',
    masterKey: 'alias/pq-master',
    encryptionContext: context,
  });
  await expect(generate.failure.root).toHaveCount(0);
  await expect(generate.response.getByTestId('response-key-pair-spec')).toHaveText('ML_KEM_768');

  const privateDer = fromBase64(await generate.read('PrivateKeyPlaintext', 'base64'));
  const publicDer = fromBase64(await generate.read('PublicKey', 'base64'));
  const publicPem = await generate.read('PublicKey', 'PEM');
  const privatePem = await generate.read('PrivateKeyPlaintext', 'PEM');
  await test.step('the sizes: 86 bytes of private key at every level, said where they are shown', async () => {
    expect(privateDer.length).toBe(86);
    expect(publicDer.length).toBe(1206);
    await expect(
      generate.field('PrivateKeyPlaintext').getByTestId('PrivateKeyPlaintext-size'),
    ).toContainText('86 bytes: 86 bytes at every ML-KEM level (512, 768 and 1024 alike)');
    await expect(generate.field('PublicKey').getByTestId('PublicKey-size')).toContainText(
      '1206 bytes: the 1184-byte ML-KEM-768 encapsulation key ek',
    );
  });

  await test.step('the ASN.1 trees name the OID, the encapsulation key and the seed', async () => {
    await generate.showStructure('PublicKey');
    const publicTree = generate
      .field('PublicKey')
      .getByRole('tree', { name: 'ASN.1 of PublicKey' });
    await expect(
      publicTree.getByRole('treeitem', {
        name: /algorithm OBJECT IDENTIFIER id-alg-ml-kem-768 \(2\.16\.840\.1\.101\.3\.4\.4\.2\)/,
      }),
    ).toBeVisible();
    await expect(
      publicTree.getByRole('treeitem', {
        name: /subjectPublicKey BIT STRING 1184 bytes: the ML-KEM-768 encapsulation key ek/,
      }),
    ).toBeVisible();
    await generate.showStructure('PrivateKeyPlaintext');
    const privateTree = generate
      .field('PrivateKeyPlaintext')
      .getByRole('tree', { name: 'ASN.1 of PrivateKeyPlaintext' });
    await expect(
      privateTree.getByRole('treeitem', {
        name: /id-alg-ml-kem-768 \(2\.16\.840\.1\.101\.3\.4\.4\.2\)/,
      }),
    ).toBeVisible();
    await expect(
      privateTree.getByRole('treeitem', {
        name: /^seed \[0\] IMPLICIT OCTET STRING \[0\] 64 bytes: d \|\| z, ML-KEM\.KeyGen's two 32-byte seeds \(FIPS 203\) \[20\.\.86\)$/,
      }),
    ).toBeVisible();
  });

  await test.step('OpenSSL 3.5 reads both keys as one ML-KEM-768 pair', async () => {
    test.skip(!openSsl35Available, OPENSSL35_MISSING);
    expect(readPublicKey(publicPem)).toEqual({ type: 'ml-kem-768', spki: publicDer });
    const read = readPrivateKey(privatePem);
    expect(read.type).toBe('ml-kem-768');
    expect(read.derivedSpki).toEqual(publicDer);
    expect(pemDer(privatePem)).toEqual(privateDer);
  });

  await test.step('Decrypt gives the same 86 bytes back', async () => {
    await generate.decryptThisBlob();
    await decrypt.decrypt();
    await expect(decrypt.failure.root).toHaveCount(0);
    expect(pemDer(await decrypt.privateKeyPem())).toEqual(privateDer);
    await expect(decrypt.output.getByTestId('PrivateKey-size')).toContainText(
      '86 bytes at every ML-KEM level',
    );
    await expect(decrypt.historyMatch).toContainText('(GenerateDataKeyPair, ML_KEM_768,');
    await decrypt.output.getByRole('button', { name: 'Use this pair' }).click();
  });

  await test.step('Use the pair encapsulates and decapsulates, nothing else', async () => {
    await expect(use.spec).toHaveText('ML_KEM_768');
    await expect(use.panel.getByRole('region', { name: 'Sign and verify' })).toHaveCount(0);
    await expect(use.panel.getByRole('region', { name: 'Encrypt and decrypt' })).toHaveCount(0);
    await expect(use.kemCard().getByTestId('kem-explanation')).toContainText(
      'key encapsulation mechanism (KEM)',
    );
    const ciphertext = fromBase64(await use.encapsulate());
    expect(ciphertext.length).toBe(1088);
    const encapsulated = use.kemCard().getByTestId('encapsulated-secret');
    await expect(encapsulated).toHaveText(/^[0-9a-f]{64}$/);
    await use.decapsulate();
    const match = use.kemCard().getByTestId('secrets-match');
    await expect(match).toHaveText('Both sides have the same 32-byte shared secret');
    const secret = (await encapsulated.textContent()) ?? '';
    await expect(use.kemCard().getByTestId('decapsulated-secret')).toHaveText(secret);
    if (openSsl35Available)
      // OpenSSL 3.5 gets the page's secret out of the page's ciphertext with the page's key.
      expect(decapsulate(privatePem, ciphertext).toString('hex')).toBe(secret);

    // A changed ciphertext of the right length gives another secret (implicit rejection).
    await use.decapsulate(altered(ciphertext.toString('base64')));
    await expect(match).toHaveText(/^The secrets differ/);
    await expect(use.kemCard().getByTestId('decapsulated-secret')).not.toHaveText(secret);
    // One of the wrong length is refused before decapsulation, saying why.
    await use.decapsulate(ciphertext.subarray(1).toString('base64'));
    await expect(use.kemCard().getByTestId('failure-message')).toHaveText(
      'The ciphertext is 1087 bytes; an ML_KEM_768 ciphertext is 1088 bytes.',
    );
  });

  await test.step('an OpenSSL 3.5 ciphertext decapsulates to its secret in the page', async () => {
    test.skip(!openSsl35Available, OPENSSL35_MISSING);
    const made = encapsulate(publicPem);
    await use.decapsulate(made.ciphertext.toString('base64'));
    await expect(use.kemCard().getByTestId('decapsulated-secret')).toHaveText(
      made.sharedSecret.toString('hex'),
    );
  });

  await test.step('the plaintext private key is nowhere in storage', async () => {
    const seed = privateDer.subarray(22);
    expect(findSecrets(await dumpStorage(page), needlesOf([privateDer, seed]))).toEqual([]);
  });
});

test('ML-DSA-65 and ML-KEM-1024 KMS keys: sign RAW and EXTERNAL_MU, verify, refuse a tampered signature; encapsulate and decapsulate', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const kms = new KmsKeysPanel(page);
  await keys.shell.goto();
  const signer = await keys.createKmsKey('alias/pq-signer', 'ML_DSA_65', 'SIGN_VERIFY');
  const kem = await keys.createKmsKey('alias/pq-kem', 'ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE');
  await kms.open();
  const message = 'Release 2.0 of my app';

  await test.step('ML_DSA_65: GetPublicKey names id-ml-dsa-65', async () => {
    await kms.choose(signer);
    await expect(kms.panel.getByTestId('kms-key-spec')).toHaveText('ML_DSA_65');
    const pem = await kms.publicKeyPem();
    const card = kms.card('Get the public key');
    await card.getByRole('button', { name: 'Show PublicKey structure' }).click();
    await expect(
      card.getByRole('treeitem', { name: /id-ml-dsa-65 \(2\.16\.840\.1\.101\.3\.4\.3\.18\)/ }),
    ).toBeVisible();
    await expect(
      card.getByRole('treeitem', {
        name: /subjectPublicKey BIT STRING 1952 bytes: the ML-DSA-65 public key pk/,
      }),
    ).toBeVisible();
    if (openSsl35Available) expect(readPublicKey(pem).type).toBe('ml-dsa-65');
  });

  const pem = await kms
    .card('Get the public key')
    .getByLabel('PublicKey PEM', { exact: true })
    .inputValue();
  let rawSignature = '';
  await test.step('Sign RAW, Verify, and a tampered signature refused', async () => {
    const card = kms.card('Sign and verify');
    await expect(card.getByLabel('Signing algorithm')).toHaveValue('ML_DSA_SHAKE_256');
    await expect(card.getByLabel('Message type').locator('option')).toHaveText([
      'RAW',
      'EXTERNAL_MU',
    ]);
    rawSignature = await kms.sign({ algorithm: 'ML_DSA_SHAKE_256', message });
    expect(fromBase64(rawSignature).length).toBe(3309);
    await kms.verify();
    await expect(kms.signatureValid).toHaveText('Valid signature (SignatureValid: true)');
    if (openSsl35Available)
      expect(verifyMlDsa(pem, Buffer.from(message), fromBase64(rawSignature))).toBe(true);

    await kms.signature().fill(altered(rawSignature));
    await kms.verify();
    await expect(kms.signatureValid).toHaveText('Invalid signature');
    await expect(kms.failure('Sign and verify').name).toHaveText('KMSInvalidSignatureException');
  });

  await test.step('EXTERNAL_MU: μ computed in the page verifies the RAW signature, and signs', async () => {
    const card = kms.card('Sign and verify');
    const mu = await kms.computeMu(message);
    await expect(card.getByTestId('mu-explanation')).toContainText(
      'μ is the 64-byte SHAKE256 hash',
    );
    await kms.signature().fill(rawSignature);
    await kms.verify();
    await expect(kms.signatureValid).toHaveText('Valid signature (SignatureValid: true)');

    const muSignature = await kms.signMu();
    await kms.verify();
    await expect(kms.signatureValid).toHaveText('Valid signature (SignatureValid: true)');
    // A signature of μ is an ML-DSA signature of the message itself.
    if (openSsl35Available)
      expect(verifyMlDsa(pem, Buffer.from(message), fromBase64(muSignature))).toBe(true);
    await expect(
      card.getByRole('region', { name: 'Verify with the AWS CLI and SDK' }),
    ).toContainText(`--message-type EXTERNAL_MU`);
    expect(mu).toHaveLength(128);

    // μ must be 64 bytes: the card says so before any request.
    await kms.mu().fill(mu.slice(2));
    await card.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(kms.failure('Sign and verify').message).toHaveText(
      'μ must be 64 bytes (128 hex digits); this is 63 bytes.',
    );
  });

  await test.step('ML_KEM_1024: GetPublicKey, Encapsulate, Decapsulate, the same secret', async () => {
    await kms.choose(kem);
    const kemPem = await kms.publicKeyPem();
    const publicCard = kms.card('Get the public key');
    await publicCard.getByRole('button', { name: 'Show PublicKey structure' }).click();
    await expect(
      publicCard.getByRole('treeitem', {
        name: /id-alg-ml-kem-1024 \(2\.16\.840\.1\.101\.3\.4\.4\.3\)/,
      }),
    ).toBeVisible();
    const card = kms.card('Encapsulate and decapsulate');
    const ciphertext = fromBase64(await kms.encapsulate());
    expect(ciphertext.length).toBe(1568);
    await kms.decapsulate();
    await expect(card.getByTestId('secrets-match')).toHaveText(
      'Both sides have the same 32-byte shared secret',
    );
    await expect(card.getByTestId('decapsulated-secret')).toHaveText(
      (await card.getByTestId('encapsulated-secret').textContent()) ?? '',
    );
    await expect(
      card.getByRole('region', { name: 'Decapsulate with the AWS CLI and SDK' }),
    ).toContainText('aws kms decapsulate');

    // A ciphertext of the wrong length: InvalidCiphertextException, as AWS documents it.
    await kms.decapsulate(ciphertext.subarray(0, 1000).toString('base64'));
    await expect(kms.failure('Encapsulate and decapsulate').name).toHaveText(
      'InvalidCiphertextException',
    );

    if (openSsl35Available) {
      // OpenSSL 3.5 encapsulates to the public key GetPublicKey gave; KMS gets the secret out.
      expect(readPublicKey(kemPem).type).toBe('ml-kem-1024');
      const made = encapsulate(kemPem);
      await kms.decapsulate(made.ciphertext.toString('base64'));
      await expect(card.getByTestId('decapsulated-secret')).toHaveText(
        made.sharedSecret.toString('hex'),
      );
    }
  });
});

test('the Start here tour with an ML-KEM pair: step 3 encapsulates, step 6 decapsulates the same secret', async ({
  page,
}) => {
  const tour = new TourPanel(page);
  const generate = new GeneratePanel(page);
  await tour.page.goto('/');
  await tour.button('Create the master key').click();
  await tour.expectDone(1);
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ML_KEM_768',
    masterKey: 'alias/start-here',
    encryptionContext: { purpose: 'start-here' },
  });
  await expect(generate.failure.root).toHaveCount(0);

  await tour.stepLink(3).click();
  await expect(tour.stepText).toHaveText(
    /^An ML_KEM_768 pair does not encrypt: its public key encapsulates\. /,
  );
  await tour.button('Encapsulate to the public key').click();
  await tour.expectDone(3);
  const fingerprint = /shared secret \(SHA-256 ((?:[0-9a-f]{2}:){7}[0-9a-f]{2})\)/.exec(
    await textOf(tour.stepText),
  )?.[1];
  expect(fingerprint).toBeDefined();
  await expect(tour.stepText).toContainText('and a 1088-byte ciphertext');
  await expect(tour.value('data')).toHaveText(
    /^keyed by the shared secret; 1088-byte ML-KEM ciphertext( [0-9a-f]{2}){6} …$/,
  );
  expect(await axeViolations(page, { within: '#start-here' })).toEqual([]);

  await tour.button('Next step').click();
  await tour.button('Store the blob beside the data').click();
  await tour.expectDone(4);
  const envelope = JSON.parse(await tour.root.getByLabel('envelope.json').inputValue());
  expect(fromBase64(envelope.SharedSecretCiphertextBlob).length).toBe(1088);
  await tour.button('Next step').click();
  await tour.button('Decrypt the blob with KMS').click();
  await tour.expectDone(5);
  await tour.button('Next step').click();
  await tour.button('Decapsulate with the private key').click();
  await tour.button('Forget the private key').click();
  await tour.expectDone(6);
  await expect(tour.stepText).toContainText(
    `decapsulated the ciphertext back into the same 32-byte shared secret (SHA-256 ${fingerprint})`,
  );
  await expect(tour.progress).toHaveText(/^6 of 6 steps done/);
  expect(await axeViolations(page, { within: '#start-here' })).toEqual([]);
});

// The states the post-quantum keys add: axe finds nothing at a phone's size and a desktop's,
// and nothing scrolls sideways or leaves its card from 360 to 1920 px.
for (const viewport of [PHONE, DESKTOP]) {
  test(`post-quantum screens at ${viewport.width}x${viewport.height}: no axe violation, no sideways scroll 360 to 1920 px`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await checkPostQuantumStates(page, async (state) => {
      for (const violation of await axeViolations(page, { without: '#start-here' }))
        found.push(`${state}: ${violation}`);
      if (viewport !== PHONE) return;
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        for (const problem of await layoutProblems(page))
          found.push(`${state} ${width}px: ${problem}`);
      }
      await page.setViewportSize(viewport);
    });
    expect(found).toEqual([]);
  });
}
