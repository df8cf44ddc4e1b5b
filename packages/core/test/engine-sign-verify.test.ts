// Sign and Verify through the engine, for every signing spec and algorithm, on both forms a
// store keeps private keys in: non-extractable CryptoKeys and wrapped bytes (memory, IndexedDB)
// and plain bytes (the server's file). node:crypto (OpenSSL) verifies every RAW and DIGEST
// signature; SM2 and Ed25519ph, which node cannot check, are checked in kms-keys-sm2 and
// kms-keys-ecc against the OpenSSL command line and noble.
import { constants, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  type KeySpec,
  type Kms,
  parseSubjectPublicKeyInfo,
  type SigningAlgorithmSpec,
  sm2,
} from '../src/index.js';
import { rejection, STORES } from './support/kms.js';

const MESSAGE = new TextEncoder().encode('KMS Lab signs with a key that never leaves it');

interface NodeCheck {
  hash: 'sha256' | 'sha384' | 'sha512' | null;
  padding?: number;
  saltLength?: number;
  dsaEncoding?: 'der';
}
const pss = (hash: 'sha256' | 'sha384' | 'sha512', saltLength: number): NodeCheck => ({
  hash,
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength,
});
const pkcs1 = (hash: 'sha256' | 'sha384' | 'sha512'): NodeCheck => ({
  hash,
  padding: constants.RSA_PKCS1_PADDING,
});
const ecdsa = (hash: 'sha256' | 'sha384' | 'sha512'): NodeCheck => ({ hash, dsaEncoding: 'der' });

/** Every spec and algorithm node:crypto can verify, with how it verifies them. */
const CASES: [KeySpec, SigningAlgorithmSpec, NodeCheck][] = [
  ...(['RSA_2048', 'RSA_3072', 'RSA_4096'] as const).flatMap(
    (spec): [KeySpec, SigningAlgorithmSpec, NodeCheck][] => [
      [spec, 'RSASSA_PSS_SHA_256', pss('sha256', 32)],
      [spec, 'RSASSA_PSS_SHA_384', pss('sha384', 48)],
      [spec, 'RSASSA_PSS_SHA_512', pss('sha512', 64)],
      [spec, 'RSASSA_PKCS1_V1_5_SHA_256', pkcs1('sha256')],
      [spec, 'RSASSA_PKCS1_V1_5_SHA_384', pkcs1('sha384')],
      [spec, 'RSASSA_PKCS1_V1_5_SHA_512', pkcs1('sha512')],
    ],
  ),
  ['ECC_NIST_P256', 'ECDSA_SHA_256', ecdsa('sha256')],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', ecdsa('sha384')],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', ecdsa('sha512')],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', ecdsa('sha256')],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', { hash: null }],
];

describe.each(STORES)('Sign and Verify with keys in %s', (_, makeKms) => {
  const keys = new Map<KeySpec, Promise<{ kms: Kms; keyId: string; publicKey: Uint8Array }>>();
  /** One key per spec, made on first use: RSA keys take a while to generate. */
  const signingKey = (spec: KeySpec) => {
    let key = keys.get(spec);
    if (!key) {
      key = (async () => {
        const kms = makeKms();
        const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
        const keyId = KeyMetadata?.KeyId as string;
        const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
        return { kms, keyId, publicKey: PublicKey as Uint8Array };
      })();
      keys.set(spec, key);
    }
    return key;
  };

  it.each(CASES)(
    '%s %s: node:crypto verifies the RAW and DIGEST signatures, so does Verify',
    async (spec, algorithm, check) => {
      const { kms, keyId, publicKey } = await signingKey(spec);
      const nodeKey = {
        key: createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }),
        ...check,
      };
      const raw = await kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: algorithm });
      expect(raw.SigningAlgorithm).toBe(algorithm);
      expect(raw.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
      expect(nodeVerify(check.hash, MESSAGE, nodeKey, raw.Signature as Uint8Array)).toBe(true);
      const verified = await kms.verify({
        KeyId: keyId,
        Message: MESSAGE,
        Signature: raw.Signature,
        SigningAlgorithm: algorithm,
      });
      expect(verified).toMatchObject({ SignatureValid: true, SigningAlgorithm: algorithm });
      if (check.hash === null) return; // ED25519_SHA_512 takes RAW messages only
      const digest = createHash(check.hash).update(MESSAGE).digest();
      const signed = await kms.sign({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: algorithm,
      });
      expect(nodeVerify(check.hash, MESSAGE, nodeKey, signed.Signature as Uint8Array)).toBe(true);
      const byDigest = await kms.verify({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        Signature: signed.Signature,
        SigningAlgorithm: algorithm,
      });
      expect(byDigest.SignatureValid).toBe(true);
    },
  );

  it('Ed25519ph (ED25519_PH_SHA_512, a 64-byte DIGEST) verifies with noble and in Verify', async () => {
    const { kms, keyId, publicKey } = await signingKey('ECC_NIST_EDWARDS25519');
    const digest = createHash('sha512').update(MESSAGE).digest();
    const { Signature } = await kms.sign({
      KeyId: keyId,
      Message: digest,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ED25519_PH_SHA_512',
    });
    const point = parseSubjectPublicKeyInfo(publicKey).publicKey;
    expect(ed25519ph.verify(Signature as Uint8Array, digest, point)).toBe(true);
    const refused = await rejection(
      kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'ED25519_PH_SHA_512' }),
    );
    expect(refused.name).toBe('ValidationException');
  });

  it('SM2DSA: RAW is SM3(Z_A || M) with the default ID, DIGEST takes the caller e', async () => {
    const { kms, keyId, publicKey } = await signingKey('SM2');
    const point = parseSubjectPublicKeyInfo(publicKey).publicKey;
    const raw = await kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'SM2DSA' });
    expect(sm2.verify(raw.Signature as Uint8Array, MESSAGE, point)).toBe(true);
    const verified = await kms.verify({
      KeyId: keyId,
      Message: MESSAGE,
      Signature: raw.Signature,
      SigningAlgorithm: 'SM2DSA',
    });
    expect(verified.SignatureValid).toBe(true);
  });

  it('a signature that does not verify is KMSInvalidSignatureException, with no message', async () => {
    const { kms, keyId } = await signingKey('ECC_NIST_P256');
    const { Signature } = await kms.sign({
      KeyId: keyId,
      Message: MESSAGE,
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    const altered = MESSAGE.slice();
    altered[0] = (altered[0] ?? 0) ^ 1;
    const error = await rejection(
      kms.verify({ KeyId: keyId, Message: altered, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(error.name).toBe('KMSInvalidSignatureException');
    expect(error.message).toBe('');
  });

  it('answers as AWS: digest length, algorithm of another spec, MessageType EXTERNAL_MU, DryRun', async () => {
    const { kms, keyId } = await signingKey('ECC_NIST_P256');
    const shortDigest = await rejection(
      kms.sign({
        KeyId: keyId,
        Message: new Uint8Array(20),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect([shortDigest.name, shortDigest.message]).toEqual([
      'ValidationException',
      'Digest is invalid length for algorithm ECDSA_SHA_256.',
    ]);
    const otherSpec = await rejection(
      kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
    );
    expect([otherSpec.name, otherSpec.message]).toEqual([
      'InvalidKeyUsageException',
      'Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.',
    ]);
    const mu = await rejection(
      kms.sign({
        KeyId: keyId,
        Message: new Uint8Array(64),
        MessageType: 'EXTERNAL_MU',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(mu.name).toBe('ValidationException');
    const dryRun = await rejection(
      kms.sign({ KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }),
    );
    expect(dryRun.name).toBe('DryRunOperationException');
  });
});
