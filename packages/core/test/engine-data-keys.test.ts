import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  type DataKeyPairSpec,
  KEY_PAIR_SPECS,
  type SupportedDataKeyPairSpec,
} from '../src/index.js';
import { rejection, symmetricKey } from './support/kms.js';
import { nodeReadsPair } from './support/node-keys.js';

// node:crypto on Node 20 (OpenSSL 3.0) cannot read ML-KEM keys: engine-ml-kem-data-keys.test.ts
// checks the ML-KEM specs, with OpenSSL 3.5.
const NODE_READABLE_SPECS = (Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[]).filter(
  (spec) => KEY_PAIR_SPECS[spec].family !== 'ml-kem',
);
const ARN_PREFIX = 'arn:aws:kms:us-east-1:111122223333:key/';

describe('GenerateDataKeyPair', () => {
  it.each(NODE_READABLE_SPECS)(
    '%s: node:crypto parses the pair and Decrypt returns the exact PKCS#8',
    async (spec) => {
      const kms = createKms();
      const keyId = await symmetricKey(kms);
      await kms.createAlias({ AliasName: 'alias/demo', TargetKeyId: keyId });
      const context = { app: 'demo', Tenant: 'Ünïcode' };
      const pair = await kms.generateDataKeyPair({
        KeyId: 'alias/demo',
        KeyPairSpec: spec,
        EncryptionContext: context,
      });
      expect(pair.KeyId).toBe(`${ARN_PREFIX}${keyId}`);
      expect(pair.KeyPairSpec).toBe(spec);
      const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
      expect(pair.KeyMaterialId).toBe(KeyMetadata?.CurrentKeyMaterialId);

      nodeReadsPair(pair.PublicKey, pair.PrivateKeyPlaintext);

      const decrypted = await kms.decrypt({
        CiphertextBlob: pair.PrivateKeyCiphertextBlob,
        EncryptionContext: { Tenant: 'Ünïcode', app: 'demo' },
      });
      expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);
      expect(decrypted.KeyId).toBe(`${ARN_PREFIX}${keyId}`);
      expect(decrypted.KeyMaterialId).toBe(pair.KeyMaterialId);
      expect(decrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    },
  );

  it('WithoutPlaintext returns no private key, and its blob decrypts to one matching the public key', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const pair = await kms.generateDataKeyPairWithoutPlaintext({
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P384',
    });
    expect(pair).not.toHaveProperty('PrivateKeyPlaintext');
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
    const derived = createPublicKey(
      createPrivateKey({ key: Buffer.from(Plaintext as Uint8Array), format: 'der', type: 'pkcs8' }),
    );
    expect(
      Buffer.from(pair.PublicKey as Uint8Array).equals(
        derived.export({ format: 'der', type: 'spki' }),
      ),
    ).toBe(true);
  });

  it('gives a different pair each time', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const a = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
    const b = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(a.PublicKey).not.toEqual(b.PublicKey);
    expect(a.PrivateKeyCiphertextBlob).not.toEqual(b.PrivateKeyCiphertextBlob);
  });

  it('refuses a bad spec with the AWS validation message', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const error = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'RSA_1024' as DataKeyPairSpec }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, ECC_NIST_EDWARDS25519, ML_KEM_1024, ML_KEM_512, ML_KEM_768]",
    );
    const two = await rejection(kms.generateDataKeyPair({ KeyId: '', KeyPairSpec: undefined }));
    expect(two.message).toBe(
      "2 validation errors detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value null at 'keyPairSpec' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses asymmetric and HMAC keys as wrapping keys', async () => {
    const kms = createKms();
    for (const [KeySpec, KeyUsage] of [
      ['RSA_2048', 'SIGN_VERIFY'],
      ['ECC_NIST_P256', 'SIGN_VERIFY'],
      ['HMAC_256', 'GENERATE_VERIFY_MAC'],
    ] as const) {
      const { KeyMetadata } = await kms.createKey({ KeySpec, KeyUsage });
      const error = await rejection(
        kms.generateDataKeyPair({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ECC_NIST_P256' }),
      );
      expect(error.name).toBe('InvalidKeyUsageException');
      expect(error.message).toBe(
        `${KeyMetadata?.Arn} key usage is ${KeyUsage} which is not valid for GenerateDataKeyPair.`,
      );
    }
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'RSA_2048',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    const rsa = await rejection(
      kms.generateDataKey({ KeyId: KeyMetadata?.KeyId, KeySpec: 'AES_256' }),
    );
    expect(rsa.name).toBe('InvalidKeyUsageException');
  });

  it('answers DryRun only when everything else would succeed', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const dry = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', DryRun: true }),
    );
    expect(dry.name).toBe('DryRunOperationException');
    expect(dry.message).toBe('The request would have succeeded, but the DryRun option is set.');
    await kms.disableKey({ KeyId: keyId });
    const disabled = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', DryRun: true }),
    );
    expect(disabled.name).toBe('DisabledException');
    const invalid = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'X' as DataKeyPairSpec, DryRun: true }),
    );
    expect(invalid.name).toBe('ValidationException');
    await kms.enableKey({ KeyId: keyId });
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]) });
    expect((await rejection(kms.decrypt({ CiphertextBlob, DryRun: true }))).name).toBe(
      'DryRunOperationException',
    );
    expect(
      (
        await rejection(
          kms.decrypt({ CiphertextBlob, EncryptionContext: { a: 'b' }, DryRun: true }),
        )
      ).name,
    ).toBe('InvalidCiphertextException');
    expect(
      (await rejection(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]), DryRun: true })))
        .name,
    ).toBe('DryRunOperationException');
  });

  it('validates grant tokens for count and length, and knows none', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const tooMany = await rejection(
      kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'SM2',
        GrantTokens: Array(11).fill('t'),
      }),
    );
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toContain(
      "at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    const empty = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'SM2', GrantTokens: [''] }),
    );
    expect(empty.message).toContain(
      "at 'grantTokens.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const long = await rejection(
      kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'SM2',
        GrantTokens: ['x'.repeat(8193)],
      }),
    );
    expect(long.name).toBe('ValidationException');
    const unknown = await rejection(
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'SM2', GrantTokens: ['token'] }),
    );
    expect(unknown.name).toBe('InvalidGrantTokenException');
  });

  it('refuses a Recipient whose attestation document is not one (test/engine-recipient.test.ts has the rest)', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const error = await rejection(
      kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        Recipient: {
          KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
          AttestationDocument: new Uint8Array([1]),
        },
      }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(
      /attestation document in Recipient is not valid. It is not a COSE_Sign1/,
    );
  });

  it('answers a wrong type with SerializationException', async () => {
    const kms = createKms();
    const error = await rejection(
      kms.generateDataKeyPair({ KeyId: 42 as unknown as string, KeyPairSpec: 'SM2' }),
    );
    expect(error.name).toBe('SerializationException');
  });
});

describe('Encrypt, GenerateDataKey and GenerateRandom', () => {
  it('round-trips Encrypt and Decrypt, with and without a context', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const plaintext = new TextEncoder().encode('hello');
    const plain = await kms.encrypt({ KeyId: keyId, Plaintext: plaintext });
    expect((await kms.decrypt({ CiphertextBlob: plain.CiphertextBlob })).Plaintext).toEqual(
      plaintext,
    );
    expect(
      (await kms.decrypt({ CiphertextBlob: plain.CiphertextBlob, EncryptionContext: {} }))
        .Plaintext,
    ).toEqual(plaintext);
    const bound = await kms.encrypt({
      KeyId: keyId,
      Plaintext: plaintext,
      EncryptionContext: { k: 'v' },
    });
    expect((await rejection(kms.decrypt({ CiphertextBlob: bound.CiphertextBlob }))).name).toBe(
      'InvalidCiphertextException',
    );
  });

  it('enforces the Plaintext length limits of the model', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const big = await rejection(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(4097) }));
    expect(big.message).toBe(
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    expect(
      (await rejection(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(0) }))).name,
    ).toBe('ValidationException');
    const ciphertext = await rejection(kms.decrypt({ CiphertextBlob: new Uint8Array(6145) }));
    expect(ciphertext.name).toBe('ValidationException');
  });

  it('generates data keys by KeySpec or NumberOfBytes, not both', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const aes = await kms.generateDataKey({
      KeyId: keyId,
      KeySpec: 'AES_128',
      EncryptionContext: { a: '1' },
    });
    expect(aes.Plaintext).toHaveLength(16);
    expect(aes.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await kms.decrypt({ CiphertextBlob: aes.CiphertextBlob, EncryptionContext: { a: '1' } }))
        .Plaintext,
    ).toEqual(aes.Plaintext);
    const bytes = await kms.generateDataKeyWithoutPlaintext({ KeyId: keyId, NumberOfBytes: 1024 });
    expect(bytes).not.toHaveProperty('Plaintext');
    expect((await kms.decrypt({ CiphertextBlob: bytes.CiphertextBlob })).Plaintext).toHaveLength(
      1024,
    );
    expect((await rejection(kms.generateDataKey({ KeyId: keyId }))).name).toBe(
      'ValidationException',
    );
    expect(
      (
        await rejection(
          kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', NumberOfBytes: 32 }),
        )
      ).name,
    ).toBe('ValidationException');
    expect((await rejection(kms.generateDataKey({ KeyId: keyId, NumberOfBytes: 1025 }))).name).toBe(
      'ValidationException',
    );
    expect((await kms.generateRandom({ NumberOfBytes: 33 })).Plaintext).toHaveLength(33);
  });
});
