import { createKms, type SigningAlgorithmSpec } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { explainFailure } from '../src/errors/explain';
import {
  encryptionAlgorithmsOf,
  messageTypesFor,
  preferredEncryption,
} from '../src/features/kms-keys/algorithms';
import { messageDigest } from '../src/features/kms-keys/digest';
import { externalMu, readMu } from '../src/features/kms-keys/external-mu';
import { findKey } from '../src/features/kms-keys/key-ref';
import { type AgreementSpec, makePeerKeyPair } from '../src/features/kms-keys/peer';
import { summariseKey } from '../src/kms/key-summary';
import { utf8 } from '../src/lib/bytes';

async function kmsKey(KeySpec: string, KeyUsage: string) {
  const kms = createKms();
  const created = await kms.createKey({ KeySpec: KeySpec as never, KeyUsage: KeyUsage as never });
  const KeyId = created.KeyMetadata?.KeyId as string;
  const publicKey = async () => (await kms.getPublicKey({ KeyId })).PublicKey as Uint8Array;
  return { kms, KeyId, publicKey };
}

describe('MessageType EXTERNAL_MU: the μ the page computes (ML-DSA)', () => {
  it.each(['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'])(
    '%s: a RAW signature of the text verifies as an EXTERNAL_MU signature of μ, and back',
    async (spec) => {
      const { kms, KeyId, publicKey } = await kmsKey(spec, 'SIGN_VERIFY');
      const text = utf8('release 1.0');
      const mu = externalMu(await publicKey(), text);
      expect(mu.length).toBe(64);
      const algorithm = { SigningAlgorithm: 'ML_DSA_SHAKE_256' } as const;
      const raw = await kms.sign({ KeyId, Message: text, MessageType: 'RAW', ...algorithm });
      const viaMu = await kms.verify({
        KeyId,
        Message: mu,
        MessageType: 'EXTERNAL_MU',
        Signature: raw.Signature,
        ...algorithm,
      });
      expect(viaMu.SignatureValid).toBe(true);
      const signedMu = await kms.sign({
        KeyId,
        Message: mu,
        MessageType: 'EXTERNAL_MU',
        ...algorithm,
      });
      const viaText = await kms.verify({
        KeyId,
        Message: text,
        MessageType: 'RAW',
        Signature: signedMu.Signature,
        ...algorithm,
      });
      expect(viaText.SignatureValid).toBe(true);
      // Another message's μ does not verify the signature.
      const other = externalMu(await publicKey(), utf8('release 1.1'));
      const refused = await kms
        .verify({
          KeyId,
          Message: other,
          MessageType: 'EXTERNAL_MU',
          Signature: raw.Signature,
          ...algorithm,
        })
        .then(
          () => 'valid',
          (error: Error) => error.name,
        );
      expect(refused).toBe('KMSInvalidSignatureException');
    },
  );

  it('offers RAW and EXTERNAL_MU for ML_DSA_SHAKE_256, and reads μ only as 64 bytes of hex', () => {
    expect(messageTypesFor('ML_DSA_SHAKE_256')).toEqual(['RAW', 'EXTERNAL_MU']);
    expect(readMu(` ${'ab'.repeat(32)}\n${'CD'.repeat(32)} `)).toHaveLength(64);
    const short = explainFailure(catching(() => readMu('ab'.repeat(32))));
    expect(short).toMatchObject({ name: 'InputError' });
    expect(short.message).toBe('μ must be 64 bytes (128 hex digits); this is 32 bytes.');
    expect(explainFailure(catching(() => readMu('xyz'))).message).toMatch(/^μ: Not hexadecimal/);
  });
});

function catching(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('MessageType DIGEST: the digest the page computes', () => {
  it.each([
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_512'],
    ['SM2', 'SM2DSA'],
  ] as const)(
    '%s %s: a signature of the digest verifies as a signature of the text',
    async (spec, algorithm) => {
      const { kms, KeyId, publicKey } = await kmsKey(spec, 'SIGN_VERIFY');
      const text = utf8('release 1.0');
      const digest = await messageDigest(algorithm, text, publicKey);
      const { Signature } = await kms.sign({
        KeyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: algorithm,
      });
      const { SignatureValid } = await kms.verify({
        KeyId,
        Message: text,
        MessageType: 'RAW',
        Signature,
        SigningAlgorithm: algorithm,
      });
      expect(SignatureValid).toBe(true);
    },
  );

  it('ED25519_PH_SHA_512 takes DIGEST only: the 64-byte SHA-512 of the text', async () => {
    const algorithm: SigningAlgorithmSpec = 'ED25519_PH_SHA_512';
    expect(messageTypesFor(algorithm)).toEqual(['DIGEST']);
    expect(messageTypesFor('ED25519_SHA_512')).toEqual(['RAW']);
    expect(messageTypesFor('ECDSA_SHA_256')).toEqual(['RAW', 'DIGEST']);
    const { kms, KeyId, publicKey } = await kmsKey('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const digest = await messageDigest(algorithm, utf8('text'), publicKey);
    expect(digest).toHaveLength(64);
    const request = { KeyId, MessageType: 'DIGEST', SigningAlgorithm: algorithm } as const;
    const { Signature } = await kms.sign({ ...request, Message: digest });
    await expect(kms.verify({ ...request, Message: digest, Signature })).resolves.toMatchObject({
      SignatureValid: true,
    });
    const other = await messageDigest(algorithm, utf8('other text'), publicKey);
    await expect(kms.verify({ ...request, Message: other, Signature })).rejects.toMatchObject({
      name: 'KMSInvalidSignatureException',
    });
  });
});

describe('the peer key pair made in the page', () => {
  it.each(['ECC_NIST_P256', 'ECC_NIST_P521', 'SM2'] as AgreementSpec[])(
    '%s: its side of ECDH is the secret DeriveSharedSecret returns',
    async (spec) => {
      const { kms, KeyId, publicKey } = await kmsKey(spec, 'KEY_AGREEMENT');
      const peer = await makePeerKeyPair(spec);
      const { SharedSecret } = await kms.deriveSharedSecret({
        KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: peer.publicKey,
      });
      expect(await peer.deriveWith(await publicKey())).toEqual(SharedSecret);
    },
  );
});

describe('the ReEncrypt card', () => {
  it('offers the algorithms of the key it names, SHA-256 OAEP first', () => {
    expect(encryptionAlgorithmsOf('SYMMETRIC_DEFAULT')).toEqual(['SYMMETRIC_DEFAULT']);
    expect(encryptionAlgorithmsOf('RSA_3072')).toEqual(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1']);
    expect(encryptionAlgorithmsOf('SM2')).toEqual(['SM2PKE']);
    expect(encryptionAlgorithmsOf(undefined)).toHaveLength(4);
    expect(preferredEncryption(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'])).toBe(
      'RSAES_OAEP_SHA_256',
    );
  });

  it('finds the key a KeyId names: key ID, ARN, alias or alias ARN', () => {
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const at = new Date();
    const summary = summariseKey(
      {
        keyId,
        createdAt: at,
        description: '',
        keyUsage: 'ENCRYPT_DECRYPT',
        keySpec: 'SYMMETRIC_DEFAULT',
        enabled: true,
        tags: [],
        materials: [],
        rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
      },
      [{ aliasName: 'alias/here', targetKeyId: keyId, createdAt: at, lastUpdatedAt: at }],
      at,
    );
    const aliasArn = 'arn:aws:kms:us-east-1:111122223333:alias/here';
    for (const ref of [keyId, summary.arn, 'alias/here', aliasArn, ` ${keyId} `])
      expect(findKey([summary], ref)?.keyId, ref).toBe(keyId);
    expect(findKey([summary], 'alias/there')).toBeUndefined();
    expect(findKey([summary], '  ')).toBeUndefined();
  });
});

describe('the failures the screen meets', () => {
  it('are explained: a bad signature, a bad MAC, a destination key that cannot encrypt', async () => {
    const kms = createKms();
    const make = async (KeySpec: string, KeyUsage?: string) =>
      (await kms.createKey({ KeySpec: KeySpec as never, KeyUsage: KeyUsage as never })).KeyMetadata
        ?.KeyId as string;
    const [signing, hmac, symmetric] = await Promise.all([
      make('ECC_NIST_P256', 'SIGN_VERIFY'),
      make('HMAC_256', 'GENERATE_VERIFY_MAC'),
      make('SYMMETRIC_DEFAULT'),
    ]);
    const message = utf8('m');
    const { CiphertextBlob } = await kms.encrypt({ KeyId: symmetric, Plaintext: message });
    const failures = await Promise.all(
      [
        kms.verify({
          KeyId: signing,
          Message: message,
          Signature: new Uint8Array(8),
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
        kms.verifyMac({
          KeyId: hmac,
          Message: message,
          Mac: new Uint8Array(32),
          MacAlgorithm: 'HMAC_SHA_256',
        }),
        kms.reEncrypt({ CiphertextBlob, DestinationKeyId: signing }),
      ].map((call) => call.then(() => undefined, explainFailure)),
    );
    expect(failures.map((failure) => failure?.name)).toEqual([
      'KMSInvalidSignatureException',
      'KMSInvalidMacException',
      'InvalidKeyUsageException',
    ]);
    expect(failures[0]?.explanation).toMatch(/signature does not verify/);
    expect(failures[1]?.explanation).toMatch(/MAC does not verify/);
    expect(failures[2]?.explanation).toMatch(/only ENCRYPT_DECRYPT keys encrypt/);
  });
});
