import { createHmac, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  type Kms,
  MemoryKeyStore,
  parseBlob,
  SeedError,
  seededKeyMaterialId,
} from '../src/index.js';
import { decryptWithNode } from './support/blob.js';
import { BytesStore, rejection } from './support/kms.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/seeds/${name}`, import.meta.url), 'utf8');
const hex = (text: string) => Buffer.from(text, 'hex');
const text = (value: string) => new TextEncoder().encode(value);

/** local-kms's README keys: the AES key of its first example, the rotated key's two. */
const SIMPLE_AES_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';
const SIMPLE_AES_KEY = '5cdaead27fe7da2de47945d73cd6d79e36494e73802f3cd3869f1d2cb0b5d7a9';
const ECC_ID = '800d5768-3fd7-4edd-a4b8-4c81c3e4c147';
const RSA_ID = 'ff275b92-0def-4dfc-b0f6-87c96b26c6c7';

const pem = (der: Uint8Array) =>
  createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });

describe('createKms({ seed }) with local-kms seed files from its README', () => {
  it('gives the same key IDs and aliases in two engines, which decrypt each other’s ciphertexts', async () => {
    const seed = fixture('local-kms-readme-simple.yaml');
    const first = createKms({ seed });
    const second = createKms({ seed, store: new BytesStore() });
    expect((await first.seeded()).keysCreated).toEqual([SIMPLE_AES_ID, ECC_ID]);
    expect((await second.seeded()).aliasesCreated).toEqual(['alias/testing']);
    const keyIds = async (kms: Kms) => (await kms.listKeys()).Keys?.map((key) => key.KeyId).sort();
    expect(await keyIds(first)).toEqual([SIMPLE_AES_ID, ECC_ID].sort());
    expect(await keyIds(second)).toEqual(await keyIds(first));

    const { CiphertextBlob } = await first.encrypt({
      KeyId: 'alias/testing',
      Plaintext: text('across'),
    });
    const decrypted = await second.decrypt({ CiphertextBlob });
    expect(new TextDecoder().decode(decrypted.Plaintext)).toBe('across');
    expect(decrypted.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${SIMPLE_AES_ID}`);
    const back = await first.encrypt({ KeyId: SIMPLE_AES_ID, Plaintext: text('and back') });
    expect(new TextDecoder().decode((await second.decrypt(back)).Plaintext)).toBe('and back');
    // The blob is sealed with the backing key itself: node:crypto opens it with those bytes.
    expect(decryptWithNode(CiphertextBlob as Uint8Array, hex(SIMPLE_AES_KEY)).toString()).toBe(
      'across',
    );
    const { KeyMetadata } = await second.describeKey({ KeyId: SIMPLE_AES_ID });
    expect(KeyMetadata?.CurrentKeyMaterialId).toBe(
      seededKeyMaterialId(SIMPLE_AES_ID, hex(SIMPLE_AES_KEY)),
    );
  });

  it('reads the ECC key from its SEC 1 PEM: ECC_NIST_P256, and OpenSSL verifies its signatures', async () => {
    const kms = createKms({ seed: fixture('local-kms-readme-simple.yaml') });
    const { KeyMetadata } = await kms.describeKey({ KeyId: ECC_ID });
    expect(KeyMetadata).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      Description: 'ECC key with curve secp256r1',
    });
    const { PublicKey } = await kms.getPublicKey({ KeyId: ECC_ID });
    const sec1 = /-----BEGIN EC PRIVATE KEY-----[\s\S]+?-----END EC PRIVATE KEY-----/.exec(
      fixture('local-kms-readme-simple.yaml').replace(/^ {10}/gm, ''),
    )?.[0] as string;
    const expected = createPublicKey(sec1).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(PublicKey as Uint8Array)).toEqual(expected);
    const message = text('signed by a seeded key');
    const { Signature } = await kms.sign({
      KeyId: ECC_ID,
      Message: message,
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(verify('sha256', message, pem(PublicKey as Uint8Array), Signature as Uint8Array)).toBe(
      true,
    );
  });

  it('several backing keys are a rotated key: the last is current, and the first still decrypts', async () => {
    const rotated = createKms({ seed: fixture('local-kms-readme-rotated.yaml') });
    const [olderKey, currentKey] = [
      '34743777217A25432A46294A404E635266556A586E3272357538782F413F4428',
      '614E645267556B58703273357638792F423F4528472B4B6250655368566D5971',
    ];
    const { Rotations } = await rotated.listKeyRotations({ KeyId: SIMPLE_AES_ID });
    expect(Rotations?.map((rotation) => rotation.KeyMaterialId)).toEqual([
      seededKeyMaterialId(SIMPLE_AES_ID, hex(currentKey)),
    ]);
    const { CiphertextBlob } = await rotated.encrypt({
      KeyId: 'alias/dev',
      Plaintext: text('now'),
    });
    expect(decryptWithNode(CiphertextBlob as Uint8Array, hex(currentKey)).toString()).toBe('now');
    // An engine that only knows the first backing key made this blob before the "rotation".
    const before = createKms({
      seed: {
        Format: 'kms-lab/seed',
        Version: 1,
        Keys: [{ KeyId: SIMPLE_AES_ID, BackingKeys: [olderKey] }],
      },
    });
    const old = await before.encrypt({ KeyId: SIMPLE_AES_ID, Plaintext: text('then') });
    const opened = await rotated.decrypt(old);
    expect(new TextDecoder().decode(opened.Plaintext)).toBe('then');
    expect(opened.KeyMaterialId).toBe(seededKeyMaterialId(SIMPLE_AES_ID, hex(olderKey)));
    expect(parseBlob(old.CiphertextBlob as Uint8Array).keyId).toBe(SIMPLE_AES_ID);
  });

  it('reads the RSA key from its PKCS #8 PEM: RSA_2048 SIGN_VERIFY, verified by OpenSSL', async () => {
    const kms = createKms({ seed: fixture('local-kms-readme-asymmetric.yaml') });
    const { KeyMetadata } = await kms.describeKey({ KeyId: RSA_ID });
    expect(KeyMetadata).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    const { PublicKey } = await kms.getPublicKey({ KeyId: RSA_ID });
    const message = text('release');
    const { Signature } = await kms.sign({
      KeyId: RSA_ID,
      Message: message,
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    });
    expect(verify('sha256', message, pem(PublicKey as Uint8Array), Signature as Uint8Array)).toBe(
      true,
    );
  });

  it('refuses Origin EXTERNAL, naming the key and the field', () => {
    expect(() => createKms({ seed: fixture('local-kms-readme-external.yaml') })).toThrow(
      /key 5ef77041-d1e6-4af1-9a41-e49a4b45efb6.*Origin EXTERNAL/,
    );
  });
});

describe('KMS Lab seed format', () => {
  const hmacKey = Buffer.alloc(32, 7);
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const ed = generateKeyPairSync('ed25519');
  const ids = {
    aes: '11111111-1111-4111-8111-111111111111',
    hmac: '22222222-2222-4222-8222-222222222222',
    p384: '33333333-3333-4333-8333-333333333333',
    k1: '44444444-4444-4444-8444-444444444444',
    ed: '55555555-5555-4555-8555-555555555555',
    mlDsa: '66666666-6666-4666-8666-666666666666',
  };
  const seed = {
    Format: 'kms-lab/seed',
    Version: 1,
    Keys: [
      {
        KeyId: ids.aes,
        Description: 'orders',
        Enabled: false,
        CreationDate: '2025-06-01T00:00:00Z',
        Tags: [{ TagKey: 'team', TagValue: 'lab' }],
        BackingKeys: [SIMPLE_AES_KEY],
        Rotation: {
          Enabled: true,
          RotationPeriodInDays: 90,
          NextRotationDate: '2030-01-01T00:00:00Z',
        },
      },
      { KeyId: ids.hmac, KeySpec: 'HMAC_256', HmacKey: hmacKey.toString('hex') },
      {
        KeyId: ids.p384,
        KeyUsage: 'KEY_AGREEMENT',
        PrivateKeyPem: p384.privateKey.export({ format: 'pem', type: 'pkcs8' }),
      },
      {
        KeyId: ids.k1,
        KeySpec: 'ECC_SECG_P256K1',
        KeyUsage: 'SIGN_VERIFY',
        PrivateKeyPem: k1.privateKey.export({ format: 'pem', type: 'sec1' }),
      },
      {
        KeyId: ids.ed,
        KeyUsage: 'SIGN_VERIFY',
        PrivateKeyPem: ed.privateKey.export({ format: 'pem', type: 'pkcs8' }),
      },
      { KeyId: ids.mlDsa, KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' },
    ],
    Aliases: [{ AliasName: 'alias/orders', TargetKeyId: ids.aes }],
  };

  it('takes descriptions, tags, state, dates, rotation, HMAC and asymmetric material', async () => {
    const kms = createKms({ seed: JSON.stringify(seed) });
    expect((await kms.seeded()).keysCreated).toHaveLength(6);
    const { KeyMetadata } = await kms.describeKey({ KeyId: 'alias/orders' });
    expect(KeyMetadata).toMatchObject({
      Description: 'orders',
      Enabled: false,
      KeyState: 'Disabled',
      CreationDate: new Date('2025-06-01T00:00:00Z'),
    });
    expect((await kms.listResourceTags({ KeyId: ids.aes })).Tags).toEqual([
      { TagKey: 'team', TagValue: 'lab' },
    ]);
    expect(await kms.getKeyRotationStatus({ KeyId: ids.aes })).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 90,
      NextRotationDate: new Date('2030-01-01T00:00:00Z'),
    });
    const message = text('mac me');
    const { Mac } = await kms.generateMac({
      KeyId: ids.hmac,
      Message: message,
      MacAlgorithm: 'HMAC_SHA_256',
    });
    expect(Buffer.from(Mac as Uint8Array)).toEqual(
      createHmac('sha256', hmacKey).update(message).digest(),
    );
    for (const [keyId, pair, spec] of [
      [ids.p384, p384, 'ECC_NIST_P384'],
      [ids.k1, k1, 'ECC_SECG_P256K1'],
      [ids.ed, ed, 'ECC_NIST_EDWARDS25519'],
    ] as const) {
      expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeySpec).toBe(spec);
      const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
      expect(Buffer.from(PublicKey as Uint8Array)).toEqual(
        pair.publicKey.export({ format: 'der', type: 'spki' }),
      );
    }
    const signed = await kms.sign({
      KeyId: ids.ed,
      Message: message,
      SigningAlgorithm: 'ED25519_SHA_512',
    });
    expect(verify(null, message, ed.publicKey, signed.Signature as Uint8Array)).toBe(true);
    expect((await kms.describeKey({ KeyId: ids.mlDsa })).KeyMetadata?.KeySpec).toBe('ML_DSA_44');
  });

  it('leaves keys and aliases that exist alone', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({ store });
    const { KeyMetadata } = await kms.createKey({
      Tags: [{ TagKey: '_custom_id_', TagValue: ids.aes }],
    });
    await kms.createAlias({ AliasName: 'alias/orders', TargetKeyId: ids.aes });
    const before = await kms.encrypt({ KeyId: ids.aes, Plaintext: text('kept') });
    const reseeded = createKms({ store, seed });
    const result = await reseeded.seeded();
    expect(result.keysKept).toEqual([ids.aes]);
    expect(result.aliasesKept).toEqual(['alias/orders']);
    expect(result.keysCreated).toHaveLength(5);
    const described = await reseeded.describeKey({ KeyId: ids.aes });
    expect(described.KeyMetadata?.CurrentKeyMaterialId).toBe(KeyMetadata?.CurrentKeyMaterialId);
    expect(described.KeyMetadata?.Description).toBe('');
    expect(new TextDecoder().decode((await reseeded.decrypt(before)).Plaintext)).toBe('kept');
  });

  it.each([
    [
      { ...seed, Keys: [{ KeyId: ids.aes, BackingKeys: ['abcd'] }] },
      /Keys\[0\] \(key 11111111.*\): BackingKeys\[0\] must be 64 hexadecimal digits/,
    ],
    [
      { ...seed, Keys: [{ KeyId: ids.aes, Colour: 'red' }] },
      /key 11111111.*: Colour is not a field here/,
    ],
    [
      { ...seed, Keys: [{ KeyId: 'BC436485-5092-42B8-92A3-0AA8B93536DC' }] },
      /KeyId must be a key ID, a lowercase UUID/,
    ],
    [
      {
        ...seed,
        Keys: [
          {
            KeyId: ids.k1,
            KeyUsage: 'SIGN_VERIFY',
            KeySpec: 'RSA_2048',
            PrivateKeyPem: seed.Keys[3]?.PrivateKeyPem,
          },
        ],
      },
      /PrivateKeyPem holds a ECC_SECG_P256K1 key, but KeySpec is RSA_2048/,
    ],
    [
      { ...seed, Keys: [{ KeyId: ids.k1, KeySpec: 'ECC_NIST_P256' }] },
      /KeyUsage is required for ECC_NIST_P256 keys/,
    ],
    [
      {
        ...seed,
        Keys: [{ KeyId: ids.hmac, KeySpec: 'HMAC_512', HmacKey: hmacKey.toString('hex') }],
      },
      /HmacKey must be 128 hexadecimal digits \(64 bytes\)/,
    ],
    [
      { ...seed, Keys: [{ KeyId: ids.aes, Rotation: { RotationPeriodInDays: 30 } }] },
      /Rotation: RotationPeriodInDays must be a whole number from 90 to 2560/,
    ],
    [{ ...seed, Format: 'other' }, /Format must be "kms-lab\/seed"/],
    ['Keys: [unclosed', /not valid YAML or JSON/],
    [
      { Keys: { Symmetric: { Aes: [{ Metadata: { KeyId: ids.aes }, BackingKeys: [] }] } } },
      /key 11111111.*: BackingKeys must list one or more/,
    ],
    [
      {
        Keys: {
          Asymmetric: {
            Rsa: [
              {
                Metadata: { KeyId: ids.p384, KeyUsage: 'SIGN_VERIFY' },
                PrivateKeyPem: seed.Keys[2]?.PrivateKeyPem,
              },
            ],
          },
        },
      },
      /ECC_NIST_P384 key, which does not belong under Rsa/,
    ],
  ])('refuses a bad seed, naming the key and the field (%#)', (bad, message) => {
    let error: unknown;
    try {
      createKms({ seed: bad as never });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toMatch(message);
    // The material is never quoted.
    expect((error as Error).message).not.toContain(SIMPLE_AES_KEY);
  });

  it('makes no ML-KEM key in a China Region, as CreateKey', async () => {
    const kms = createKms({
      region: 'cn-north-1',
      seed: {
        ...seed,
        Keys: [{ KeyId: ids.mlDsa, KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' }],
        Aliases: [],
      },
    });
    await expect(kms.seeded()).rejects.toThrow(
      `Seed: key ${ids.mlDsa}: ML_KEM_768 keys cannot be created in cn-north-1; the ML-KEM key specs are not available in China Regions.`,
    );
  });

  it('an alias to no key fails seeded() and every operation, and stores nothing', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({
      store,
      seed: {
        ...seed,
        Aliases: [
          { AliasName: 'alias/nowhere', TargetKeyId: '77777777-7777-4777-8777-777777777777' },
        ],
      },
    });
    await expect(kms.seeded()).rejects.toThrow(
      /alias\/nowhere: TargetKeyId 77777777.* is neither a key of the seed nor a key already stored/,
    );
    const error = await rejection(kms.listKeys());
    expect(error.name).toBe('KMSInternalException');
    expect(error.message).toMatch(/The seed could not be applied: .*alias\/nowhere/);
    expect(await store.listKeys()).toEqual([]);
  });
});
