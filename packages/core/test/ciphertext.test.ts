import { hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHeader, parseBlob, sealBlob } from '../src/blob/ciphertext.js';
import { crc32 } from '../src/blob/crc32.js';
import { encodeEncryptionContext } from '../src/blob/encryption-context.js';
import { createKms, MemoryKeyStore } from '../src/index.js';
import { rejection, symmetricKey } from './support/kms.js';
import vectors from './vectors/ciphertext-v1.json' with { type: 'json' };

const subtle = globalThis.crypto.subtle;

/** A KMS whose store holds the vectors' key, with its raw key material. */
async function kmsWithVectorKey() {
  const store = new MemoryKeyStore();
  const createdAt = new Date('2026-01-01T00:00:00Z');
  await store.putKey({
    keyId: vectors.keyId,
    createdAt,
    description: 'ciphertext vectors',
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    enabled: true,
    tags: [],
    materials: [
      { keyMaterialId: vectors.keyMaterialId, secret: hexToBytes(vectors.keyMaterial), createdAt },
    ],
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
  });
  return createKms({ store });
}

describe('CRC-32', () => {
  it('gives the ISO-HDLC check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('ciphertext format v1 vectors (made by node:crypto from docs/ciphertext-format.md)', () => {
  const aes = () =>
    subtle.importKey('raw', hexToBytes(vectors.keyMaterial) as BufferSource, 'AES-GCM', false, [
      'encrypt',
    ]);

  it.each(vectors.vectors)('$name: the engine writes exactly these bytes', async (vector) => {
    const aad =
      'encryptionContext' in vector && vector.encryptionContext
        ? encodeEncryptionContext(vector.encryptionContext as Record<string, string>)
        : hexToBytes((vector as { aad: string }).aad);
    const blob = await sealBlob(
      subtle,
      await aes(),
      {
        aadKind: vector.aadKind as 0 | 1,
        keyId: vectors.keyId,
        keyMaterialId: hexToBytes(vectors.keyMaterialId),
        iv: hexToBytes(vector.iv),
      },
      aad,
      hexToBytes(vector.plaintext),
    );
    expect(Buffer.from(blob).toString('hex')).toBe(vector.blob);
    const parsed = parseBlob(hexToBytes(vector.blob));
    expect(parsed.keyId).toBe(vectors.keyId);
    expect(Buffer.from(parsed.iv).toString('hex')).toBe(vector.iv);
    expect(Buffer.from(parsed.keyMaterialId).toString('hex')).toBe(vectors.keyMaterialId);
  });

  it('Decrypt and AdvanceDecrypt read the vectors', async () => {
    const kms = await kmsWithVectorKey();
    const [withContext, withoutContext, alibaba] = vectors.vectors;
    const first = await kms.decrypt({
      CiphertextBlob: hexToBytes(withContext?.blob as string),
      EncryptionContext: withContext?.encryptionContext as Record<string, string>,
    });
    expect(Buffer.from(first.Plaintext as Uint8Array).toString('hex')).toBe(withContext?.plaintext);
    expect(first.KeyMaterialId).toBe(vectors.keyMaterialId);
    const second = await kms.decrypt({
      CiphertextBlob: hexToBytes(withoutContext?.blob as string),
    });
    expect(Buffer.from(second.Plaintext as Uint8Array).toString('hex')).toBe(
      withoutContext?.plaintext,
    );
    const third = await kms.advanceDecrypt({
      CiphertextBlob: hexToBytes(alibaba?.blob as string),
      Aad: hexToBytes((alibaba as { aad: string }).aad),
    });
    expect(Buffer.from(third.Plaintext).toString('hex')).toBe(alibaba?.plaintext);
  });

  it('refuses a header whose fields do not fit', () => {
    expect(() =>
      encodeHeader({
        aadKind: 0,
        keyId: '',
        keyMaterialId: new Uint8Array(32),
        iv: new Uint8Array(12),
      }),
    ).toThrow();
    expect(() =>
      encodeHeader({
        aadKind: 0,
        keyId: 'k',
        keyMaterialId: new Uint8Array(31),
        iv: new Uint8Array(12),
      }),
    ).toThrow();
  });
});

describe('encryption context encoding', () => {
  it('tells {"ab":"c"} from {"a":"bc"}', () => {
    expect(encodeEncryptionContext({ ab: 'c' })).not.toEqual(encodeEncryptionContext({ a: 'bc' }));
    expect(encodeEncryptionContext({ a: 'b', c: 'd' })).not.toEqual(
      encodeEncryptionContext({ a: 'bc', '': 'd' }),
    );
  });

  it('ignores the order of pairs, not the case, and treats {} as none', () => {
    expect(encodeEncryptionContext({ a: '1', b: '2' })).toEqual(
      encodeEncryptionContext({ b: '2', a: '1' }),
    );
    expect(encodeEncryptionContext({ a: 'x' })).not.toEqual(encodeEncryptionContext({ A: 'x' }));
    expect(encodeEncryptionContext({ a: 'x' })).not.toEqual(encodeEncryptionContext({ a: 'X' }));
    expect(encodeEncryptionContext({})).toEqual(encodeEncryptionContext(undefined));
  });

  it('never maps two different contexts to the same bytes (property)', () => {
    const context = fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(context, context, (a, b) => {
        const same =
          JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        const encodedSame = Buffer.from(encodeEncryptionContext(a)).equals(
          encodeEncryptionContext(b),
        );
        return same === encodedSame;
      }),
      { seed: 20261122, numRuns: 3000 },
    );
  });
});

describe('Decrypt refuses every damaged blob', () => {
  it('any single-byte change, truncation or extension is InvalidCiphertextException', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const context = { purpose: 'tamper' };
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: keyId,
      Plaintext: new Uint8Array([42]),
      EncryptionContext: context,
    });
    const blob = CiphertextBlob as Uint8Array;
    const names = new Map<string, number>();
    const attempt = async (bytes: Uint8Array) => {
      const error = await rejection(
        kms.decrypt({ CiphertextBlob: bytes, EncryptionContext: context }),
      );
      names.set(error.name, (names.get(error.name) ?? 0) + 1);
    };
    for (let position = 0; position < blob.length; position++) {
      for (let value = 0; value < 256; value++) {
        if (value === blob[position]) continue;
        const changed = blob.slice();
        changed[position] = value;
        await attempt(changed);
      }
    }
    for (let length = 1; length < blob.length; length++) await attempt(blob.slice(0, length));
    await attempt(Uint8Array.of(...blob, 0));
    expect([...names.keys()]).toEqual(['InvalidCiphertextException']);
    expect(names.get('InvalidCiphertextException')).toBe(blob.length * 255 + blob.length);
  });

  it('a data key pair blob with any byte flipped is InvalidCiphertextException', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const { PrivateKeyCiphertextBlob } = await kms.generateDataKeyPairWithoutPlaintext({
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P521',
    });
    const blob = PrivateKeyCiphertextBlob as Uint8Array;
    for (let position = 0; position < blob.length; position++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const changed = blob.slice();
        changed[position] = (changed[position] as number) ^ mask;
        expect((await rejection(kms.decrypt({ CiphertextBlob: changed }))).name).toBe(
          'InvalidCiphertextException',
        );
      }
    }
  });

  it('the wrong, a missing or an extra context pair is InvalidCiphertextException with AWS’s empty message', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const context = { tenant: 'a', purpose: 'b' };
    const { PrivateKeyCiphertextBlob } = await kms.generateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'ECC_SECG_P256K1',
      EncryptionContext: context,
    });
    const wrongContexts: (Record<string, string> | undefined)[] = [
      undefined,
      {},
      { tenant: 'a' },
      { tenant: 'a', purpose: 'B' },
      { tenant: 'a', Purpose: 'b' },
      { tenant: 'a', purpose: 'b', extra: '' },
      { tenantp: 'urpose', a: 'b' },
    ];
    for (const wrong of wrongContexts) {
      const error = await rejection(
        kms.decrypt({ CiphertextBlob: PrivateKeyCiphertextBlob, EncryptionContext: wrong }),
      );
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.message).toBe('');
    }
  });

  it('a KeyId other than the blob’s key is IncorrectKeyException', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const other = await symmetricKey(kms);
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]) });
    const error = await rejection(kms.decrypt({ CiphertextBlob, KeyId: other }));
    expect(error.name).toBe('IncorrectKeyException');
    expect(error.message).toBe(
      'The key ID in the request does not identify a CMK that can perform this operation.',
    );
    await kms.createAlias({ AliasName: 'alias/right', TargetKeyId: keyId });
    expect((await kms.decrypt({ CiphertextBlob, KeyId: 'alias/right' })).Plaintext).toEqual(
      new Uint8Array([1]),
    );
  });

  it('a blob of another KMS is NotFoundException; bytes that are no blob are InvalidCiphertextException', async () => {
    const first = createKms();
    const second = createKms();
    const { CiphertextBlob } = await first.encrypt({
      KeyId: await symmetricKey(first),
      Plaintext: new Uint8Array([1]),
    });
    expect((await rejection(second.decrypt({ CiphertextBlob }))).name).toBe('NotFoundException');
    const noise = await rejection(
      second.decrypt({ CiphertextBlob: new TextEncoder().encode('hello world, not a blob') }),
    );
    expect(noise.name).toBe('InvalidCiphertextException');
  });
});

describe('lone UTF-16 surrogates in an encryption context', () => {
  it('are refused, so {"k":"\\ud800"}, {"k":"\\udc00"} and {"k":"\\ufffd"} cannot share a ciphertext', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({});
    const KeyId = KeyMetadata?.KeyId;
    const { CiphertextBlob } = await kms.encrypt({
      KeyId,
      Plaintext: new Uint8Array([1]),
      EncryptionContext: { k: '\ufffd' },
    });
    const contexts: Record<string, string>[] = [
      { k: '\ud800' },
      { k: '\udc00' },
      { '\udbff': 'v' },
    ];
    for (const context of contexts) {
      const encrypting = await rejection(
        kms.encrypt({ KeyId, Plaintext: new Uint8Array([1]), EncryptionContext: context }),
      );
      expect(encrypting.name).toBe('ValidationException');
      expect(encrypting.message).toContain('lone UTF-16 surrogate');
      const decrypting = await rejection(
        kms.decrypt({ CiphertextBlob, EncryptionContext: context }),
      );
      expect(decrypting.name).toBe('ValidationException');
      expect(() => encodeEncryptionContext(context)).toThrow(/lone UTF-16 surrogate/);
    }
    // A well-formed pair of surrogates is one character, and welcome.
    await kms.encrypt({
      KeyId,
      Plaintext: new Uint8Array([1]),
      EncryptionContext: { k: '\ud83d\udd11' },
    });
  });
});
