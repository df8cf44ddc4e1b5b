import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AdvanceKeyPairSpec, createKms, fromPem } from '../src/index.js';
import { rejection, symmetricKey } from './support/kms.js';

const SPECS: [AdvanceKeyPairSpec, string, string | undefined][] = [
  ['RSA_2048', 'rsa', undefined],
  ['EC_P256', 'ec', 'prime256v1'],
  ['EC_P256K', 'ec', 'secp256k1'],
  ['EC_SM2', 'sm2', undefined],
];

describe('AdvanceGenerateDataKeyPair', () => {
  it.each(SPECS)(
    '%s: PEM output parses in node:crypto and AdvanceDecrypt returns the key',
    async (spec, type) => {
      const kms = createKms();
      const keyId = await symmetricKey(kms);
      await kms.createAlias({ AliasName: 'alias/advance', TargetKeyId: keyId });
      const aad = new TextEncoder().encode('order-42');
      const out = await kms.advanceGenerateDataKeyPair({
        KeyId: 'alias/advance',
        KeyPairSpec: spec,
        KeyFormat: 'PEM',
        Aad: aad,
      });
      expect(out).toMatchObject({ KeyId: keyId, KeyPairSpec: spec, Algorithm: 'AES_GCM' });
      expect(out.Iv).toHaveLength(12);
      expect(out.RequestId).toMatch(/^[0-9A-F-]{36}$/);
      const publicPem = new TextDecoder().decode(out.PublicKey);
      const privatePem = new TextDecoder().decode(out.PrivateKeyPlaintext);
      expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const privateKey = createPrivateKey(privatePem);
      expect(privateKey.asymmetricKeyType === type || type === 'sm2').toBe(true);
      expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(publicPem);

      const decrypted = await kms.advanceDecrypt({
        CiphertextBlob: out.PrivateKeyCiphertextBlob,
        Aad: aad,
      });
      expect(decrypted).toMatchObject({
        KeyId: keyId,
        KeyVersionId: out.KeyVersionId,
        Algorithm: 'AES_GCM',
      });
      // The blob holds the private key as PrivateKeyPlaintext gave it: the PEM text's bytes.
      expect(decrypted.Plaintext).toEqual(out.PrivateKeyPlaintext);
      expect(new TextDecoder().decode(decrypted.Plaintext)).toBe(privatePem);
    },
  );

  it('DER and PEM give the same key: the PEM text is the DER, base64-wrapped; AdvanceDecrypt returns each as generated', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const KeyFormat of ['DER', 'PEM'] as const) {
      const out = await kms.advanceGenerateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'EC_P256',
        KeyFormat,
      });
      const { Plaintext } = await kms.advanceDecrypt({
        CiphertextBlob: out.PrivateKeyCiphertextBlob,
      });
      const privateDer =
        KeyFormat === 'DER'
          ? out.PrivateKeyPlaintext
          : fromPem(new TextDecoder().decode(out.PrivateKeyPlaintext)).der;
      const publicDer =
        KeyFormat === 'DER' ? out.PublicKey : fromPem(new TextDecoder().decode(out.PublicKey)).der;
      // AdvanceDecrypt returns the bytes PrivateKeyPlaintext held, in the same format.
      expect(Plaintext).toEqual(out.PrivateKeyPlaintext);
      const fromDer = createPrivateKey({
        key: Buffer.from(privateDer),
        format: 'der',
        type: 'pkcs8',
      });
      expect(
        createPublicKey(fromDer)
          .export({ type: 'spki', format: 'der' })
          .equals(Buffer.from(publicDer)),
      ).toBe(true);
      if (KeyFormat === 'PEM') {
        const fromText = createPrivateKey(new TextDecoder().decode(out.PrivateKeyPlaintext));
        expect(fromText.export({ format: 'jwk' })).toEqual(fromDer.export({ format: 'jwk' }));
      }
    }
  });

  it('WithoutPlaintext omits the private key', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const out = await kms.advanceGenerateDataKeyPairWithoutPlaintext({
      KeyId: keyId,
      KeyPairSpec: 'EC_P256K',
      KeyFormat: 'DER',
    });
    expect(out).not.toHaveProperty('PrivateKeyPlaintext');
    const { Plaintext } = await kms.advanceDecrypt({
      CiphertextBlob: out.PrivateKeyCiphertextBlob,
    });
    const derived = createPublicKey(
      createPrivateKey({ key: Buffer.from(Plaintext), format: 'der', type: 'pkcs8' }),
    );
    expect(Buffer.from(out.PublicKey).equals(derived.export({ type: 'spki', format: 'der' }))).toBe(
      true,
    );
  });

  it('a wrong Aad fails, with Alibaba’s code', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const aad = new TextEncoder().encode('right');
    const out = await kms.advanceGenerateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
      Aad: aad,
    });
    for (const wrong of [
      undefined,
      new TextEncoder().encode('wrong'),
      new TextEncoder().encode('right '),
    ]) {
      const error = await rejection(
        kms.advanceDecrypt({ CiphertextBlob: out.PrivateKeyCiphertextBlob, Aad: wrong }),
      );
      expect(error.name).toBe('InvalidCiphertext');
      expect(error.httpStatusCode).toBe(400);
    }
    // An AWS Decrypt cannot open an Advance blob, nor AdvanceDecrypt an AWS one.
    expect(
      (await rejection(kms.decrypt({ CiphertextBlob: out.PrivateKeyCiphertextBlob }))).name,
    ).toBe('InvalidCiphertextException');
    const aws = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(
      (await rejection(kms.advanceDecrypt({ CiphertextBlob: aws.PrivateKeyCiphertextBlob }))).name,
    ).toBe('InvalidCiphertext');
  });

  it('encrypts under the primary version; a blob from before a rotation reports the old KeyVersionId', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const before = await kms.advanceGenerateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
    });
    await kms.rotateKeyOnDemand({ KeyId: keyId });
    const after = await kms.advanceGenerateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
    });
    expect(after.KeyVersionId).not.toBe(before.KeyVersionId);
    const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
    // The version ID is the current KeyMaterialId's first 16 bytes as a UUID.
    expect(after.KeyVersionId.replaceAll('-', '')).toBe(
      KeyMetadata?.CurrentKeyMaterialId?.slice(0, 32),
    );
    const old = await kms.advanceDecrypt({ CiphertextBlob: before.PrivateKeyCiphertextBlob });
    expect(old.KeyVersionId).toBe(before.KeyVersionId);
    expect(old.Plaintext).toEqual(before.PrivateKeyPlaintext);
  });

  it('answers bad requests with Alibaba’s codes and statuses', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const cases: [unknown, string, number][] = [
      [{ KeyPairSpec: 'EC_P256', KeyFormat: 'PEM' }, 'MissingParameter', 400],
      [{ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', KeyFormat: 'PEM' }, 'InvalidParameter', 400],
      [{ KeyId: keyId, KeyPairSpec: 'EC_P256', KeyFormat: 'JWK' }, 'InvalidParameter', 400],
      [
        { KeyId: keyId, KeyPairSpec: 'EC_P256', KeyFormat: 'DER', Aad: new Uint8Array(8193) },
        'InvalidParameter',
        400,
      ],
      [
        { KeyId: '0b7fd7f2-6b4e-4b8e-9a3c-111111111111', KeyPairSpec: 'EC_P256', KeyFormat: 'DER' },
        'Forbidden.KeyNotFound',
        404,
      ],
      [
        { KeyId: 'alias/none', KeyPairSpec: 'EC_P256', KeyFormat: 'DER' },
        'Forbidden.AliasNotFound',
        404,
      ],
    ];
    for (const [input, code, status] of cases) {
      const error = await rejection(kms.advanceGenerateDataKeyPair(input as never));
      expect([error.name, error.httpStatusCode]).toEqual([code, status]);
    }
    await kms.advanceGenerateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
      Aad: new Uint8Array(8192),
    });
    await kms.disableKey({ KeyId: keyId });
    const disabled = await rejection(
      kms.advanceGenerateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'EC_P256', KeyFormat: 'DER' }),
    );
    expect([disabled.name, disabled.httpStatusCode]).toEqual(['Rejected.Disabled', 400]);
    expect((await rejection(kms.advanceDecrypt({ CiphertextBlob: undefined }))).name).toBe(
      'MissingParameter',
    );
  });
});
