// ML-DSA KMS keys through the engine, on both forms a store keeps private keys in: CreateKey,
// DescribeKey and GetPublicKey, Sign and Verify with MessageType RAW and EXTERNAL_MU, and the
// answers AWS gives to what it refuses. OpenSSL 3.5 checks the signatures in
// module-lattice-openssl.test.ts.
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  type Kms,
  MemoryKeyStore,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
  type StoredKey,
} from '../src/index.js';
import { ML_DSA_KEY_SPECS, type MlDsaKeySpec } from '../src/kms-keys/index.js';
import { BytesStore, rejection, STORES } from './support/kms.js';
import {
  ML_DSA_SIGNATURE_BYTES,
  mlDsaMu,
  repeatableCrypto,
  SEED_PKCS8_BYTES,
} from './support/module-lattice.js';

const MESSAGE = new TextEncoder().encode('KMS Lab signs after the quantum computers come');
const ALGORITHM = 'ML_DSA_SHAKE_256';

async function mlDsaKey(kms: Kms, spec: MlDsaKeySpec = 'ML_DSA_65') {
  const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
  const keyId = KeyMetadata?.Arn as string;
  const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
  return { keyId, spki: PublicKey as Uint8Array };
}

describe.each(STORES)('ML-DSA keys in %s', (_, makeKms) => {
  it.each(ML_DSA_KEY_SPECS)(
    '%s: DescribeKey and GetPublicKey as AWS, RAW and EXTERNAL_MU signatures that Verify accepts',
    async (spec) => {
      const kms = makeKms();
      const { keyId, spki } = await mlDsaKey(kms, spec);
      const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
      expect(KeyMetadata).toMatchObject({
        KeySpec: spec,
        KeyUsage: 'SIGN_VERIFY',
        KeyState: 'Enabled',
        SigningAlgorithms: [ALGORITHM],
      });
      expect(KeyMetadata?.EncapsulationAlgorithms).toBeUndefined();
      const response = await kms.getPublicKey({ KeyId: keyId });
      expect(response).toMatchObject({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
      expect(response.SigningAlgorithms).toEqual([ALGORITHM]);
      expect(parseModuleLatticePublicKey(spki).parameterSet.name).toBe(spec.replaceAll('_', '-'));

      const raw = await kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM });
      expect(raw).toMatchObject({ KeyId: keyId, SigningAlgorithm: ALGORITHM });
      expect(raw.Signature).toHaveLength(ML_DSA_SIGNATURE_BYTES[spec]);
      const mu = mlDsaMu(spki, MESSAGE);
      const byMu = await kms.sign({
        KeyId: keyId,
        Message: mu,
        MessageType: 'EXTERNAL_MU',
        SigningAlgorithm: ALGORITHM,
      });
      // A signature of mu is a signature of the message whose mu it is, and the other way round.
      for (const Signature of [raw.Signature, byMu.Signature]) {
        const verified = await kms.verify({
          KeyId: keyId,
          Message: MESSAGE,
          Signature,
          SigningAlgorithm: ALGORITHM,
        });
        expect(verified).toMatchObject({ SignatureValid: true, SigningAlgorithm: ALGORITHM });
        const verifiedByMu = await kms.verify({
          KeyId: keyId,
          Message: mu,
          MessageType: 'EXTERNAL_MU',
          Signature,
          SigningAlgorithm: ALGORITHM,
        });
        expect(verifiedByMu.SignatureValid).toBe(true);
      }
    },
  );

  it('signs hedged (FIPS 204 rnd from the provider): two signatures differ, both verify', async () => {
    const kms = makeKms();
    const { keyId } = await mlDsaKey(kms);
    const sign = () => kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM });
    const [first, second] = [await sign(), await sign()];
    expect(first.Signature).not.toEqual(second.Signature);
  });

  it('a signature that does not verify is KMSInvalidSignatureException, with no message', async () => {
    const kms = makeKms();
    const { keyId } = await mlDsaKey(kms);
    const { Signature } = await kms.sign({
      KeyId: keyId,
      Message: MESSAGE,
      SigningAlgorithm: ALGORITHM,
    });
    const signature = Signature as Uint8Array;
    const flipped = signature.slice();
    flipped[100] = (flipped[100] ?? 0) ^ 1;
    for (const [Message, candidate] of [
      [new TextEncoder().encode('another message'), signature],
      [MESSAGE, flipped],
      [MESSAGE, signature.subarray(1)],
      [MESSAGE, new Uint8Array(7)],
    ] as const) {
      const error = await rejection(
        kms.verify({ KeyId: keyId, Message, Signature: candidate, SigningAlgorithm: ALGORITHM }),
      );
      expect([error.name, error.message]).toEqual(['KMSInvalidSignatureException', '']);
    }
  });
});

describe('ML-DSA randomness', () => {
  it('comes from the injected provider: the same provider bytes give the same key and signature', async () => {
    const run = async () => {
      const kms = createKms({ crypto: repeatableCrypto() });
      const { keyId, spki } = await mlDsaKey(kms, 'ML_DSA_44');
      const { Signature } = await kms.sign({
        KeyId: keyId,
        Message: MESSAGE,
        SigningAlgorithm: ALGORITHM,
      });
      return { spki, Signature };
    };
    const [first, second] = [await run(), await run()];
    expect(second.spki).toEqual(first.spki);
    expect(second.Signature).toEqual(first.Signature);
  });
});

describe('ML-DSA: what AWS refuses, in its words', () => {
  it('EXTERNAL_MU takes 64 bytes exactly, on Sign and Verify', async () => {
    const kms = createKms();
    const { keyId } = await mlDsaKey(kms);
    for (const length of [1, 32, 63, 65, 128]) {
      const Message = new Uint8Array(length);
      for (const attempt of [
        () =>
          kms.sign({
            KeyId: keyId,
            Message,
            MessageType: 'EXTERNAL_MU',
            SigningAlgorithm: ALGORITHM,
          }),
        () =>
          kms.verify({
            KeyId: keyId,
            Message,
            MessageType: 'EXTERNAL_MU',
            Signature: new Uint8Array(3309),
            SigningAlgorithm: ALGORITHM,
          }),
      ]) {
        const error = await rejection(attempt());
        expect([error.name, error.message]).toEqual([
          'ValidationException',
          'When the value of MessageType is EXTERNAL_MU the length of the Message value must be 64 bytes.',
        ]);
      }
    }
  });

  it('DIGEST is a ValidationException: ML-DSA signs the message or its mu', async () => {
    const kms = createKms();
    const { keyId } = await mlDsaKey(kms);
    const error = await rejection(
      kms.sign({
        KeyId: keyId,
        Message: new Uint8Array(64),
        MessageType: 'DIGEST',
        SigningAlgorithm: ALGORITHM,
      }),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      'MessageType DIGEST is not valid for algorithm ML_DSA_SHAKE_256: ML-DSA signs the message itself (RAW) or its 64-byte mu (EXTERNAL_MU).',
    ]);
  });

  it('another spec’s algorithm, or ML_DSA_SHAKE_256 on another spec, is InvalidKeyUsageException', async () => {
    const kms = createKms();
    const { keyId } = await mlDsaKey(kms);
    const ecdsa = (await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))
      .KeyMetadata?.Arn;
    const foreign = await rejection(
      kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect([foreign.name, foreign.message]).toEqual([
      'InvalidKeyUsageException',
      'Algorithm ECDSA_SHA_256 is incompatible with key spec ML_DSA_65.',
    ]);
    const onEcdsa = await rejection(
      kms.sign({ KeyId: ecdsa, Message: MESSAGE, SigningAlgorithm: ALGORITHM }),
    );
    expect([onEcdsa.name, onEcdsa.message]).toEqual([
      'InvalidKeyUsageException',
      'Algorithm ML_DSA_SHAKE_256 is incompatible with key spec ECC_NIST_P256.',
    ]);
    const muOnEcdsa = await rejection(
      kms.sign({
        KeyId: ecdsa,
        Message: new Uint8Array(64),
        MessageType: 'EXTERNAL_MU',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(muOnEcdsa.name).toBe('ValidationException');
  });

  it('key state, usage and grant tokens first, then the message, DryRun last', async () => {
    const kms = createKms();
    const { keyId } = await mlDsaKey(kms);
    const badMu = { Message: new Uint8Array(10), MessageType: 'EXTERNAL_MU' } as const;
    const withDryRun = await rejection(
      kms.sign({ KeyId: keyId, ...badMu, SigningAlgorithm: ALGORITHM, DryRun: true }),
    );
    expect(withDryRun.name).toBe('ValidationException');
    const grant = await rejection(
      kms.sign({ KeyId: keyId, ...badMu, SigningAlgorithm: ALGORITHM, GrantTokens: ['token'] }),
    );
    expect(grant.name).toBe('InvalidGrantTokenException');
    for (const attempt of [
      () => kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM, DryRun: true }),
      () =>
        kms.verify({
          KeyId: keyId,
          Message: MESSAGE,
          Signature: new Uint8Array(3309),
          SigningAlgorithm: ALGORITHM,
          DryRun: true,
        }),
    ])
      expect((await rejection(attempt())).name).toBe('DryRunOperationException');
    // ML-DSA keys hold one private key and do not rotate, as AWS's asymmetric keys.
    expect((await rejection(kms.rotateKeyOnDemand({ KeyId: keyId }))).name).toBe(
      'UnsupportedOperationException',
    );
    await kms.disableKey({ KeyId: keyId });
    expect(
      await rejection(kms.sign({ KeyId: keyId, ...badMu, SigningAlgorithm: ALGORITHM })),
    ).toMatchObject({ name: 'DisabledException', message: `${keyId} is disabled.` });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect(
      await rejection(kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM })),
    ).toMatchObject({ name: 'KMSInvalidStateException', message: `${keyId} is pending deletion.` });
  });
});

describe('ML-DSA private keys in the store', () => {
  it('a bytes store (the server’s file, which wraps it) holds the 54-byte seed PKCS #8', async () => {
    const store = new BytesStore();
    const kms = createKms({ store });
    const { keyId, spki } = await mlDsaKey(kms);
    const stored = (await store.getKey(keyId.split('/').at(-1) as string)) as StoredKey;
    const secret = stored.privateKey?.secret;
    if (secret?.kind !== 'bytes') throw new Error('expected bytes');
    expect(secret.bytes).toHaveLength(SEED_PKCS8_BYTES['ML-DSA']);
    const { seed, expandedKey } = parseModuleLatticePrivateKeyInfo(secret.bytes);
    expect(expandedKey).toBeUndefined();
    expect(ml_dsa65.keygen(seed).publicKey).toEqual(parseModuleLatticePublicKey(spki).publicKey);
  });

  it('a CryptoKey store holds it wrapped under a non-extractable key', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({ store });
    const { keyId } = await mlDsaKey(kms);
    const stored = (await store.getKey(keyId.split('/').at(-1) as string)) as StoredKey;
    const secret = stored.privateKey?.secret;
    expect(secret?.kind).toBe('wrapped');
    if (secret?.kind !== 'wrapped') return;
    // AES-256-GCM of the 54-byte PKCS #8: 54 bytes and a 16-byte tag.
    expect(secret.ciphertext).toHaveLength(SEED_PKCS8_BYTES['ML-DSA'] + 16);
    expect(secret.wrappingKey.extractable).toBe(false);
    // Signing still works from the wrapped form.
    const signed = await kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: ALGORITHM });
    expect(signed.Signature).toHaveLength(3309);
  });
});
