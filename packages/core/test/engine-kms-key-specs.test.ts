// CreateKey for every KeySpec and KeyUsage pair AWS allows and no other (ML-DSA and ML-KEM
// included, ML-KEM nowhere in China Regions), DescribeKey's and GetPublicKey's algorithm lists
// as AWS gives them, and the key checks around them.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKms, KeySpec, KeyUsageType } from '../src/index.js';
import { rejection, symmetricKey } from './support/kms.js';

/** AWS KMS Developer Guide, "Key spec reference": the usages each key spec allows. */
const ALLOWED: Record<KeySpec, KeyUsageType[]> = {
  SYMMETRIC_DEFAULT: ['ENCRYPT_DECRYPT'],
  RSA_2048: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_3072: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_4096: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  ECC_NIST_P256: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P384: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P521: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_SECG_P256K1: ['SIGN_VERIFY'],
  ECC_NIST_EDWARDS25519: ['SIGN_VERIFY'],
  SM2: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
  HMAC_224: ['GENERATE_VERIFY_MAC'],
  HMAC_256: ['GENERATE_VERIFY_MAC'],
  HMAC_384: ['GENERATE_VERIFY_MAC'],
  HMAC_512: ['GENERATE_VERIFY_MAC'],
  ML_DSA_44: ['SIGN_VERIFY'],
  ML_DSA_65: ['SIGN_VERIFY'],
  ML_DSA_87: ['SIGN_VERIFY'],
  ML_KEM_512: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_768: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_1024: ['ENCAPSULATE_DECAPSULATE'],
};

const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];

/** What DescribeKey lists, from AWS's CreateKey examples and key spec reference. */
const LISTS: [KeySpec, KeyUsageType, string, string[]][] = [
  [
    'RSA_4096',
    'ENCRYPT_DECRYPT',
    'EncryptionAlgorithms',
    ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  ],
  ['RSA_2048', 'SIGN_VERIFY', 'SigningAlgorithms', RSA_SIGNING],
  ['ECC_NIST_P521', 'SIGN_VERIFY', 'SigningAlgorithms', ['ECDSA_SHA_512']],
  ['ECC_NIST_P384', 'KEY_AGREEMENT', 'KeyAgreementAlgorithms', ['ECDH']],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', 'SigningAlgorithms', ['ECDSA_SHA_256']],
  [
    'ECC_NIST_EDWARDS25519',
    'SIGN_VERIFY',
    'SigningAlgorithms',
    ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
  ],
  ['SM2', 'ENCRYPT_DECRYPT', 'EncryptionAlgorithms', ['SM2PKE']],
  ['SM2', 'SIGN_VERIFY', 'SigningAlgorithms', ['SM2DSA']],
  ['HMAC_384', 'GENERATE_VERIFY_MAC', 'MacAlgorithms', ['HMAC_SHA_384']],
  ['ML_DSA_44', 'SIGN_VERIFY', 'SigningAlgorithms', ['ML_DSA_SHAKE_256']],
  ['ML_DSA_87', 'SIGN_VERIFY', 'SigningAlgorithms', ['ML_DSA_SHAKE_256']],
  ['ML_KEM_512', 'ENCAPSULATE_DECAPSULATE', 'EncapsulationAlgorithms', ['ML_KEM']],
  ['ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE', 'EncapsulationAlgorithms', ['ML_KEM']],
];

describe('CreateKey: every KeySpec and KeyUsage pair', () => {
  const pairs = Object.values(KeySpec).flatMap((spec) =>
    Object.values(KeyUsageType).map((usage) => [spec, usage] as const),
  );

  it.each(pairs)(
    '%s for %s: made if AWS allows it, refused as AWS refuses it otherwise',
    async (spec, usage) => {
      const kms = createKms();
      const attempt = kms.createKey({ KeySpec: spec, KeyUsage: usage });
      if (!ALLOWED[spec].includes(usage)) {
        const error = await rejection(attempt);
        expect([error.name, error.message]).toEqual([
          'ValidationException',
          `KeyUsage ${usage} is not compatible with KeySpec ${spec}`,
        ]);
      } else {
        const { KeyMetadata } = await attempt;
        expect(KeyMetadata).toMatchObject({
          KeySpec: spec,
          KeyUsage: usage,
          KeyState: 'Enabled',
          Origin: 'AWS_KMS',
        });
        // AWS reports CurrentKeyMaterialId for symmetric encryption keys only.
        expect(KeyMetadata?.CurrentKeyMaterialId === undefined).toBe(spec !== 'SYMMETRIC_DEFAULT');
      }
    },
  );

  it('makes no ML-KEM key in a China Region, as AWS: ML-DSA keys are made there', async () => {
    const kms = createKms({ region: 'cn-north-1' });
    for (const KeySpec of ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const) {
      const error = await rejection(
        kms.createKey({ KeySpec, KeyUsage: 'ENCAPSULATE_DECAPSULATE' }),
      );
      expect([error.name, error.message]).toEqual([
        'UnsupportedOperationException',
        `The ML-KEM key specs are not available in China Regions: ${KeySpec} keys cannot be created in cn-north-1.`,
      ]);
    }
    const { KeyMetadata } = await kms.createKey({ KeySpec: 'ML_DSA_65', KeyUsage: 'SIGN_VERIFY' });
    expect(KeyMetadata?.Arn).toMatch(/^arn:aws-cn:kms:cn-north-1:/);
    expect((await kms.listKeys()).Keys).toHaveLength(1);
  });

  it('requires KeyUsage for every spec but SYMMETRIC_DEFAULT, in AWS words', async () => {
    const error = await rejection(createKms().createKey({ KeySpec: 'HMAC_256' }));
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    ]);
  });

  it.each(LISTS)(
    'DescribeKey of %s %s lists %s as AWS does',
    async (spec, usage, field, algorithms) => {
      const kms = createKms();
      const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: usage });
      const described = await kms.describeKey({ KeyId: KeyMetadata?.KeyId });
      expect((described.KeyMetadata as unknown as Record<string, unknown>)[field]).toEqual(
        algorithms,
      );
      for (const other of [
        'EncryptionAlgorithms',
        'SigningAlgorithms',
        'KeyAgreementAlgorithms',
        'MacAlgorithms',
        'EncapsulationAlgorithms',
      ])
        if (other !== field)
          expect(
            (described.KeyMetadata as unknown as Record<string, unknown>)[other],
          ).toBeUndefined();
    },
  );
});

describe('GetPublicKey', () => {
  it.each([
    ['ECC_NIST_P256', 'KEY_AGREEMENT', 'ec'],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', 'ed25519'],
    ['SM2', 'ENCRYPT_DECRYPT', 'sm2'],
    ['RSA_2048', 'ENCRYPT_DECRYPT', 'rsa'],
  ] as const)(
    '%s %s: a DER SPKI that node:crypto reads, with the usage fields',
    async (spec, usage, type) => {
      const kms = createKms();
      const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: usage });
      const response = await kms.getPublicKey({ KeyId: KeyMetadata?.Arn });
      const key = createPublicKey({
        key: Buffer.from(response.PublicKey as Uint8Array),
        format: 'der',
        type: 'spki',
      });
      // node:crypto reads SM2 keys (id-ecPublicKey on the SM2 curve) but has no name for them.
      expect(key.asymmetricKeyType).toBe(type === 'sm2' ? undefined : type);
      expect(key.export({ format: 'der', type: 'spki' })).toEqual(
        Buffer.from(response.PublicKey as Uint8Array),
      );
      expect(response).toMatchObject({
        KeyId: KeyMetadata?.Arn,
        KeySpec: spec,
        CustomerMasterKeySpec: spec,
        KeyUsage: usage,
      });
      const described = await kms.describeKey({ KeyId: KeyMetadata?.KeyId });
      for (const field of [
        'EncryptionAlgorithms',
        'SigningAlgorithms',
        'KeyAgreementAlgorithms',
      ] as const)
        expect(response[field]).toEqual(described.KeyMetadata?.[field]);
    },
  );

  it('has nothing to give for symmetric and HMAC keys: UnsupportedOperationException', async () => {
    const kms = createKms();
    const symmetric = await symmetricKey(kms);
    const hmac = (await kms.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
      .KeyMetadata?.KeyId;
    for (const KeyId of [symmetric, hmac])
      expect((await rejection(kms.getPublicKey({ KeyId }))).name).toBe(
        'UnsupportedOperationException',
      );
  });
});

describe('key checks on asymmetric and HMAC keys, with the messages recorded from AWS', () => {
  it('refuses a key of the wrong usage, in AWS words', async () => {
    const kms = createKms();
    const arnOf = async (KeySpec: KeySpec, KeyUsage: KeyUsageType) =>
      (await kms.createKey({ KeySpec, KeyUsage })).KeyMetadata?.Arn as string;
    const hmac = await arnOf('HMAC_256', 'GENERATE_VERIFY_MAC');
    const signing = await arnOf('ECC_NIST_P256', 'SIGN_VERIFY');
    const symmetric = await arnOf('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
    const cases = [
      [
        kms.sign({ KeyId: hmac, Message: new Uint8Array(1), SigningAlgorithm: 'ECDSA_SHA_256' }),
        `${hmac} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
      ],
      [
        kms.verify({
          KeyId: symmetric,
          Message: new Uint8Array(1),
          Signature: new Uint8Array(1),
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
        `${symmetric} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
      ],
      [
        kms.generateMac({
          KeyId: symmetric,
          Message: new Uint8Array(1),
          MacAlgorithm: 'HMAC_SHA_256',
        }),
        `${symmetric} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
      ],
      [
        kms.encrypt({ KeyId: signing, Plaintext: new Uint8Array(1) }),
        `${signing} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
      ],
      [
        kms.deriveSharedSecret({
          KeyId: signing,
          KeyAgreementAlgorithm: 'ECDH',
          PublicKey: new Uint8Array(1),
        }),
        `${signing} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
      ],
      [
        kms.generateDataKeyPair({ KeyId: signing, KeyPairSpec: 'ECC_NIST_P256' }),
        `${signing} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPair.`,
      ],
    ] as const;
    for (const [attempt, message] of cases) {
      const error = await rejection(attempt);
      expect([error.name, error.message]).toEqual(['InvalidKeyUsageException', message]);
    }
  });

  it('a disabled key is DisabledException, a key pending deletion KMSInvalidStateException', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    const KeyId = KeyMetadata?.Arn as string;
    const sign = () =>
      kms.sign({ KeyId, Message: new Uint8Array(1), SigningAlgorithm: 'ECDSA_SHA_256' });
    await kms.disableKey({ KeyId });
    expect(await rejection(sign())).toMatchObject({
      name: 'DisabledException',
      message: `${KeyId} is disabled.`,
    });
    expect((await rejection(kms.getPublicKey({ KeyId }))).name).toBe('DisabledException');
    await kms.scheduleKeyDeletion({ KeyId, PendingWindowInDays: 7 });
    expect(await rejection(sign())).toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${KeyId} is pending deletion.`,
    });
  });

  it('asymmetric and HMAC keys do not rotate: UnsupportedOperationException', async () => {
    const kms = createKms();
    for (const [KeySpec, KeyUsage] of [
      ['ECC_NIST_P256', 'SIGN_VERIFY'],
      ['HMAC_224', 'GENERATE_VERIFY_MAC'],
    ] as const) {
      const KeyId = (await kms.createKey({ KeySpec, KeyUsage })).KeyMetadata?.KeyId;
      expect((await rejection(kms.rotateKeyOnDemand({ KeyId }))).name).toBe(
        'UnsupportedOperationException',
      );
      expect((await rejection(kms.enableKeyRotation({ KeyId }))).name).toBe(
        'UnsupportedOperationException',
      );
    }
  });
});
