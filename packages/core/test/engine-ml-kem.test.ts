// ML-KEM KMS keys through the engine, on both forms a store keeps private keys in: CreateKey,
// DescribeKey and GetPublicKey, Encapsulate and Decapsulate, FIPS 203's implicit rejection, and
// AWS's checks in AWS's order. OpenSSL 3.5 encapsulates and decapsulates against these keys
// in module-lattice-openssl.test.ts.
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  type Kms,
  MemoryKeyStore,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
  type StoredKey,
} from '../src/index.js';
import { ML_KEM_KEY_SPECS, type MlKemKeySpec } from '../src/kms-keys/index.js';
import { BytesStore, rejection, STORES } from './support/kms.js';
import {
  ML_KEM_CIPHERTEXT_BYTES,
  repeatableCrypto,
  SEED_PKCS8_BYTES,
} from './support/module-lattice.js';

const ALGORITHM = 'ML_KEM';

async function mlKemKey(kms: Kms, spec: MlKemKeySpec = 'ML_KEM_768') {
  const { KeyMetadata } = await kms.createKey({
    KeySpec: spec,
    KeyUsage: 'ENCAPSULATE_DECAPSULATE',
  });
  return KeyMetadata?.Arn as string;
}

describe.each(STORES)('ML-KEM keys in %s', (_, makeKms) => {
  it.each(ML_KEM_KEY_SPECS)(
    '%s: DescribeKey and GetPublicKey as AWS; Decapsulate recovers what Encapsulate made',
    async (spec) => {
      const kms = makeKms();
      const keyId = await mlKemKey(kms, spec);
      const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
      expect(KeyMetadata).toMatchObject({
        KeySpec: spec,
        KeyUsage: 'ENCAPSULATE_DECAPSULATE',
        EncapsulationAlgorithms: [ALGORITHM],
      });
      for (const other of [
        'EncryptionAlgorithms',
        'SigningAlgorithms',
        'KeyAgreementAlgorithms',
        'MacAlgorithms',
      ] as const)
        expect(KeyMetadata?.[other]).toBeUndefined();
      const response = await kms.getPublicKey({ KeyId: keyId });
      expect(response).toMatchObject({
        KeyId: keyId,
        KeySpec: spec,
        KeyUsage: 'ENCAPSULATE_DECAPSULATE',
        EncapsulationAlgorithms: [ALGORITHM],
      });
      expect(response.SigningAlgorithms).toBeUndefined();
      const { parameterSet } = parseModuleLatticePublicKey(response.PublicKey as Uint8Array);
      expect(parameterSet.name).toBe(spec.replaceAll('_', '-'));

      const encapsulated = await kms.encapsulate({
        KeyId: keyId,
        EncapsulationAlgorithm: ALGORITHM,
      });
      expect(encapsulated).toMatchObject({ KeyId: keyId, EncapsulationAlgorithm: ALGORITHM });
      expect(encapsulated.SharedSecret).toHaveLength(32);
      expect(encapsulated.SharedSecretCiphertextBlob).toHaveLength(ML_KEM_CIPHERTEXT_BYTES[spec]);
      const decapsulated = await kms.decapsulate({
        KeyId: keyId,
        SharedSecretCiphertextBlob: encapsulated.SharedSecretCiphertextBlob,
        EncapsulationAlgorithm: ALGORITHM,
      });
      expect(decapsulated).toEqual({
        KeyId: keyId,
        SharedSecret: encapsulated.SharedSecret,
        EncapsulationAlgorithm: ALGORITHM,
        $metadata: expect.objectContaining({ httpStatusCode: 200 }),
      });
      const again = await kms.encapsulate({ KeyId: keyId, EncapsulationAlgorithm: ALGORITHM });
      expect(again.SharedSecret).not.toEqual(encapsulated.SharedSecret);
    },
  );

  it('a changed ciphertext, or another key’s, gives a pseudo-random secret, not an error (FIPS 203)', async () => {
    const kms = makeKms();
    const keyId = await mlKemKey(kms);
    const other = await mlKemKey(kms);
    const { SharedSecret, SharedSecretCiphertextBlob } = await kms.encapsulate({
      KeyId: keyId,
      EncapsulationAlgorithm: ALGORITHM,
    });
    const changed = (SharedSecretCiphertextBlob as Uint8Array).slice();
    changed[0] = (changed[0] ?? 0) ^ 1;
    const decapsulate = (KeyId: string, blob: Uint8Array) =>
      kms.decapsulate({
        KeyId,
        SharedSecretCiphertextBlob: blob,
        EncapsulationAlgorithm: ALGORITHM,
      });
    const rejected = (await decapsulate(keyId, changed)).SharedSecret;
    expect(rejected).toHaveLength(32);
    expect(rejected).not.toEqual(SharedSecret);
    // Implicit rejection is K-bar = J(z || c): the same for the same ciphertext.
    expect((await decapsulate(keyId, changed)).SharedSecret).toEqual(rejected);
    const elsewhere = (await decapsulate(other, SharedSecretCiphertextBlob as Uint8Array))
      .SharedSecret;
    expect(elsewhere).toHaveLength(32);
    expect(elsewhere).not.toEqual(SharedSecret);
  });
});

describe('ML-KEM randomness', () => {
  it('comes from the injected provider: the same provider bytes give the same key and ciphertext', async () => {
    const run = async () => {
      const kms = createKms({ crypto: repeatableCrypto() });
      const keyId = await mlKemKey(kms, 'ML_KEM_512');
      const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
      const encapsulated = await kms.encapsulate({
        KeyId: keyId,
        EncapsulationAlgorithm: ALGORITHM,
      });
      return { PublicKey, ...encapsulated };
    };
    const [first, second] = [await run(), await run()];
    expect(second.PublicKey).toEqual(first.PublicKey);
    expect(second.SharedSecretCiphertextBlob).toEqual(first.SharedSecretCiphertextBlob);
    expect(second.SharedSecret).toEqual(first.SharedSecret);
  });
});

describe('ML-KEM: what AWS refuses, in its words and order', () => {
  it('a ciphertext of the wrong length is InvalidCiphertextException, as AWS documents', async () => {
    const kms = createKms();
    const keyId = await mlKemKey(kms, 'ML_KEM_768');
    const small = await mlKemKey(kms, 'ML_KEM_512');
    const { SharedSecretCiphertextBlob } = await kms.encapsulate({
      KeyId: small,
      EncapsulationAlgorithm: ALGORITHM,
    });
    const full = new Uint8Array(1568);
    for (const blob of [
      SharedSecretCiphertextBlob as Uint8Array,
      full.subarray(0, 1),
      full.subarray(0, 1087),
      full.subarray(0, 1089),
      full,
    ]) {
      const error = await rejection(
        kms.decapsulate({
          KeyId: keyId,
          SharedSecretCiphertextBlob: blob,
          EncapsulationAlgorithm: ALGORITHM,
        }),
      );
      expect([error.name, error.message]).toEqual([
        'InvalidCiphertextException',
        `SharedSecretCiphertextBlob is ${blob.length} bytes; a ML_KEM_768 ciphertext is 1088 bytes.`,
      ]);
    }
  });

  it('keys of another usage are refused with AWS’s message, and ML-KEM keys elsewhere', async () => {
    const kms = createKms();
    const mlKem = await mlKemKey(kms);
    const mlDsa = (await kms.createKey({ KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' }))
      .KeyMetadata?.Arn as string;
    const symmetric = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const blob = new Uint8Array(1088);
    const cases = [
      [
        () => kms.encapsulate({ KeyId: mlDsa, EncapsulationAlgorithm: ALGORITHM }),
        `${mlDsa} key usage is SIGN_VERIFY which is not valid for Encapsulate.`,
      ],
      [
        () =>
          kms.decapsulate({
            KeyId: symmetric,
            SharedSecretCiphertextBlob: blob,
            EncapsulationAlgorithm: ALGORITHM,
          }),
        `${symmetric} key usage is ENCRYPT_DECRYPT which is not valid for Decapsulate.`,
      ],
      [
        () => kms.sign({ KeyId: mlKem, Message: blob, SigningAlgorithm: 'ML_DSA_SHAKE_256' }),
        `${mlKem} key usage is ENCAPSULATE_DECAPSULATE which is not valid for Sign.`,
      ],
      [
        () => kms.encrypt({ KeyId: mlKem, Plaintext: blob.subarray(0, 16) }),
        `${mlKem} key usage is ENCAPSULATE_DECAPSULATE which is not valid for Encrypt.`,
      ],
      [
        () => kms.generateDataKey({ KeyId: mlKem, KeySpec: 'AES_256' }),
        `${mlKem} key usage is ENCAPSULATE_DECAPSULATE which is not valid for GenerateDataKey.`,
      ],
    ] as const;
    for (const [attempt, message] of cases) {
      const error = await rejection(attempt());
      expect([error.name, error.message]).toEqual(['InvalidKeyUsageException', message]);
    }
  });

  it('EncapsulationAlgorithm is required and ML_KEM only: ValidationException', async () => {
    const kms = createKms();
    const keyId = await mlKemKey(kms);
    for (const input of [
      { KeyId: keyId },
      { KeyId: keyId, EncapsulationAlgorithm: 'ML_KEM_768' as 'ML_KEM' },
    ]) {
      const error = await rejection(kms.encapsulate(input as Parameters<Kms['encapsulate']>[0]));
      expect(error.name).toBe('ValidationException');
    }
  });

  it('the key exists, is enabled, has the usage, then grant tokens, the ciphertext, DryRun last', async () => {
    const kms = createKms();
    const keyId = await mlKemKey(kms);
    const short = {
      SharedSecretCiphertextBlob: new Uint8Array(10),
      EncapsulationAlgorithm: ALGORITHM,
    } as const;
    const missing = keyId.replace(/key\/.*/, 'key/11111111-2222-4333-8444-555555555555');
    expect((await rejection(kms.decapsulate({ KeyId: missing, ...short }))).name).toBe(
      'NotFoundException',
    );
    expect(
      (await rejection(kms.decapsulate({ KeyId: keyId, ...short, GrantTokens: ['grant'] }))).name,
    ).toBe('InvalidGrantTokenException');
    expect((await rejection(kms.decapsulate({ KeyId: keyId, ...short, DryRun: true }))).name).toBe(
      'InvalidCiphertextException',
    );
    const { SharedSecretCiphertextBlob } = await kms.encapsulate({
      KeyId: keyId,
      EncapsulationAlgorithm: ALGORITHM,
    });
    for (const attempt of [
      () => kms.encapsulate({ KeyId: keyId, EncapsulationAlgorithm: ALGORITHM, DryRun: true }),
      () =>
        kms.decapsulate({
          KeyId: keyId,
          SharedSecretCiphertextBlob,
          EncapsulationAlgorithm: ALGORITHM,
          DryRun: true,
        }),
    ])
      expect(await rejection(attempt())).toMatchObject({
        name: 'DryRunOperationException',
        message: 'The request would have succeeded, but the DryRun option is set.',
      });
    await kms.createAlias({ AliasName: 'alias/post-quantum', TargetKeyId: keyId });
    const byAlias = await kms.encapsulate({
      KeyId: 'alias/post-quantum',
      EncapsulationAlgorithm: ALGORITHM,
    });
    expect(byAlias.KeyId).toBe(keyId);

    await kms.disableKey({ KeyId: keyId });
    for (const attempt of [
      () => kms.encapsulate({ KeyId: keyId, EncapsulationAlgorithm: ALGORITHM }),
      () => kms.decapsulate({ KeyId: keyId, ...short }),
      () => kms.getPublicKey({ KeyId: keyId }),
    ])
      expect(await rejection(attempt())).toMatchObject({
        name: 'DisabledException',
        message: `${keyId} is disabled.`,
      });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    for (const attempt of [
      () => kms.encapsulate({ KeyId: keyId, EncapsulationAlgorithm: ALGORITHM }),
      () => kms.decapsulate({ KeyId: keyId, ...short }),
    ])
      expect(await rejection(attempt())).toMatchObject({
        name: 'KMSInvalidStateException',
        message: `${keyId} is pending deletion.`,
      });
  });
});

describe('ML-KEM private keys in the store', () => {
  it('a bytes store (the server’s file, which wraps it) holds the 86-byte seed PKCS #8', async () => {
    const store = new BytesStore();
    const kms = createKms({ store });
    const keyId = await mlKemKey(kms);
    const stored = (await store.getKey(keyId.split('/').at(-1) as string)) as StoredKey;
    const secret = stored.privateKey?.secret;
    if (secret?.kind !== 'bytes') throw new Error('expected bytes');
    expect(secret.bytes).toHaveLength(SEED_PKCS8_BYTES['ML-KEM']);
    const { seed } = parseModuleLatticePrivateKeyInfo(secret.bytes);
    const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
    expect(ml_kem768.keygen(seed).publicKey).toEqual(
      parseModuleLatticePublicKey(PublicKey as Uint8Array).publicKey,
    );
  });

  it('a CryptoKey store holds it wrapped under a non-extractable key', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({ store });
    const keyId = await mlKemKey(kms);
    const secret = ((await store.getKey(keyId.split('/').at(-1) as string)) as StoredKey).privateKey
      ?.secret;
    if (secret?.kind !== 'wrapped') throw new Error('expected wrapped');
    expect(secret.ciphertext).toHaveLength(SEED_PKCS8_BYTES['ML-KEM'] + 16);
    expect(secret.wrappingKey.extractable).toBe(false);
  });
});
