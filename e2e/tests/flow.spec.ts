import { expect, test } from '../fixtures';
import { textOf } from '../pages/app';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { UsePanel } from '../pages/use';
import { readBlobHeader } from '../support/blob';
import { parsePair, pemDer, rsaOaepDecrypt, verifyWithOpenSsl } from '../support/node-keys';
import { findSecrets, privateKeyNeedles } from '../support/secrets';
import { dumpStorage } from '../support/storage';

interface FlowCase {
  spec: string;
  /** node:crypto's name for the key type (it names none for SM2 keys). */
  nodeType: string | undefined;
  signing: string;
  encryption?: string;
}

// One spec of each family the app offers.
const CASES: FlowCase[] = [
  {
    spec: 'RSA_2048',
    nodeType: 'rsa',
    signing: 'RSASSA_PSS_SHA_256',
    encryption: 'RSAES_OAEP_SHA_256',
  },
  { spec: 'ECC_NIST_P256', nodeType: 'ec', signing: 'ECDSA_SHA_256' },
  { spec: 'ECC_SECG_P256K1', nodeType: 'ec', signing: 'ECDSA_SHA_256' },
  { spec: 'SM2', nodeType: undefined, signing: 'SM2DSA', encryption: 'SM2PKE' },
  { spec: 'ECC_NIST_EDWARDS25519', nodeType: 'ed25519', signing: 'ED25519_SHA_512' },
];

for (const flow of CASES) {
  test(`${flow.spec}: create, generate, check in OpenSSL, use, decrypt, nothing secret stored`, async ({
    page,
  }) => {
    const keys = new KeysPanel(page);
    const generate = new GeneratePanel(page);
    const use = new UsePanel(page);
    const decrypt = new DecryptPanel(page);
    const context = { purpose: 'e2e', spec: flow.spec };

    await keys.shell.goto();
    const keyId = await keys.createKey('alias/flow');

    await test.step('GenerateDataKeyPair', async () => {
      await generate.generate({
        operation: 'GenerateDataKeyPair',
        keyPairSpec: flow.spec,
        masterKey: 'alias/flow',
        encryptionContext: context,
      });
      await expect(generate.failure.root).toHaveCount(0);
      await expect(generate.response.getByTestId('response-key-pair-spec')).toHaveText(flow.spec);
      await expect(generate.response.getByTestId('response-key-id')).toHaveText(
        new RegExp(`^arn:aws:kms:[^:]+:\\d{12}:key/${keyId}$`),
      );
    });

    const publicPem = await generate.read('PublicKey', 'PEM');
    const privatePem = await generate.read('PrivateKeyPlaintext', 'PEM');
    const blobBase64 = await generate.read('PrivateKeyCiphertextBlob', 'base64');
    const keyMaterialId = await generate.keyMaterialId();

    const pair = parsePair(publicPem, privatePem);
    await test.step('the PEMs parse in node:crypto and belong together', async () => {
      expect(pair.publicKey.asymmetricKeyType).toBe(flow.nodeType);
      expect(pair.privateKey.asymmetricKeyType).toBe(flow.nodeType);
      expect(pair.derivedPublicDer.equals(pair.publicDer)).toBe(true);
      // OpenSSL re-encodes the page's DER to the very same bytes.
      expect(pair.publicDer.equals(pemDer(publicPem))).toBe(true);
      expect(Buffer.from(await generate.read('PublicKey', 'base64'), 'base64')).toEqual(
        pemDer(publicPem),
      );
      const header = readBlobHeader(blobBase64);
      expect(header).toEqual({ aadKind: 'aws-encryption-context', keyId, keyMaterialId });
      expect(keyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    });

    await test.step('sign and verify in the app, verify in OpenSSL', async () => {
      await generate.useThisPair();
      await expect(use.spec).toContainText(flow.spec);
      const message = `KMS Lab e2e message for ${flow.spec}`;
      const signature = Buffer.from(await use.sign(flow.signing, message), 'base64');
      await use.verify();
      await expect(use.verifyResult).toHaveText('Valid signature');
      expect(verifyWithOpenSsl(flow.signing, publicPem, Buffer.from(message), signature)).toBe(
        true,
      );
      // The same signature over another message is refused, by the app and by OpenSSL.
      await use.setMessage(`${message}!`);
      await use.verify();
      await expect(use.verifyResult).toHaveText('Invalid signature');
      expect(
        verifyWithOpenSsl(flow.signing, publicPem, Buffer.from(`${message}!`), signature),
      ).toBe(false);
    });

    const encryption = flow.encryption;
    if (encryption) {
      await test.step(`encrypt and decrypt with ${encryption}`, async () => {
        const plaintext = `secret note for ${flow.spec}`;
        const ciphertext = await use.encrypt(encryption, plaintext);
        if (encryption === 'RSAES_OAEP_SHA_256')
          expect(
            rsaOaepDecrypt(pair.privateKey, Buffer.from(ciphertext, 'base64'), 'sha256').toString(),
          ).toBe(plaintext);
        await use.decryptWithPrivateKey(ciphertext);
        await expect(use.decryptedText).toHaveText(plaintext);
      });
    }

    await test.step('Decrypt the blob with its encryption context', async () => {
      await decrypt.open();
      await decrypt.fill(blobBase64, context);
      await expect(decrypt.api).toHaveText('Decrypt');
      await decrypt.decrypt();
      await expect(decrypt.failure.root).toHaveCount(0);
      expect(await textOf(decrypt.output.getByTestId('decrypt-key-id'))).toContain(keyId);
      expect(pemDer(await decrypt.privateKeyPem())).toEqual(pemDer(privatePem));
      await expect(decrypt.historyMatch).toContainText('Matches the public key of history entry #');
    });

    await test.step('IndexedDB holds no plaintext private key', async () => {
      const dump = await dumpStorage(page);
      expect(dump.stores).toEqual(
        expect.arrayContaining(['kms-lab/keys', 'kms-lab/aliases', 'kms-lab/history']),
      );
      // The dump does see what is stored: the public key and the blob are there.
      const stored = Buffer.from(dump.bytesBase64, 'base64');
      expect(stored.includes(pemDer(publicPem))).toBe(true);
      expect(stored.includes(Buffer.from(blobBase64, 'base64'))).toBe(true);
      // Key material is stored only as non-extractable CryptoKeys.
      expect(dump.cryptoKeys.length).toBeGreaterThan(0);
      expect(dump.cryptoKeys.filter((key) => key.extractable)).toEqual([]);
      expect(findSecrets(dump, privateKeyNeedles(pemDer(privatePem), pair.privateKey))).toEqual([]);
    });
  });
}
