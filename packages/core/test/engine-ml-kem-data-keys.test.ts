// ML-KEM data key pairs through the engine: GenerateDataKeyPair and
// GenerateDataKeyPairWithoutPlaintext for ML_KEM_512, ML_KEM_768 and ML_KEM_1024, with
// everything else GenerateDataKeyPair does (context, KeyMaterialId, DryRun, Recipient, quotas),
// refused in China Regions and by the Alibaba Advance operations; and, for every level, OpenSSL
// 3.5 (Node 26, support/node26.ts) reading the pairs and encapsulating and decapsulating with
// them both ways. Node 20's node:crypto cannot read ML-KEM keys, hence OpenSSL through Node 26.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_LIMITS,
  createKms,
  decapsulateWithPrivateKey,
  encapsulateWithPublicKey,
  type Kms,
  mlKemSpec,
} from '../src/index.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';
import { expectMlKemDataKeyPair } from './support/module-lattice.js';
import { Node26, node26Available } from './support/node26.js';

const ML_KEM_SPECS = ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const;
const ARN_PREFIX = 'arn:aws:kms:us-east-1:111122223333:key/';

describe.each(ML_KEM_SPECS)('GenerateDataKeyPair %s', (spec) => {
  it('gives the 86-byte seed form and its public key; Decrypt returns the same 86 bytes', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/pq', TargetKeyId: keyId });
    const context = { purpose: 'post-quantum', Tenant: 'Ünïcode' };
    const pair = await kms.generateDataKeyPair({
      KeyId: 'alias/pq',
      KeyPairSpec: spec,
      EncryptionContext: context,
    });
    expect(pair.KeyId).toBe(`${ARN_PREFIX}${keyId}`);
    expect(pair.KeyPairSpec).toBe(spec);
    const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
    expect(pair.KeyMaterialId).toBe(KeyMetadata?.CurrentKeyMaterialId);
    expectMlKemDataKeyPair(
      spec,
      pair.PublicKey as Uint8Array,
      pair.PrivateKeyPlaintext as Uint8Array,
    );

    const decrypted = await kms.decrypt({
      CiphertextBlob: pair.PrivateKeyCiphertextBlob,
      EncryptionContext: { Tenant: 'Ünïcode', purpose: 'post-quantum' },
    });
    expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    expect(decrypted).toMatchObject({
      KeyId: `${ARN_PREFIX}${keyId}`,
      KeyMaterialId: pair.KeyMaterialId,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
    expect(
      (await rejection(kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }))).name,
    ).toBe('InvalidCiphertextException');
  });

  it('WithoutPlaintext returns no private key; its blob decrypts to the pair’s', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const pair = await kms.generateDataKeyPairWithoutPlaintext({ KeyId: keyId, KeyPairSpec: spec });
    expect(pair).not.toHaveProperty('PrivateKeyPlaintext');
    expect(pair.KeyPairSpec).toBe(spec);
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
    expectMlKemDataKeyPair(spec, pair.PublicKey as Uint8Array, Plaintext as Uint8Array);
  });
});

describe('ML-KEM data key pairs and the rest of GenerateDataKeyPair', () => {
  it('gives a different pair each time', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const a = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ML_KEM_768' });
    const b = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ML_KEM_768' });
    expect(a.PublicKey).not.toEqual(b.PublicKey);
    expect(a.PrivateKeyPlaintext).not.toEqual(b.PrivateKeyPlaintext);
  });

  it('answers DryRun, refuses an invalid Recipient, and checks the wrapping key first', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const dry = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ML_KEM_512', DryRun: true }),
    );
    expect(dry.name).toBe('DryRunOperationException');
    const recipient = await rejection(
      kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'ML_KEM_512',
        Recipient: {
          KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
          AttestationDocument: new Uint8Array([1]),
        },
      }),
    );
    expect(recipient.name).toBe('ValidationException');
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ML_KEM_768',
      KeyUsage: 'ENCAPSULATE_DECAPSULATE',
    });
    const wrong = await rejection(
      kms.generateDataKeyPair({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ML_KEM_768' }),
    );
    expect(wrong.name).toBe('InvalidKeyUsageException');
  });

  it('is not available in China Regions, as AWS says, where other specs are', async () => {
    const kms = createKms({ region: 'cn-north-1' });
    const keyId = await symmetricKey(kms);
    for (const spec of ML_KEM_SPECS) {
      for (const dryRun of [false, true]) {
        const error = await rejection(
          kms.generateDataKeyPairWithoutPlaintext({
            KeyId: keyId,
            KeyPairSpec: spec,
            DryRun: dryRun,
          }),
        );
        expect(error).toMatchObject({
          name: 'UnsupportedOperationException',
          message: `The ML-KEM key specs are not available in China Regions: ${spec} data key pairs cannot be generated in cn-north-1.`,
        });
      }
    }
    const sm2 = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'SM2' });
    expect(sm2.KeyId).toMatch(/^arn:aws-cn:kms:cn-north-1:/);
  });

  it('has no AWS quota: AWS_LIMITS lets any number through in one instant', async () => {
    const { kms } = kmsWithClock(undefined, { limits: AWS_LIMITS });
    const keyId = await symmetricKey(kms);
    for (const spec of ML_KEM_SPECS)
      for (let i = 0; i < 30; i++)
        await kms.generateDataKeyPairWithoutPlaintext({ KeyId: keyId, KeyPairSpec: spec });
  });

  it('comes from the warm pool when one is asked for', async () => {
    const kms = createKms({ pool: { ML_KEM_1024: 1 } });
    await kms.pool?.warm();
    expect(kms.pool?.available('ML_KEM_1024')).toBe(1);
    const keyId = await symmetricKey(kms);
    const pair = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ML_KEM_1024' });
    expectMlKemDataKeyPair(
      'ML_KEM_1024',
      pair.PublicKey as Uint8Array,
      pair.PrivateKeyPlaintext as Uint8Array,
    );
    kms.close();
  });

  it('the Alibaba Advance operations have no ML-KEM spec: InvalidParameter', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const KeyPairSpec of ['ML_KEM_768', 'ML_KEM_512', 'ML_KEM_1024']) {
      for (const operation of [
        kms.advanceGenerateDataKeyPair,
        kms.advanceGenerateDataKeyPairWithoutPlaintext,
      ]) {
        const error = await rejection(
          operation.call(kms, { KeyId: keyId, KeyPairSpec, KeyFormat: 'DER' } as never),
        );
        expect([error.name, error.httpStatusCode]).toEqual(['InvalidParameter', 400]);
        expect(error.message).toContain('KeyPairSpec');
      }
    }
  });
});

describe.skipIf(!node26Available)('ML-KEM data key pairs against OpenSSL 3.5 (Node 26)', () => {
  let openssl: Node26;
  let kms: Kms;
  let keyId: string;
  beforeAll(async () => {
    openssl = new Node26();
    kms = createKms();
    keyId = await symmetricKey(kms);
  });
  afterAll(() => openssl.close());

  it.each(ML_KEM_SPECS)(
    '%s: OpenSSL reads the SPKI and PKCS #8, writes back the same bytes, derives our public key',
    async (spec) => {
      const pair = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: spec });
      const publicKey = pair.PublicKey as Uint8Array;
      const privateKey = pair.PrivateKeyPlaintext as Uint8Array;
      const read = await openssl.readKeys(publicKey, privateKey);
      const name = spec.toLowerCase().replaceAll('_', '-');
      expect([read.publicKeyType, read.privateKeyType]).toEqual([name, name]);
      expect(read.spki).toEqual(publicKey);
      expect(read.pkcs8).toEqual(privateKey);
      expect(read.derivedSpki).toEqual(publicKey);

      // The same for a WithoutPlaintext pair's private key, as Decrypt returns it.
      const sealed = await kms.generateDataKeyPairWithoutPlaintext({
        KeyId: keyId,
        KeyPairSpec: spec,
      });
      const { Plaintext } = await kms.decrypt({ CiphertextBlob: sealed.PrivateKeyCiphertextBlob });
      const again = await openssl.readKeys(sealed.PublicKey as Uint8Array, Plaintext as Uint8Array);
      expect(again.derivedSpki).toEqual(sealed.PublicKey);
    },
  );

  it.each(ML_KEM_SPECS)(
    '%s: OpenSSL encapsulates to our public key and we decapsulate; the reverse too',
    async (spec) => {
      const pair = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: spec });
      const publicKey = pair.PublicKey as Uint8Array;
      const privateKey = pair.PrivateKeyPlaintext as Uint8Array;
      const theirs = await openssl.encapsulate(publicKey);
      expect(theirs.ciphertext).toHaveLength(mlKemSpec(spec).ciphertextBytes);
      expect(decapsulateWithPrivateKey(spec, privateKey, theirs.ciphertext)).toEqual(
        theirs.sharedSecret,
      );
      const ours = encapsulateWithPublicKey(spec, publicKey, globalThis.crypto);
      expect(await openssl.decapsulate(privateKey, ours.ciphertext)).toEqual(ours.sharedSecret);
      // A changed ciphertext: the same implicit rejection secret in both.
      ours.ciphertext[7] = (ours.ciphertext[7] ?? 0) ^ 0x20;
      expect(decapsulateWithPrivateKey(spec, privateKey, ours.ciphertext)).toEqual(
        await openssl.decapsulate(privateKey, ours.ciphertext),
      );
    },
  );
});
