// Asymmetric encryption (RSAES-OAEP, SM2PKE), DeriveSharedSecret (ECDH), GenerateMac and
// VerifyMac, and ReEncrypt, through the engine, on both forms a store keeps private keys in.
// node:crypto encrypts to our public keys and runs the other side of ECDH.
import { constants, createECDH, createPublicKey, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKms, type KeySpec, type KeyUsageType, type Kms } from '../src/index.js';
import { rejection, STORES } from './support/kms.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function newKey(kms: Kms, KeySpec: KeySpec, KeyUsage: KeyUsageType) {
  const { KeyMetadata } = await kms.createKey({ KeySpec, KeyUsage });
  const KeyId = KeyMetadata?.Arn as string;
  const publicKey = KeySpec.startsWith('HMAC')
    ? undefined
    : (await kms.getPublicKey({ KeyId })).PublicKey;
  return { KeyId, publicKey: publicKey as Uint8Array };
}

describe.each(STORES)('with keys in %s', (_, makeKms) => {
  it.each([
    ['RSAES_OAEP_SHA_1', 'sha1', 214],
    ['RSAES_OAEP_SHA_256', 'sha256', 190],
  ] as const)(
    'RSA_2048 %s: node:crypto ciphertexts decrypt, Encrypt round-trips, %i bytes at most',
    async (algorithm, oaepHash, limit) => {
      const kms = makeKms();
      const { KeyId, publicKey } = await newKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
      const plaintext = utf8('a data key, wrapped by RSA');
      const key = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
      const fromNode = publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
        plaintext,
      );
      const decrypted = await kms.decrypt({
        KeyId,
        CiphertextBlob: fromNode,
        EncryptionAlgorithm: algorithm,
      });
      expect(decrypted).toMatchObject({
        KeyId,
        EncryptionAlgorithm: algorithm,
        KeyMaterialId: undefined,
      });
      expect(decrypted.Plaintext).toEqual(plaintext);
      const encrypted = await kms.encrypt({
        KeyId,
        Plaintext: new Uint8Array(limit),
        EncryptionAlgorithm: algorithm,
      });
      expect(encrypted.CiphertextBlob).toHaveLength(256);
      const back = await kms.decrypt({
        KeyId,
        CiphertextBlob: encrypted.CiphertextBlob,
        EncryptionAlgorithm: algorithm,
      });
      expect(back.Plaintext).toEqual(new Uint8Array(limit));
      const tooLong = await rejection(
        kms.encrypt({
          KeyId,
          Plaintext: new Uint8Array(limit + 1),
          EncryptionAlgorithm: algorithm,
        }),
      );
      expect([tooLong.name, tooLong.message]).toEqual([
        'ValidationException',
        `Algorithm ${algorithm} and key spec RSA_2048 cannot encrypt data larger than ${limit} bytes.`,
      ]);
    },
  );

  it('asymmetric Decrypt: needs the KeyId and the algorithm, refuses an encryption context, fails closed', async () => {
    const kms = makeKms();
    const { KeyId } = await newKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const { CiphertextBlob } = await kms.encrypt({
      KeyId,
      Plaintext: utf8('x'),
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect((await rejection(kms.decrypt({ CiphertextBlob }))).name).toBe(
      'InvalidCiphertextException',
    );
    const noAlgorithm = await rejection(kms.decrypt({ KeyId, CiphertextBlob }));
    expect([noAlgorithm.name, noAlgorithm.message]).toEqual([
      'InvalidKeyUsageException',
      'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
    ]);
    const wrongAlgorithm = await rejection(
      kms.decrypt({ KeyId, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }),
    );
    expect([wrongAlgorithm.name, wrongAlgorithm.message]).toEqual([
      'InvalidCiphertextException',
      '',
    ]);
    const withContext = await rejection(
      kms.encrypt({
        KeyId,
        Plaintext: utf8('x'),
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        EncryptionContext: { a: 'b' },
      }),
    );
    expect(withContext.name).toBe('ValidationException');
  });

  it('SM2PKE: Encrypt and Decrypt round-trip a 1024-byte plaintext, 1025 bytes are refused', async () => {
    const kms = makeKms();
    const { KeyId } = await newKey(kms, 'SM2', 'ENCRYPT_DECRYPT');
    const plaintext = new Uint8Array(1024).fill(7);
    const { CiphertextBlob } = await kms.encrypt({
      KeyId,
      Plaintext: plaintext,
      EncryptionAlgorithm: 'SM2PKE',
    });
    expect(
      (await kms.decrypt({ KeyId, CiphertextBlob, EncryptionAlgorithm: 'SM2PKE' })).Plaintext,
    ).toEqual(plaintext);
    const tooLong = await rejection(
      kms.encrypt({ KeyId, Plaintext: new Uint8Array(1025), EncryptionAlgorithm: 'SM2PKE' }),
    );
    expect(tooLong.name).toBe('ValidationException');
  });

  it.each([
    ['ECC_NIST_P256', 'prime256v1'],
    ['ECC_NIST_P384', 'secp384r1'],
    ['ECC_NIST_P521', 'secp521r1'],
  ] as const)(
    'DeriveSharedSecret %s equals the secret node:crypto derives on the other side',
    async (spec, curve) => {
      const kms = makeKms();
      const { KeyId, publicKey } = await newKey(kms, spec, 'KEY_AGREEMENT');
      const peer = createECDH(curve);
      peer.generateKeys();
      const peerSpki = createPublicKey({
        key: {
          kty: 'EC',
          crv: { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[curve],
          ...pointOf(peer.getPublicKey()),
        },
        format: 'jwk',
      }).export({ format: 'der', type: 'spki' });
      const ours = await kms.deriveSharedSecret({
        KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: peerSpki,
      });
      expect(ours).toMatchObject({ KeyId, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
      const ourPoint = createPublicKey({
        key: Buffer.from(publicKey),
        format: 'der',
        type: 'spki',
      }).export({ format: 'jwk' });
      const theirs = peer.computeSecret(
        Buffer.concat([
          Buffer.of(4),
          Buffer.from(ourPoint.x as string, 'base64url'),
          Buffer.from(ourPoint.y as string, 'base64url'),
        ]),
      );
      expect(Buffer.from(ours.SharedSecret as Uint8Array).equals(theirs)).toBe(true);
      const otherCurve = createECDH(curve === 'prime256v1' ? 'secp384r1' : 'prime256v1');
      otherCurve.generateKeys();
      const mismatch = await rejection(
        kms.deriveSharedSecret({
          KeyId,
          KeyAgreementAlgorithm: 'ECDH',
          PublicKey: new Uint8Array(Buffer.from('not a key')),
        }),
      );
      expect(mismatch.name).toBe('ValidationException');
    },
  );

  it.each([
    ['HMAC_224', 'HMAC_SHA_224', 28],
    ['HMAC_256', 'HMAC_SHA_256', 32],
    ['HMAC_384', 'HMAC_SHA_384', 48],
    ['HMAC_512', 'HMAC_SHA_512', 64],
  ] as const)(
    '%s: GenerateMac makes a %s tag that VerifyMac accepts; altered is KMSInvalidMacException',
    async (spec, algorithm, length) => {
      const kms = makeKms();
      const { KeyId } = await newKey(kms, spec, 'GENERATE_VERIFY_MAC');
      const Message = utf8('a token to authenticate');
      const { Mac, MacAlgorithm } = await kms.generateMac({
        KeyId,
        Message,
        MacAlgorithm: algorithm,
      });
      expect([Mac?.length, MacAlgorithm]).toEqual([length, algorithm]);
      expect(await kms.verifyMac({ KeyId, Message, Mac, MacAlgorithm: algorithm })).toMatchObject({
        MacValid: true,
        KeyId,
      });
      const altered = (Mac as Uint8Array).slice();
      altered[0] = (altered[0] ?? 0) ^ 1;
      const refused = await rejection(
        kms.verifyMac({ KeyId, Message, Mac: altered, MacAlgorithm: algorithm }),
      );
      expect([refused.name, refused.message]).toEqual(['KMSInvalidMacException', '']);
      const other = algorithm === 'HMAC_SHA_512' ? 'HMAC_SHA_256' : 'HMAC_SHA_512';
      const incompatible = await rejection(
        kms.generateMac({ KeyId, Message, MacAlgorithm: other }),
      );
      expect([incompatible.name, incompatible.message]).toEqual([
        'InvalidKeyUsageException',
        `Algorithm ${other} is incompatible with key spec ${spec}.`,
      ]);
    },
  );
});

/** node's raw uncompressed point as JWK coordinates. */
function pointOf(raw: Buffer) {
  const size = (raw.length - 1) / 2;
  return {
    x: raw.subarray(1, 1 + size).toString('base64url'),
    y: raw.subarray(1 + size).toString('base64url'),
  };
}

describe('ReEncrypt', () => {
  it('moves a data key pair private key from one symmetric key to another, with new contexts', async () => {
    const kms = createKms();
    const source = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const destination = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const pair = await kms.generateDataKeyPair({
      KeyId: source,
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: { app: 'a' },
    });
    const moved = await kms.reEncrypt({
      CiphertextBlob: pair.PrivateKeyCiphertextBlob,
      SourceEncryptionContext: { app: 'a' },
      DestinationKeyId: destination,
      DestinationEncryptionContext: { app: 'b' },
    });
    expect(moved).toMatchObject({
      SourceKeyId: source,
      KeyId: destination,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      SourceKeyMaterialId: pair.KeyMaterialId,
    });
    expect(moved.DestinationKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const opened = await kms.decrypt({
      CiphertextBlob: moved.CiphertextBlob,
      EncryptionContext: { app: 'b' },
    });
    expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    expect(opened.KeyId).toBe(destination);
  });

  it('from an RSA key (node:crypto ciphertext) to a symmetric key and back to RSA', async () => {
    const kms = createKms();
    const rsa = await newKey(kms, 'RSA_3072', 'ENCRYPT_DECRYPT');
    const symmetric = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const key = createPublicKey({ key: Buffer.from(rsa.publicKey), format: 'der', type: 'spki' });
    const secret = utf8('thirty-two bytes of data key....');
    const fromNode = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      secret,
    );
    const toSymmetric = await kms.reEncrypt({
      CiphertextBlob: fromNode,
      SourceKeyId: rsa.KeyId,
      SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      DestinationKeyId: symmetric,
    });
    expect(toSymmetric.SourceEncryptionAlgorithm).toBe('RSAES_OAEP_SHA_256');
    const toRsa = await kms.reEncrypt({
      CiphertextBlob: toSymmetric.CiphertextBlob,
      DestinationKeyId: rsa.KeyId,
      DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
    });
    expect(toRsa.DestinationKeyMaterialId).toBeUndefined();
    const opened = await kms.decrypt({
      KeyId: rsa.KeyId,
      CiphertextBlob: toRsa.CiphertextBlob,
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
    });
    expect(opened.Plaintext).toEqual(secret);
  });

  it('checks the SourceKeyId (IncorrectKeyException), the destination usage, and DryRun', async () => {
    const kms = createKms();
    const one = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const two = (await kms.createKey({})).KeyMetadata?.Arn as string;
    const signing = (await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))
      .KeyMetadata?.Arn as string;
    const { CiphertextBlob } = await kms.encrypt({ KeyId: one, Plaintext: utf8('x') });
    const incorrect = await rejection(
      kms.reEncrypt({ CiphertextBlob, SourceKeyId: two, DestinationKeyId: two }),
    );
    expect([incorrect.name, incorrect.message]).toEqual([
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    ]);
    const usage = await rejection(kms.reEncrypt({ CiphertextBlob, DestinationKeyId: signing }));
    expect(usage.name).toBe('InvalidKeyUsageException');
    const dryRun = await rejection(
      kms.reEncrypt({ CiphertextBlob, DestinationKeyId: two, DryRun: true }),
    );
    expect(dryRun.name).toBe('DryRunOperationException');
  });
});
