// ML-DSA and ML-KEM against OpenSSL 3.5 (Node 26's node:crypto, see support/node26.ts), for
// every parameter set, one key of each kind per level:
// - OpenSSL reads our SPKI and PKCS #8, writes back the same bytes (the seed form is its own
//   default) and derives our public key from our private key;
// - ML-KEM: OpenSSL encapsulates to a KMS key's public key and Decapsulate gets its secret;
//   our encapsulation decapsulates in OpenSSL;
// - ML-DSA: OpenSSL verifies Sign's signatures, RAW and EXTERNAL_MU (a signature of mu is one
//   of the message whose mu it is), and our Verify accepts OpenSSL's signatures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKms, type Kms } from '../src/index.js';
import {
  decapsulate,
  encapsulate,
  generateKmsKeyMaterial,
  type KmsKeyMaterial,
  ML_DSA_KEY_SPECS,
  ML_KEM_KEY_SPECS,
  type MlDsaKeySpec,
  type MlKemKeySpec,
  privateKeyAccessFromBytes,
  sign,
  verify,
} from '../src/kms-keys/index.js';
import { crypto, utf8 } from './support/kms-keys.js';
import { mlDsaMu } from './support/module-lattice.js';
import { Node26, node26Available } from './support/node26.js';

describe.skipIf(!node26Available)('against OpenSSL 3.5 (Node 26)', () => {
  let openssl: Node26;
  let kms: Kms;
  beforeAll(() => {
    openssl = new Node26();
    kms = createKms();
  });
  afterAll(() => openssl.close());

  const ALGORITHM = 'ML_DSA_SHAKE_256';
  const MESSAGE = utf8('checked by OpenSSL 3.5');
  /** OpenSSL's key type names: 'ml-dsa-44', ..., 'ml-kem-1024'. */
  const opensslName = (spec: string) => spec.toLowerCase().replaceAll('_', '-');

  it('runs OpenSSL 3.5 through Node 26', async () => {
    const { node, openssl: version } = await openssl.versions();
    expect(node).toMatch(/^v26\./);
    expect(version).toMatch(/^3\.5\./);
  });

  /** Key material whose PKCS #8 the test can see, and a KMS key of the same spec. */
  async function keysOf(
    spec: MlDsaKeySpec | MlKemKeySpec,
    usage: 'SIGN_VERIFY' | 'ENCAPSULATE_DECAPSULATE',
  ) {
    const material = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
    const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: usage });
    const keyId = KeyMetadata?.Arn as string;
    const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
    return { material, keyId, spki: PublicKey as Uint8Array };
  }

  async function expectOpenSslReads(
    spec: string,
    { publicKey, privateKey }: Required<KmsKeyMaterial>,
  ) {
    const read = await openssl.readKeys(publicKey, privateKey);
    expect(read.publicKeyType).toBe(opensslName(spec));
    expect(read.privateKeyType).toBe(opensslName(spec));
    expect(read.spki).toEqual(publicKey);
    expect(read.pkcs8).toEqual(privateKey);
    expect(read.derivedSpki).toEqual(publicKey);
  }

  describe.each(ML_KEM_KEY_SPECS)('%s and OpenSSL 3.5', (spec) => {
    const keys = beforeAllKeys(() => keysOf(spec, 'ENCAPSULATE_DECAPSULATE'));

    it('OpenSSL reads our SPKI and PKCS #8 and derives the same public key', async () => {
      await expectOpenSslReads(spec, (await keys()).material);
    });

    it('OpenSSL encapsulates to GetPublicKey’s key; Decapsulate recovers its secret', async () => {
      const { keyId, spki } = await keys();
      const { sharedSecret, ciphertext } = await openssl.encapsulate(spki);
      const { SharedSecret } = await kms.decapsulate({
        KeyId: keyId,
        SharedSecretCiphertextBlob: ciphertext,
        EncapsulationAlgorithm: 'ML_KEM',
      });
      expect(SharedSecret).toEqual(sharedSecret);
    });

    it('our encapsulation decapsulates in OpenSSL, and OpenSSL’s in ours', async () => {
      const { material } = await keys();
      const ours = encapsulate(spec, material.publicKey, crypto);
      expect(await openssl.decapsulate(material.privateKey, ours.ciphertext)).toEqual(
        ours.sharedSecret,
      );
      const theirs = await openssl.encapsulate(material.publicKey);
      const access = privateKeyAccessFromBytes(material.privateKey, crypto);
      expect(await decapsulate(spec, access, theirs.ciphertext)).toEqual(theirs.sharedSecret);
    });

    it('a changed ciphertext gives the same implicit rejection secret in both', async () => {
      const { material } = await keys();
      const { ciphertext } = encapsulate(spec, material.publicKey, crypto);
      ciphertext[5] = (ciphertext[5] ?? 0) ^ 0x40;
      const access = privateKeyAccessFromBytes(material.privateKey, crypto);
      expect(await decapsulate(spec, access, ciphertext)).toEqual(
        await openssl.decapsulate(material.privateKey, ciphertext),
      );
    });
  });

  describe.each(ML_DSA_KEY_SPECS)('%s and OpenSSL 3.5', (spec) => {
    const keys = beforeAllKeys(() => keysOf(spec, 'SIGN_VERIFY'));

    it('OpenSSL reads our SPKI and PKCS #8 and derives the same public key', async () => {
      await expectOpenSslReads(spec, (await keys()).material);
    });

    it('OpenSSL verifies Sign’s RAW and EXTERNAL_MU signatures over the message', async () => {
      const { keyId, spki } = await keys();
      const raw = await kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM });
      expect(await openssl.verify(spki, MESSAGE, raw.Signature as Uint8Array)).toBe(true);
      const byMu = await kms.sign({
        KeyId: keyId,
        Message: mlDsaMu(spki, MESSAGE),
        MessageType: 'EXTERNAL_MU',
        SigningAlgorithm: ALGORITHM,
      });
      expect(await openssl.verify(spki, MESSAGE, byMu.Signature as Uint8Array)).toBe(true);
      expect(await openssl.verify(spki, utf8('another'), byMu.Signature as Uint8Array)).toBe(false);
    });

    it('our Verify accepts OpenSSL’s signatures, RAW and by mu; OpenSSL ours with the same key', async () => {
      const { material } = await keys();
      const signature = await openssl.sign(material.privateKey, MESSAGE);
      const mu = mlDsaMu(material.publicKey, MESSAGE);
      const check = (messageType: 'RAW' | 'EXTERNAL_MU', message: Uint8Array, bytes: Uint8Array) =>
        verify(spec, material.publicKey, ALGORITHM, messageType, message, bytes, crypto);
      expect(await check('RAW', MESSAGE, signature)).toBe(true);
      expect(await check('EXTERNAL_MU', mu, signature)).toBe(true);
      expect(await check('RAW', utf8('another'), signature)).toBe(false);
      const access = privateKeyAccessFromBytes(material.privateKey, crypto);
      const ours = await sign(spec, access, ALGORITHM, 'EXTERNAL_MU', mu, crypto);
      expect(await openssl.verify(material.publicKey, MESSAGE, ours)).toBe(true);
    });
  });

  /** Makes the keys once, before the describe's tests, and hands them to each. */
  function beforeAllKeys<K>(make: () => Promise<K>): () => Promise<K> {
    let made: Promise<K> | undefined;
    beforeAll(() => {
      made = make();
      return made.then(() => undefined);
    });
    return () => made as Promise<K>;
  }
});
